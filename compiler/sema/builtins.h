// Names that NEURON provides to every mechanism without a declaration.
#pragma once

#include <string_view>

namespace ranvier::sema {

// v, t, dt, celsius, area, diam, ...
bool is_builtin_variable(std::string_view name);
// exp, log, fabs, net_send, normrand, ...: functions of the C library, of NEURON and of SCoP.
bool is_builtin_function(std::string_view name);
// exp, log, fabs, ...: the C mathematics library, whose names a mechanism cannot redefine (the
// generated C would clash). NEURON's and SCoP's helpers (ghk, step, ...) may be redefined.
bool is_c_math_function(std::string_view name);
// The number of arguments a builtin takes, or -1 when it varies (printf) or is not checked.
int builtin_arity(std::string_view name);

} // namespace ranvier::sema
