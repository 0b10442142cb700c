// Prints an AST back to NMODL. Parsing the printed text gives the same AST (up to source
// locations): the round-trip property the lit tests check. Expressions get the fewest
// parentheses that keep their structure.
#pragma once

#include "ast/ast.h"

#include <iosfwd>
#include <string>

namespace ranvier::ast {

// Source: NMODL as a person writes it. Tree: the same, but every expression fully parenthesised
// as (op operand...), which makes the tree explicit (`ranvier emit --stage=ast`, and the AST
// equality used by the round-trip tests).
enum class Style { Source, Tree };

void print_nmodl(std::ostream& out, const Module& module, Style style = Style::Source);
std::string to_nmodl(const Expr& expr, Style style = Style::Source);

} // namespace ranvier::ast
