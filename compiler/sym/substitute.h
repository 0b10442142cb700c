// Replacing nodes of an expression: the result is rebuilt (and simplified) by the Context.
#pragma once

#include "sym/context.h"

#include <unordered_map>

namespace ranvier::sym {

// `e` with every occurrence of a key of `replacements` replaced by its value.
Expr substitute(Context& ctx, Expr e, const std::unordered_map<Expr, Expr>& replacements);

} // namespace ranvier::sym
