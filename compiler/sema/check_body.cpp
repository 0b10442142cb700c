// BodyChecker: name resolution and block-context rules inside procedural blocks.
#include "sema/check_body.h"

#include "sema/builtins.h"

namespace ranvier::sema {

namespace {

bool is_kinetic_like(Context c) {
    return c == Context::Kinetic;
}
bool is_equation_block(Context c) {
    return c == Context::Linear || c == Context::Nonlinear;
}

Context context_of(ast::NamedKind kind) {
    switch (kind) {
    case ast::NamedKind::Derivative:
        return Context::Derivative;
    case ast::NamedKind::Kinetic:
        return Context::Kinetic;
    case ast::NamedKind::Linear:
        return Context::Linear;
    case ast::NamedKind::Nonlinear:
        return Context::Nonlinear;
    case ast::NamedKind::Discrete:
        return Context::Discrete;
    case ast::NamedKind::Partial:
        return Context::Partial;
    }
    return Context::Derivative;
}

Context context_of(ast::ProceduralKind kind) {
    switch (kind) {
    case ast::ProceduralKind::Initial:
        return Context::Initial;
    case ast::ProceduralKind::Breakpoint:
        return Context::Breakpoint;
    case ast::ProceduralKind::Constructor:
        return Context::Constructor;
    case ast::ProceduralKind::Destructor:
        return Context::Destructor;
    }
    return Context::Initial;
}

} // namespace

void BodyChecker::check(const ast::Item& item) {
    static const std::vector<ast::Formal> kNoFormals;
    if (auto* p = ast::dyn_cast<ast::ProceduralItem>(&item)) {
        enter(context_of(p->block_kind), nullptr, kNoFormals);
        block(p->body);
    } else if (auto* n = ast::dyn_cast<ast::NamedItem>(&item)) {
        enter(context_of(n->block_kind), nullptr, kNoFormals);
        for (const ast::Identifier& id : n->solve_for) {
            const Symbol* s = symbols_.find(id.name);
            if (!s || s->kind != SymbolKind::State)
                diags_.error(id.range, "SOLVEFOR names '" + id.name + "', which is not a STATE");
        }
        equations_ = 0;
        equation_states_.clear();
        block(n->body);
        // The solved STATEs are those the equations mention (or SOLVEFOR lists): a square system.
        std::size_t unknowns = n->solve_for.empty() ? equation_states_.size() : n->solve_for.size();
        if (is_equation_block(context_) && equations_ != unknowns)
            diags_.error(n->name.range,
                         std::string(ast::keyword(n->block_kind)) + " block '" + n->name.name +
                             "' has " + std::to_string(equations_) +
                             (equations_ == 1 ? " equation for " : " equations for ") +
                             std::to_string(unknowns) + " STATEs");
    } else if (auto* c = ast::dyn_cast<ast::CallableItem>(&item)) {
        if (!c->body)
            return; // FUNCTION_TABLE
        Context context = c->callable_kind == ast::CallableKind::Function    ? Context::Function
                          : c->callable_kind == ast::CallableKind::Procedure ? Context::Procedure
                                                                             : Context::NetReceive;
        enter(context, c, c->formals);
        block(*c->body);
    } else if (auto* b = ast::dyn_cast<ast::BeforeAfterItem>(&item)) {
        enter(Context::BeforeAfter, nullptr, kNoFormals);
        block(b->body);
    }
    scopes_.clear();
}

void BodyChecker::enter(Context context, const ast::CallableItem* callable,
                        const std::vector<ast::Formal>& formals) {
    context_ = context;
    callable_ = callable;
    scopes_.assign(1, Scope{});
    for (const ast::Formal& formal : formals)
        declare_local(formal.name, formal.size.has_value());
}

void BodyChecker::declare_local(const ast::Identifier& name, bool is_array) {
    // The body's outermost LOCALs share the formals' scope (C would reject the clash).
    if (scopes_.size() == 2) {
        auto formal = scopes_.front().find(name.name);
        if (formal != scopes_.front().end()) {
            diags_.error(name.range, "redefinition of '" + name.name + "'");
            diags_.note(formal->second.declared, "previous definition is here");
            return;
        }
    }
    auto [it, inserted] = scopes_.back().emplace(name.name, Local{name.range, is_array});
    if (!inserted) {
        diags_.error(name.range, "redefinition of '" + name.name + "'");
        diags_.note(it->second.declared, "previous definition is here");
    }
}

const BodyChecker::Local* BodyChecker::find_local(const std::string& name) const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
        auto it = scope->find(name);
        if (it != scope->end())
            return &it->second;
    }
    return nullptr;
}

