// Helpers for front-end tests: parse a string, print a module.
#pragma once

#include "ast/printer.h"
#include "syntax/parse.h"

#include <sstream>
#include <string>

namespace ranvier::test {

struct Parsed {
    SourceManager sources;
    DiagnosticEngine diags{sources};
    std::unique_ptr<ast::Module> module;

    std::string messages() const {
        std::ostringstream out;
        diags.print(out);
        return out.str();
    }
};

inline std::unique_ptr<Parsed> parse(const std::string& text) {
    auto result = std::make_unique<Parsed>();
    FileId id = result->sources.add("test.mod", text);
    result->module = syntax::parse_module(id, result->sources, result->diags, {});
    return result;
}

inline std::string print(const ast::Module& module, ast::Style style = ast::Style::Source) {
    std::ostringstream out;
    ast::print_nmodl(out, module, style);
    return out.str();
}

// The tree form of the module parsed from `text`, or the diagnostics if it does not parse.
inline std::string tree(const std::string& text) {
    auto parsed = parse(text);
    return parsed->module ? print(*parsed->module, ast::Style::Tree) : parsed->messages();
}

} // namespace ranvier::test
