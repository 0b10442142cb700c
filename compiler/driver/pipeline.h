// The compiler pipeline: the one place that states the order of the stages and what each
// guarantees to the next.
#pragma once

#include "ast/ast.h"
#include "driver/options.h"
#include "support/diagnostics.h"

#include <memory>

namespace ranvier::driver {

// Parses and checks one file. Returns the module when it has no errors (warnings allowed);
// null otherwise, with every error reported to `diags`.
std::unique_ptr<ast::Module> run_front_end(FileId file, SourceManager& sources,
                                           DiagnosticEngine& diags, const Options& options);

} // namespace ranvier::driver
