// Builder, part 3: statements and expressions.
#include "syntax/builder.h"

namespace ranvier::syntax {

namespace {

ast::BinaryOp binary_op(std::size_t token_type) {
    switch (token_type) {
    case P::POW: return ast::BinaryOp::Pow;
    case P::MUL: return ast::BinaryOp::Mul;
    case P::DIV: return ast::BinaryOp::Div;
    case P::PLUS: return ast::BinaryOp::Add;
    case P::MINUS: return ast::BinaryOp::Sub;
    case P::LT: return ast::BinaryOp::Lt;
    case P::GT: return ast::BinaryOp::Gt;
    case P::LE: return ast::BinaryOp::Le;
    case P::GE: return ast::BinaryOp::Ge;
    case P::EQ: return ast::BinaryOp::Eq;
    case P::NE: return ast::BinaryOp::Ne;
    case P::AND: return ast::BinaryOp::And;
    default: return ast::BinaryOp::Or;
    }
}

} // namespace

ast::Block Builder::block(P::StmtBlockContext* ctx) {
    ast::Block result;
    result.range = range(ctx);
    for (P::StatementContext* c : ctx->statement()) result.stmts.push_back(statement(c));
    return result;
}

ast::StmtPtr Builder::text_stmt(antlr4::Token* token, ast::TextKind kind) {
    auto stmt = make_node<ast::TextStmt>(range(token));
    stmt->text_kind = kind;
    stmt->text = kind == ast::TextKind::Comment ? block_text(token, 7, 10) : block_text(token, 8, 11);
    return stmt;
}

std::vector<ast::LocalName> Builder::local_names(P::LocalStmtContext* ctx) {
    std::vector<ast::LocalName> result;
    for (P::LocalNameContext* c : ctx->localName()) {
        ast::LocalName local{identifier(c->name()), std::nullopt};
        if (c->arraySize()) local.size = array_size(c->arraySize());
        result.push_back(std::move(local));
    }
    return result;
}

ast::StmtPtr Builder::statement(P::StatementContext* ctx) {
    SourceRange r = range(ctx);
    if (auto* c = ctx->localStmt()) {
        auto stmt = make_node<ast::LocalStmt>(r);
        stmt->names = local_names(c);
        return stmt;
    }
    if (auto* c = ctx->assignment()) {
        std::unique_ptr<ast::AssignStmt> stmt = assignment(c);
        stmt->protect = ctx->PROTECT() != nullptr;
        stmt->range = r;
        return stmt;
    }
    if (auto* c = ctx->reaction()) return reaction(c);
    if (auto* c = ctx->conserveStmt()) {
        auto stmt = make_node<ast::ConserveStmt>(r);
        stmt->lhs = expression(c->expression(0));
        stmt->rhs = expression(c->expression(1));
        return stmt;
    }
    if (auto* c = ctx->compartmentStmt()) return compartment(c);
    if (auto* c = ctx->ifStmt()) return if_stmt(c);
    if (auto* c = ctx->whileStmt()) {
        auto stmt = make_node<ast::WhileStmt>(r);
        stmt->condition = expression(c->expression());
        stmt->body = block(c->stmtBlock());
        return stmt;
    }
    if (auto* c = ctx->fromStmt()) return from_stmt(c);
    if (auto* c = ctx->forNetconsStmt()) {
        auto stmt = make_node<ast::ForNetconsStmt>(r);
        stmt->formals = formals(c->formalList());
        stmt->body = block(c->stmtBlock());
        return stmt;
    }
    if (auto* c = ctx->solveStmt()) return solve(c);
    if (auto* c = ctx->tableStmt()) return table(c);
    if (auto* c = ctx->watchStmt()) return watch(c);
    if (auto* c = ctx->call()) {
        auto stmt = make_node<ast::CallStmt>(r);
        stmt->call = call(c);
        return stmt;
    }
    if (auto* c = ctx->initialBlock()) {
        auto stmt = make_node<ast::InitialStmt>(r);
        stmt->body = block(c->stmtBlock());
        return stmt;
    }
    if (auto* c = ctx->stmtBlock()) {
        auto stmt = make_node<ast::BlockStmt>(r);
        stmt->body = block(c);
        return stmt;
    }
    if (ctx->kind) {
        auto stmt = make_node<ast::KeywordStmt>(r);
        stmt->keyword = ctx->kind->getText();
        return stmt;
    }
    if (auto* c = ctx->lagStmt()) {
        auto stmt = make_node<ast::LagStmt>(r);
        stmt->var = identifier(c->name(0));
        stmt->by = identifier(c->name(1));
        return stmt;
    }
    if (auto* c = ctx->conductanceStmt()) {
        auto stmt = make_node<ast::ConductanceStmt>(r);
        stmt->conductance = identifier(c->name(0));
        if (c->USEION()) stmt->ion = identifier(c->name(1));
        return stmt;
    }
    if (ctx->SENS()) {
        auto stmt = make_node<ast::SensStmt>(r);
        stmt->names = names(ctx->nameList());
        return stmt;
    }
    if (ctx->commentBlock()) return text_stmt(ctx->getStart(), ast::TextKind::Comment);
    if (ctx->verbatimBlock()) return text_stmt(ctx->getStart(), ast::TextKind::Verbatim);
    auto stmt = make_node<ast::UnitsSwitchStmt>(r);
    stmt->on = ctx->unitsSwitch()->UNITSON() != nullptr;
    return stmt;
}

std::unique_ptr<ast::AssignStmt> Builder::assignment(P::AssignmentContext* ctx) {
    auto stmt = make_node<ast::AssignStmt>(range(ctx));
    stmt->lhs = var_ref(ctx->varRef());
    stmt->rhs = expression(ctx->expression());
    return stmt;
}

ast::StmtPtr Builder::reaction(P::ReactionContext* ctx) {
    auto stmt = make_node<ast::ReactionStmt>(range(ctx));
    std::vector<P::ExpressionContext*> exprs = ctx->expression();
    switch (ctx->op->getType()) {
    case P::REACT2:
        stmt->op = ast::ReactionOp::Reversible;
        stmt->lhs = reactants(ctx->reactants(0));
        stmt->rhs = reactants(ctx->reactants(1));
        break;
    case P::ARROW:
        stmt->op = ast::ReactionOp::Irreversible;
        stmt->lhs = reactants(ctx->reactants(0));
        if (ctx->reactants().size() > 1) stmt->rhs = reactants(ctx->reactants(1));
        break;
    case P::REACT1:
        stmt->op = ast::ReactionOp::Flux;
        stmt->lhs.push_back(reactant(ctx->reactant()));
        break;
    default: stmt->op = ast::ReactionOp::Equation; break;
    }
    stmt->rate1 = expression(exprs[0]);
    if (exprs.size() > 1) stmt->rate2 = expression(exprs[1]);
    return stmt;
}

std::vector<ast::Reactant> Builder::reactants(P::ReactantsContext* ctx) {
    std::vector<ast::Reactant> result;
    for (P::ReactantContext* c : ctx->reactant()) result.push_back(reactant(c));
    return result;
}

ast::Reactant Builder::reactant(P::ReactantContext* ctx) {
    ast::Reactant result;
    if (ctx->NUMBER()) result.coefficient = number(ctx->NUMBER()->getSymbol());
    result.species = var_ref(ctx->varRef());
    return result;
}

ast::StmtPtr Builder::compartment(P::CompartmentStmtContext* ctx) {
    auto stmt = make_node<ast::CompartmentStmt>(range(ctx));
    stmt->longitudinal = ctx->kind->getType() == P::LONGITUDINAL_DIFFUSION;
    if (ctx->name()) stmt->index = identifier(ctx->name());
    stmt->volume = expression(ctx->expression());
    for (P::VarRefContext* c : ctx->varRef()) stmt->species.push_back(var_ref(c));
    return stmt;
}

std::unique_ptr<ast::IfStmt> Builder::if_stmt(P::IfStmtContext* ctx) {
    auto stmt = make_node<ast::IfStmt>(range(ctx));
    stmt->condition = expression(ctx->expression());
    std::vector<P::StmtBlockContext*> blocks = ctx->stmtBlock();
    stmt->then_block = block(blocks[0]);
    if (ctx->ifStmt()) {
        stmt->else_branch = if_stmt(ctx->ifStmt());
    } else if (blocks.size() > 1) {
        auto else_block = make_node<ast::BlockStmt>(range(blocks[1]));
        else_block->body = block(blocks[1]);
        stmt->else_branch = std::move(else_block);
    }
    return stmt;
}

ast::StmtPtr Builder::from_stmt(P::FromStmtContext* ctx) {
    auto stmt = make_node<ast::FromStmt>(range(ctx));
    stmt->var = identifier(ctx->name());
    std::vector<P::ExpressionContext*> exprs = ctx->expression();
    stmt->from = expression(exprs[0]);
    stmt->to = expression(exprs[1]);
    if (exprs.size() > 2) stmt->by = expression(exprs[2]);
    stmt->body = block(ctx->stmtBlock());
    return stmt;
}

ast::StmtPtr Builder::solve(P::SolveStmtContext* ctx) {
    auto stmt = make_node<ast::SolveStmt>(range(ctx));
    stmt->block = identifier(ctx->name(0));
    if (ctx->method) stmt->method = identifier(ctx->method);
    if (ctx->steady) {
        stmt->method = identifier(ctx->steady);
        stmt->steady_state = true;
    }
    if (ctx->stmtBlock()) stmt->if_error = block(ctx->stmtBlock());
    return stmt;
}

ast::StmtPtr Builder::table(P::TableStmtContext* ctx) {
    auto stmt = make_node<ast::TableStmt>(range(ctx));
    stmt->tabled = names(ctx->tabled);
    stmt->depend = names(ctx->depend);
    std::vector<P::ExpressionContext*> exprs = ctx->expression();
    stmt->from = expression(exprs[0]);
    stmt->to = expression(exprs[1]);
    stmt->with = expression(exprs[2]);
    return stmt;
}

ast::StmtPtr Builder::watch(P::WatchStmtContext* ctx) {
    auto stmt = make_node<ast::WatchStmt>(range(ctx));
    for (P::WatchItemContext* c : ctx->watchItem()) {
        ast::WatchItem item;
        item.condition = expression(c->expression());
        if (c->signedNumber()) {
            auto flag = std::make_unique<ast::NumberExpr>();
            flag->number = number(c->signedNumber());
            flag->range = flag->number.range;
            item.flag = std::move(flag);
        } else if (c->name()) {
            auto flag = std::make_unique<ast::VarExpr>();
            flag->name = identifier(c->name());
            flag->range = flag->name.range;
            item.flag = std::move(flag);
        }
        stmt->items.push_back(std::move(item));
    }
    return stmt;
}

ast::ExprPtr Builder::expression(P::ExpressionContext* ctx) {
    if (auto* c = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(c->primary());
    if (auto* c = dynamic_cast<P::UnaryExprContext*>(ctx)) {
        auto expr = std::make_unique<ast::UnaryExpr>();
        expr->range = range(ctx);
        std::size_t type = c->op->getType();
        expr->op = type == P::MINUS  ? ast::UnaryOp::Neg
                   : type == P::PLUS ? ast::UnaryOp::Plus
                                     : ast::UnaryOp::Not;
        expr->operand = expression(c->expression());
        return expr;
    }
    auto* c = static_cast<P::BinaryExprContext*>(ctx);
    auto expr = std::make_unique<ast::BinaryExpr>();
    expr->range = range(ctx);
    expr->op = binary_op(c->op->getType());
    expr->lhs = expression(c->expression(0));
    expr->rhs = expression(c->expression(1));
    return expr;
}

ast::ExprPtr Builder::primary(P::PrimaryContext* ctx) {
    if (ctx->NUMBER()) {
        auto expr = std::make_unique<ast::NumberExpr>();
        expr->range = range(ctx);
        expr->number = number(ctx->NUMBER()->getSymbol());
        if (ctx->unit()) expr->unit = unit(ctx->unit());
        return expr;
    }
    if (ctx->call()) return call(ctx->call());
    if (ctx->varRef()) return var_ref(ctx->varRef());
    return expression(ctx->expression());
}

std::unique_ptr<ast::CallExpr> Builder::call(P::CallContext* ctx) {
    auto expr = std::make_unique<ast::CallExpr>();
    expr->range = range(ctx);
    expr->callee = identifier(ctx->name());
    for (P::ArgumentContext* arg : ctx->argument()) {
        if (arg->expression()) {
            expr->args.push_back(expression(arg->expression()));
            continue;
        }
        auto str = std::make_unique<ast::StringExpr>();
        str->range = range(arg);
        str->text = unquoted(arg->STRING());
        expr->args.push_back(std::move(str));
    }
    return expr;
}

std::unique_ptr<ast::VarExpr> Builder::var_ref(P::VarRefContext* ctx) {
    auto expr = std::make_unique<ast::VarExpr>();
    expr->range = range(ctx);
    expr->name = identifier(ctx->name());
    expr->primes = static_cast<int>(ctx->PRIME().size());
    if (ctx->expression()) expr->index = expression(ctx->expression());
    if (ctx->AT_SIGN()) expr->discrete_lag = ctx->NUMBER()->getText();
    return expr;
}

} // namespace ranvier::syntax
