// Lowering (pipeline stage 4): a checked NMODL module -> the ODE-system IR of mechanism.h.
#pragma once

#include "ast/ast.h"
#include "ode/mechanism.h"
#include "support/diagnostics.h"

#include <memory>

namespace ranvier::ode {

struct LowerOptions {
    // Read FUNCTIONs and PROCEDUREs with TABLE from tables, as NEURON does by default for its
    // fixed-step methods, instead of computing them exactly (Ranvier's default).
    bool tables = false;
};

// Returns null, with diagnostics, when something in the module cannot be lowered yet.
std::unique_ptr<Mechanism> lower_module(const ast::Module& module, DiagnosticEngine& diags,
                                        const LowerOptions& options = {});

} // namespace ranvier::ode
