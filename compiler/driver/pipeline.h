// The compiler pipeline: the one place that states the order of the stages and what each
// guarantees to the next.
#pragma once

#include "ast/ast.h"
#include "driver/options.h"
#include "model/model.h"
#include "ode/mechanism.h"
#include "support/diagnostics.h"

#include <memory>

namespace ranvier::driver {

// Parses and checks one file. Returns the module when it has no errors (warnings allowed);
// null otherwise, with every error reported to `diags`.
std::unique_ptr<ast::Module> run_front_end(FileId file, SourceManager& sources,
                                           DiagnosticEngine& diags, const Options& options);

// Model files (with CELL blocks): the front end checks each INCLUDEd mechanism on its own. This
// resolves the CELLs against those and the standard library (parsed and checked into
// `library`, which must outlive the model).
std::optional<model::Model> run_model(const ast::Module& file, SourceManager& sources,
                                      DiagnosticEngine& diags, const Options& options,
                                      std::vector<std::unique_ptr<ast::Module>>& library);

// `ranvier build`: the model's one CELL as an executable (kernels of every mechanism it uses,
// the cell's description, the runtime's command line), compiled with this build's C++ compiler.
// 0 on success; 1 with errors reported.
int build_executable(const model::Model& model, DiagnosticEngine& diags, const Options& options);

// `ranvier plot DIR [options]`: runs the plotting script (scripts/ranvier_plot.py) with this
// build's Python on argv[2..]; returns its exit status.
int plot(int argc, char** argv);

// Lowers a checked module to the ODE-system IR (stage 4). Null, with errors reported, when the
// module uses something that cannot be lowered yet.
std::unique_ptr<ode::Mechanism> run_lowering(const ast::Module& module, DiagnosticEngine& diags,
                                             const Options& options);

} // namespace ranvier::driver
