// The kernel printers (pipeline stages 6-7): one HOST_DEVICE body per entry point of a lowered
// mechanism, printed once, with a C++ shell (a loop over instances) or a CUDA shell (a thread per
// instance) around it. The generated file includes the runtime's kernel headers and defines the
// rv_mechanism descriptor of runtime/include/ranvier/kernel/abi.h.
#pragma once

#include "ode/mechanism.h"

#include <iosfwd>
#include <string>

namespace ranvier::codegen {

enum class Target { Cpp, Cuda };

// `source` is the .mod file's name as comments should cite it (no folders: output must not
// depend on where the file lives).
void print_kernels(std::ostream& out, ode::Mechanism& mech, const std::string& source,
                   Target target);

} // namespace ranvier::codegen
