// Visits every statement of a block or item, nested blocks included, in source order.
#pragma once

#include "ast/ast.h"

#include <functional>

namespace ranvier::ast {

using StmtVisitor = std::function<void(const Stmt&)>;

void for_each_stmt(const Block& block, const StmtVisitor& visit);
// The statements of a procedural item (INITIAL, DERIVATIVE, FUNCTION, ...); none for others.
void for_each_stmt(const Item& item, const StmtVisitor& visit);

} // namespace ranvier::ast