// A LOCAL is visible in its whole block (NMODL has no declare-before-use rule), so the block's
// LOCAL statements are entered before its statements are checked.
void BodyChecker::block(const ast::Block& b) {
    scopes_.emplace_back();
    for (const ast::StmtPtr& s : b.stmts) {
        if (auto* local = ast::dyn_cast<ast::LocalStmt>(s.get())) {
            for (const ast::LocalName& name : local->names)
                declare_local(name.name, name.size.has_value());
        }
    }
    for (const ast::StmtPtr& s : b.stmts)
        statement(*s);
    scopes_.pop_back();
}

void BodyChecker::require(bool allowed, SourceRange where, const std::string& what) {
    if (!allowed)
        diags_.error(where, what);
}

void BodyChecker::statement(const ast::Stmt& s) {
    using K = ast::StmtKind;
    switch (s.kind) {
    case K::Local:
        return;
    case K::Assign:
        assignment(ast::cast<ast::AssignStmt>(s));
        return;
    case K::Reaction:
        reaction(ast::cast<ast::ReactionStmt>(s));
        return;
    case K::Conserve: {
        auto& c = ast::cast<ast::ConserveStmt>(s);
        require(is_kinetic_like(context_), s.range, "CONSERVE is allowed only in a KINETIC block");
        expr(*c.lhs);
        expr(*c.rhs);
        return;
    }
    case K::Compartment: {
        auto& c = ast::cast<ast::CompartmentStmt>(s);
        require(is_kinetic_like(context_), s.range,
                std::string(c.longitudinal ? "LONGITUDINAL_DIFFUSION" : "COMPARTMENT") +
                    " is allowed only in a KINETIC block");
        scopes_.emplace_back();
        if (c.index)
            declare_local(*c.index, false);
        expr(*c.volume);
        // Species may be STATEs or fixed concentrations (an ion's outside concentration).
        for (const auto& species : c.species)
            var(*species, false);
        scopes_.pop_back();
        return;
    }
    case K::If: {
        auto& i = ast::cast<ast::IfStmt>(s);
        expr(*i.condition);
        block(i.then_block);
        if (i.else_branch)
            statement(*i.else_branch);
        return;
    }
    case K::While: {
        auto& w = ast::cast<ast::WhileStmt>(s);
        expr(*w.condition);
        block(w.body);
        return;
    }
    case K::From: {
        auto& f = ast::cast<ast::FromStmt>(s);
        expr(*f.from);
        expr(*f.to);
        if (f.by)
            expr(*f.by);
        // An undeclared loop variable is declared by the loop, as in nocmodl.
        bool implicit = !find_local(f.var.name) && !symbols_.find(f.var.name);
        if (implicit) {
            scopes_.emplace_back();
            declare_local(f.var, false);
        }
        block(f.body);
        if (implicit)
            scopes_.pop_back();
        return;
    }
    case K::ForNetcons: {
        auto& f = ast::cast<ast::ForNetconsStmt>(s);
        require(in_net_receive(), s.range, "FOR_NETCONS is allowed only in a NET_RECEIVE block");
        scopes_.emplace_back();
        for (const ast::Formal& formal : f.formals)
            declare_local(formal.name, formal.size.has_value());
        block(f.body);
        scopes_.pop_back();
        return;
    }
    case K::Solve:
        solve(ast::cast<ast::SolveStmt>(s));
        return;
    case K::Table:
        table(ast::cast<ast::TableStmt>(s));
        return;
    case K::Watch:
        require(in_net_receive(), s.range, "WATCH is allowed only in a NET_RECEIVE block");
        for (const ast::WatchItem& item : ast::cast<ast::WatchStmt>(s).items) {
            expr(*item.condition);
            auto* cmp = ast::dyn_cast<ast::BinaryExpr>(item.condition.get());
            if (!cmp || (cmp->op != ast::BinaryOp::Lt && cmp->op != ast::BinaryOp::Gt))
                diags_.error(item.condition->range,
                             "WATCH condition must be a '<' or '>' comparison");
            if (item.flag) {
                expr(*item.flag);
            } else {
                diags_.error(item.condition->range, "WATCH needs a flag after its condition");
            }
        }
        return;
    case K::Call:
        call(*ast::cast<ast::CallStmt>(s).call);
        return;
    case K::Initial: {
        require(context_ == Context::NetReceive, s.range,
                "a nested INITIAL block is allowed only in NET_RECEIVE");
        Context saved = context_;
        context_ = Context::NetReceiveInitial;
        block(ast::cast<ast::InitialStmt>(s).body);
        context_ = saved;
        return;
    }
    case K::Block:
        block(ast::cast<ast::BlockStmt>(s).body);
        return;
    case K::Lag: {
        auto& l = ast::cast<ast::LagStmt>(s);
        for (const ast::Identifier* id : {&l.var, &l.by}) {
            if (!find_local(id->name) && !symbols_.find(id->name) && !is_builtin_variable(id->name))
                undeclared(*id, "identifier");
        }
        return;
    }
    case K::Conductance: {
        auto& c = ast::cast<ast::ConductanceStmt>(s);
        ast::VarExpr conductance;
        conductance.name = c.conductance;
        conductance.range = c.conductance.range;
        var(conductance, false);
        return;
    }
    case K::Keyword:
    case K::Sens:
    case K::Text:
    case K::UnitsSwitch:
        return;
    }
}

