// Builder, part 4: NETWORK blocks.
#include "syntax/builder.h"

namespace ranvier::syntax {

ast::ItemPtr Builder::network(P::NetworkBlockContext* ctx) {
    auto item = make_node<ast::NetworkItem>(range(ctx));
    item->name = identifier(ctx->name());
    for (P::NetworkStmtContext* c : ctx->networkStmt())
        item->stmts.push_back(network_stmt(c));
    return item;
}

ast::Selection Builder::selection(P::SelectionContext* ctx) const {
    ast::Selection s;
    s.population = identifier(ctx->name());
    std::vector<antlr4::tree::TerminalNode*> numbers = ctx->NUMBER();
    if (!numbers.empty())
        s.first = number(numbers[0]->getSymbol());
    if (numbers.size() > 1)
        s.last = number(numbers[1]->getSymbol());
    s.range = range(ctx);
    return s;
}

std::vector<ast::NetArgument> Builder::net_arguments(P::NetArgsContext* ctx) const {
    std::vector<ast::NetArgument> result;
    if (!ctx)
        return result;
    for (P::NetArgContext* c : ctx->netArg()) {
        ast::NetArgument a;
        std::vector<P::NameContext*> names = c->name();
        std::size_t next = 0;
        if (c->ASSIGN())
            a.name = identifier(names[next++]);
        if (c->quantity())
            a.value = quantity(c->quantity());
        else if (c->STRING())
            a.text = unquoted(c->STRING());
        else if (next < names.size())
            a.word = identifier(names[next]);
        a.range = range(c);
        result.push_back(std::move(a));
    }
    return result;
}

ast::Value Builder::value(P::ValueContext* ctx) const {
    ast::Value v;
    v.range = range(ctx);
    if (ctx->quantity()) {
        v.constant = quantity(ctx->quantity());
        return v;
    }
    v.distribution = identifier(ctx->name());
    v.arguments = net_arguments(ctx->netArgs());
    if (ctx->unit())
        v.unit = unit(ctx->unit());
    return v;
}

// RULE, WEIGHT and DELAY in any order: values follow their keyword.
void Builder::projection_body(P::ProjectionBodyContext* ctx, ast::NetworkStmt& stmt) const {
    if (!ctx)
        return;
    bool weights = false;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
            const std::size_t type = t->getSymbol()->getType();
            if (type == P::WEIGHT)
                weights = true;
            else if (type == P::DELAY || type == P::RULE)
                weights = false;
        } else if (auto* n = dynamic_cast<P::NameContext*>(child)) {
            stmt.rule = identifier(n);
        } else if (auto* a = dynamic_cast<P::NetArgsContext*>(child)) {
            stmt.rule_arguments = net_arguments(a);
        } else if (auto* v = dynamic_cast<P::ValueContext*>(child)) {
            if (weights)
                stmt.weights.push_back(value(v));
            else
                stmt.delay = value(v);
        }
    }
}

ast::NetworkStmt Builder::network_stmt(P::NetworkStmtContext* ctx) {
    ast::NetworkStmt stmt;
    stmt.range = range(ctx);
    using K = ast::NetworkStmtKind;
    if (auto* c = dynamic_cast<P::NetworkSettingContext*>(ctx)) {
        stmt.kind = K::Setting;
        ast::Setting s = setting(c->setting());
        stmt.name = s.name;
        stmt.value = s.value;
        return stmt;
    }
    if (auto* c = dynamic_cast<P::NetworkPopulationContext*>(ctx)) {
        stmt.kind = K::Population;
        stmt.label = identifier(c->name(0));
        stmt.name = identifier(c->name(1));
        stmt.count = number(c->NUMBER()->getSymbol());
        if (P::ParametersContext* p = c->parameters())
            for (P::ParameterContext* pc : p->parameter()) {
                ast::Parameter parameter;
                std::vector<P::NameContext*> names = pc->name();
                if (names.size() > 1)
                    parameter.owner = identifier(names[0]);
                parameter.name = identifier(names.back());
                parameter.value = value(pc->value());
                parameter.range = range(pc);
                stmt.parameters.push_back(std::move(parameter));
            }
        return stmt;
    }
    if (auto* c = dynamic_cast<P::NetworkProjectionContext*>(ctx)) {
        stmt.kind = K::Projection;
        std::vector<P::NameContext*> names = c->name();
        if (c->ASSIGN())
            stmt.label = identifier(names[0]);
        if (c->DOT())
            stmt.synapse = identifier(names.back());
        stmt.sources.push_back(selection(c->selection(0)));
        stmt.target = selection(c->selection(1));
        projection_body(c->projectionBody(), stmt);
        return stmt;
    }
    if (auto* c = dynamic_cast<P::NetworkStimulusContext*>(ctx)) {
        stmt.kind = K::Stimulus;
        std::vector<P::NameContext*> names = c->name();
        std::size_t next = 0;
        if (c->ASSIGN())
            stmt.label = identifier(names[next++]);
        stmt.name = identifier(names[next++]);
        if (next < names.size())
            stmt.synapse = identifier(names[next]);
        stmt.arguments = net_arguments(c->netArgs());
        stmt.target = selection(c->selection());
        if (c->location())
            stmt.location = location(c->location());
        projection_body(c->projectionBody(), stmt);
        return stmt;
    }
    if (auto* c = dynamic_cast<P::NetworkRecordContext*>(ctx)) {
        stmt.kind = K::Record;
        std::vector<P::NameContext*> names = c->name();
        stmt.name = identifier(names[0]);
        if (c->OF())
            stmt.synapse = identifier(names[1]);
        for (P::SelectionContext* s : c->selection())
            stmt.sources.push_back(selection(s));
        if (c->location())
            stmt.location = location(c->location());
        if (c->quantity())
            stmt.value = quantity(c->quantity());
        return stmt;
    }
    if (auto* c = dynamic_cast<P::NetworkCommentContext*>(ctx)) {
        stmt.kind = K::Comment;
        stmt.text = block_text(c->commentBlock()->COMMENT_BLOCK()->getSymbol(), 7, 10);
    }
    return stmt;
}

} // namespace ranvier::syntax
