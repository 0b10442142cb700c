// The compiler pipeline: the one place that states the order of the stages and what each
// guarantees to the next.
#pragma once

#include "ast/ast.h"
#include "driver/options.h"
#include "ode/mechanism.h"
#include "support/diagnostics.h"

#include <memory>

namespace ranvier::driver {

// Parses and checks one file. Returns the module when it has no errors (warnings allowed);
// null otherwise, with every error reported to `diags`.
std::unique_ptr<ast::Module> run_front_end(FileId file, SourceManager& sources,
                                           DiagnosticEngine& diags, const Options& options);

// Lowers a checked module to the ODE-system IR (stage 4). Null, with errors reported, when the
// module uses something that cannot be lowered yet.
std::unique_ptr<ode::Mechanism> run_lowering(const ast::Module& module, DiagnosticEngine& diags,
                                             const Options& options);

} // namespace ranvier::driver