void BodyChecker::assignment(const ast::AssignStmt& a) {
    const ast::VarExpr& lhs = *a.lhs;
    expr(*a.rhs);
    if (lhs.primes > 0) {
        require(context_ == Context::Derivative || context_ == Context::Kinetic, lhs.range,
                "a derivative (" + lhs.name.name + "') may be assigned only in a DERIVATIVE block");
        const Symbol* sym = symbols_.find(lhs.name.name);
        if (sym && sym->kind != SymbolKind::State) {
            diags_.error(lhs.name.range, "'" + lhs.name.name + "' is " + a_or_an(sym->kind) +
                                             ", not a STATE; only STATEs have derivatives");
            diags_.note(sym->declared, "'" + lhs.name.name + "' is declared here");
        } else if (find_local(lhs.name.name)) {
            diags_.error(lhs.name.range, "'" + lhs.name.name +
                                             "' is a LOCAL variable, not a STATE; "
                                             "only STATEs have derivatives");
        } else if (!sym) {
            undeclared(lhs.name, "identifier");
        } else if (sym) {
            facts_.states_with_equations.insert(lhs.name.name);
        }
        if (lhs.index)
            expr(*lhs.index);
        return;
    }
    var(lhs, /*assigned=*/true);
}

void BodyChecker::reaction(const ast::ReactionStmt& r) {
    if (r.op == ast::ReactionOp::Equation) {
        require(is_equation_block(context_) || is_kinetic_like(context_), r.range,
                "a '~' equation is allowed only in a LINEAR or NONLINEAR block");
        expr(*r.rate1);
        expr(*r.rate2);
        ++equations_;
        for (const ast::Expr* side : {r.rate1.get(), r.rate2.get()})
            collect_states(*side);
        return;
    }
    require(is_kinetic_like(context_), r.range, "a reaction is allowed only in a KINETIC block");
    for (const auto* side : {&r.lhs, &r.rhs}) {
        for (const ast::Reactant& reactant : *side) {
            const ast::VarExpr& species = *reactant.species;
            const Symbol* sym = symbols_.find(species.name.name);
            if (!sym && !find_local(species.name.name)) {
                undeclared(species.name, "identifier");
            } else if (sym && sym->kind == SymbolKind::State) {
                facts_.states_with_equations.insert(species.name.name);
            } else if (r.op == ast::ReactionOp::Flux) {
                // NEURON allows non-STATE species as fixed concentrations in a reaction; a flux
                // must change a STATE.
                diags_.error(species.range,
                             "'" + species.name.name + "' receives a flux but is not a STATE");
            }
            if (species.index)
                expr(*species.index);
        }
    }
    expr(*r.rate1);
    if (r.rate2)
        expr(*r.rate2);
}

// STATEs mentioned by a '~' equation count as having an equation (LINEAR/NONLINEAR solve them).
void BodyChecker::collect_states(const ast::Expr& e) {
    if (auto* v = ast::dyn_cast<ast::VarExpr>(&e)) {
        const Symbol* sym = symbols_.find(v->name.name);
        if (sym && sym->kind == SymbolKind::State && !find_local(v->name.name)) {
            equation_states_.insert(v->name.name);
            facts_.states_with_equations.insert(v->name.name);
        }
        if (v->index)
            collect_states(*v->index);
    } else if (auto* u = ast::dyn_cast<ast::UnaryExpr>(&e)) {
        collect_states(*u->operand);
    } else if (auto* b = ast::dyn_cast<ast::BinaryExpr>(&e)) {
        collect_states(*b->lhs);
        collect_states(*b->rhs);
    } else if (auto* c = ast::dyn_cast<ast::CallExpr>(&e)) {
        for (const ast::ExprPtr& arg : c->args)
            collect_states(*arg);
    }
}

void BodyChecker::solve(const ast::SolveStmt& s) {
    facts_.solves.push_back(&s);
    if (s.if_error)
        block(*s.if_error);
}

void BodyChecker::table(const ast::TableStmt& t) {
    require(context_ == Context::Function || context_ == Context::Procedure, t.range,
            "TABLE is allowed only in a FUNCTION or PROCEDURE");
    if (callable_ && callable_->formals.size() != 1)
        diags_.error(t.range,
                     "a " + std::string(ast::keyword(callable_->callable_kind)) +
                         " with a TABLE must have exactly one argument (the table's variable)");
    for (const auto* list : {&t.tabled, &t.depend}) {
        for (const ast::Identifier& id : *list) {
            if (!symbols_.find(id.name) && !is_builtin_variable(id.name))
                undeclared(id, "identifier");
        }
    }
    expr(*t.from);
    expr(*t.to);
    expr(*t.with);
}

