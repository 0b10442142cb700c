// Statement traversal shared by the passes that need every statement of an item.
#include "ast/walk.h"

namespace ranvier::ast {

namespace {

void visit_stmt(const Stmt& stmt, const StmtVisitor& visit) {
    visit(stmt);
    switch (stmt.kind) {
    case StmtKind::If: {
        auto& s = cast<IfStmt>(stmt);
        for_each_stmt(s.then_block, visit);
        if (s.else_branch)
            visit_stmt(*s.else_branch, visit);
        return;
    }
    case StmtKind::While:
        for_each_stmt(cast<WhileStmt>(stmt).body, visit);
        return;
    case StmtKind::From:
        for_each_stmt(cast<FromStmt>(stmt).body, visit);
        return;
    case StmtKind::ForNetcons:
        for_each_stmt(cast<ForNetconsStmt>(stmt).body, visit);
        return;
    case StmtKind::Initial:
        for_each_stmt(cast<InitialStmt>(stmt).body, visit);
        return;
    case StmtKind::Block:
        for_each_stmt(cast<BlockStmt>(stmt).body, visit);
        return;
    case StmtKind::Solve: {
        auto& s = cast<SolveStmt>(stmt);
        if (s.if_error)
            for_each_stmt(*s.if_error, visit);
        return;
    }
    default:
        return;
    }
}

} // namespace

void for_each_stmt(const Block& block, const StmtVisitor& visit) {
    for (const StmtPtr& stmt : block.stmts)
        visit_stmt(*stmt, visit);
}

void for_each_stmt(const Item& item, const StmtVisitor& visit) {
    if (auto* p = dyn_cast<ProceduralItem>(&item))
        return for_each_stmt(p->body, visit);
    if (auto* n = dyn_cast<NamedItem>(&item))
        return for_each_stmt(n->body, visit);
    if (auto* c = dyn_cast<CallableItem>(&item)) {
        if (c->body)
            for_each_stmt(*c->body, visit);
        return;
    }
    if (auto* b = dyn_cast<BeforeAfterItem>(&item))
        for_each_stmt(b->body, visit);
}

} // namespace ranvier::ast
