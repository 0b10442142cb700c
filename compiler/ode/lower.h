// Lowering (pipeline stage 4): a checked NMODL module -> the ODE-system IR of mechanism.h.
#pragma once

#include "ast/ast.h"
#include "ode/mechanism.h"
#include "support/diagnostics.h"

#include <memory>

namespace ranvier::ode {

// Returns null, with diagnostics, when something in the module cannot be lowered yet.
std::unique_ptr<Mechanism> lower_module(const ast::Module& module, DiagnosticEngine& diags);

} // namespace ranvier::ode