void BodyChecker::expr(const ast::Expr& e) {
    switch (e.kind) {
    case ast::ExprKind::Number:
    case ast::ExprKind::String:
        return;
    case ast::ExprKind::Var:
        var(ast::cast<ast::VarExpr>(e), false);
        return;
    case ast::ExprKind::Call:
        call(ast::cast<ast::CallExpr>(e));
        return;
    case ast::ExprKind::Unary:
        expr(*ast::cast<ast::UnaryExpr>(e).operand);
        return;
    case ast::ExprKind::Binary: {
        auto& b = ast::cast<ast::BinaryExpr>(e);
        expr(*b.lhs);
        expr(*b.rhs);
        return;
    }
    }
}

void BodyChecker::var(const ast::VarExpr& v, bool assigned) {
    if (v.index)
        expr(*v.index);
    const std::string& name = v.name.name;
    bool is_array = false;
    if (const Local* local = find_local(name)) {
        is_array = local->is_array;
    } else if (callable_ && name == callable_->name.name &&
               callable_->callable_kind == ast::CallableKind::Function) {
        return; // the FUNCTION's own name holds its value
    } else if (const Symbol* sym = symbols_.find(name)) {
        if (!is_variable(sym->kind)) {
            diags_.error(v.name.range,
                         "'" + name + "' is " + a_or_an(sym->kind) +
                             (assigned ? " and cannot be assigned" : ", not a variable"));
            diags_.note(sym->declared, "'" + name + "' is declared here");
            return;
        }
        if (assigned && sym->kind == SymbolKind::State)
            facts_.states_assigned.insert(name);
        if (assigned &&
            (sym->kind == SymbolKind::Constant || sym->kind == SymbolKind::UnitsConstant ||
             sym->kind == SymbolKind::Define)) {
            diags_.error(v.name.range, "cannot assign to " + std::string(describe(sym->kind)) +
                                           " '" + name + "'");
            return;
        }
        is_array = sym->is_array;
    } else if (!is_builtin_variable(name)) {
        if (context_ == Context::Kinetic && (name == "f_flux" || name == "b_flux"))
            return;
        if (in_net_receive() && name == "flag")
            return; // NET_RECEIVE's implicit event flag
        undeclared(v.name, "identifier");
        return;
    }
    if (v.index && !is_array)
        diags_.error(v.range, "'" + name + "' is not an array but is indexed");
}

void BodyChecker::call(const ast::CallExpr& c) {
    for (const ast::ExprPtr& arg : c.args)
        expr(*arg);
    const std::string& name = c.callee.name;
    if (callable_ && callable_->callable_kind != ast::CallableKind::NetReceive)
        facts_.calls[callable_->name.name].push_back(c.callee);

    if (name == "net_send")
        require(context_ == Context::Initial || in_net_receive(), c.range,
                "net_send is allowed only in INITIAL and NET_RECEIVE blocks");
    if (name == "net_move" || name == "net_event")
        require(in_net_receive(), c.range, name + " is allowed only in a NET_RECEIVE block");

    int expected = -1;
    if (const Symbol* sym = symbols_.find(name)) {
        if (is_variable(sym->kind) || sym->kind == SymbolKind::Block) {
            diags_.error(c.callee.range,
                         "'" + name + "' is " + a_or_an(sym->kind) + ", not a function");
            diags_.note(sym->declared, "'" + name + "' is declared here");
            return;
        }
        expected = static_cast<int>(sym->callable->formals.size());
    } else if (is_builtin_function(name)) {
        expected = builtin_arity(name);
    } else {
        undeclared(c.callee, "function");
        return;
    }
    if (expected >= 0 && static_cast<int>(c.args.size()) != expected) {
        diags_.error(c.range, "'" + name + "' takes " + std::to_string(expected) +
                                  (expected == 1 ? " argument" : " arguments") + " but " +
                                  std::to_string(c.args.size()) +
                                  (c.args.size() == 1 ? " was given" : " were given"));
    }
}

// Each undeclared name is reported once. With VERBATIM code in the module it may be a C name
// declared there, so it is a warning, as in nocmodl.
void BodyChecker::undeclared(const ast::Identifier& name, const char* what) {
    if (!reported_.insert(name.name).second)
        return;
    std::string message = std::string("use of undeclared ") + what + " '" + name.name + "'";
    if (symbols_.mechanism().has_verbatim) {
        diags_.warning(name.range, message + " (declared in VERBATIM code?)");
    } else {
        diags_.error(name.range, message);
    }
}

} // namespace ranvier::sema
