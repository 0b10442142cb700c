// Front door of the syntax stage: NMODL text -> ast::Module. ANTLR is an implementation detail
// of this folder; nothing outside compiler/syntax includes its headers.
#pragma once

#include "ast/ast.h"
#include "support/diagnostics.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace ranvier::syntax {

struct ParseOptions {
    // Searched, in order, for INCLUDE files not found beside the including file.
    std::vector<std::filesystem::path> include_paths;
};

// Parses a file already held by `sources`. Syntax errors are reported to `diags`; the result is
// null when the file (or a file it includes) has syntax errors. INCLUDE items are resolved
// relative to the including file, then along the include paths, and parsed recursively.
std::unique_ptr<ast::Module> parse_module(FileId file, SourceManager& sources,
                                          DiagnosticEngine& diags, const ParseOptions& options);

} // namespace ranvier::syntax
