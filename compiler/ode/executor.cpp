// Executor: symbolic execution of statements and expressions (see executor.h).
#include "ode/executor.h"

#include "ast/printer.h"
#include "ast/walk.h"
#include "ode/verbatim.h"
#include "sym/differentiate.h"
#include "sym/exprelr.h"
#include "sym/substitute.h"

#include <cmath>
#include <functional>
#include <limits>

namespace ranvier::ode {

namespace {

// FUNCTIONs and PROCEDUREs inline into their callers; sema has rejected recursion, so this
// only bounds pathological call chains.
constexpr int kMaxInlineDepth = 64;
// A FROM loop is unrolled; larger loops belong to the procedural kernel path, not to the ODE IR.
constexpr int kMaxUnroll = 4096;
// An array indexed by a value known only at run time is read and written element by element
// (a select on the index per element), which suits arrays up to this size.
constexpr int kMaxSelectArray = 64;

std::optional<sym::Kind> math_function(const std::string& name) {
    static const std::pair<const char*, sym::Kind> table[] = {
        {"exp", sym::Kind::Exp},         {"log", sym::Kind::Log},     {"log10", sym::Kind::Log10},
        {"sqrt", sym::Kind::Sqrt},       {"sin", sym::Kind::Sin},     {"cos", sym::Kind::Cos},
        {"tan", sym::Kind::Tan},         {"sinh", sym::Kind::Sinh},   {"cosh", sym::Kind::Cosh},
        {"tanh", sym::Kind::Tanh},       {"asin", sym::Kind::Asin},   {"acos", sym::Kind::Acos},
        {"atan", sym::Kind::Atan},       {"fabs", sym::Kind::Fabs},   {"abs", sym::Kind::Fabs},
        {"exprelr", sym::Kind::Exprelr}, {"atan2", sym::Kind::Atan2}, {"fmin", sym::Kind::Fmin},
        {"fmax", sym::Kind::Fmax},       {"floor", sym::Kind::Floor}, {"ceil", sym::Kind::Ceil},
    };
    for (const auto& [spelling, kind] : table) {
        if (name == spelling)
            return kind;
    }
    return std::nullopt;
}

std::string primed(std::string name, int primes) {
    return name + std::string(static_cast<std::size_t>(primes), '\'');
}

} // namespace

void Executor::unsupported(SourceRange where, const std::string& what) {
    diags_.error(where, what);
    failed_ = true;
}

// A block's LOCALs exist only inside it: their values are dropped (and shadowed outer values
// restored) when the block ends.
// What a SOLVEd DERIVATIVE block assigns besides the derivatives (an ASSIGNED such as minf,
// set by a PROCEDURE it calls): as in NEURON, where the block runs at the SOLVE, the
// statements after the SOLVE read those values, here as expressions of the state and v.
void Executor::derivative_side_effects(const ast::NamedItem& block, Frame& frame) {
    Frame side = frame;
    Effects* saved = effects;
    effects = nullptr;
    run(block.body, side);
    effects = saved;
    for (const auto& [name, value] : side.values) {
        if (name.ends_with("'") || side.locals.count(name) || frame.locals.count(name))
            continue;
        const sema::Symbol* sym = symbols_.find(name.substr(0, name.find('[')));
        if (!sym || sym->kind == sema::SymbolKind::State)
            continue;
        auto before = frame.values.find(name);
        if (before == frame.values.end() || !(before->second == value)) {
            frame.values[name] = value;
            derivative_side_names.insert(name);
        }
    }
}

void Executor::run(const ast::Block& block, Frame& frame) {
    std::map<std::string, std::optional<sym::Expr>> shadowed;
    for (const ast::StmtPtr& stmt : block.stmts) {
        auto* local = ast::dyn_cast<ast::LocalStmt>(stmt.get());
        if (!local)
            continue;
        for (const ast::LocalName& name : local->names) {
            auto it = frame.values.find(name.name.name);
            shadowed.emplace(name.name.name,
                             it == frame.values.end() ? std::nullopt : std::optional(it->second));
            frame.values[name.name.name] = ctx_.zero();
            frame.locals.insert(name.name.name);
        }
    }
    ++block_depth_;
    for (const ast::StmtPtr& stmt : block.stmts) {
        if (returned_)
            break;
        statement(*stmt, frame);
    }
    --block_depth_;
    // A return (from VERBATIM) in a top-level block such as INITIAL ends only that block.
    if (block_depth_ == 0 && !callable_)
        returned_ = false;
    for (const auto& [name, previous] : shadowed) {
        if (previous) {
            frame.values[name] = *previous;
        } else {
            frame.values.erase(name);
            frame.locals.erase(name);
        }
    }
}

void Executor::statement(const ast::Stmt& s, Frame& frame) {
    using K = ast::StmtKind;
    switch (s.kind) {
    case K::Assign: {
        auto& a = ast::cast<ast::AssignStmt>(s);
        assign(*a.lhs, eval(*a.rhs, frame), frame);
        derivative_side_names.erase(a.lhs->name.name); // assigned here in its own right
        return;
    }
    case K::If:
        if_else(ast::cast<ast::IfStmt>(s), frame);
        return;
    case K::From:
        from_loop(ast::cast<ast::FromStmt>(s), frame);
        return;
    case K::Block:
        run(ast::cast<ast::BlockStmt>(s).body, frame);
        return;
    case K::Call:
        eval(*ast::cast<ast::CallStmt>(s).call, frame);
        return;
    case K::Reaction:
        reaction(ast::cast<ast::ReactionStmt>(s), frame);
        return;
    case K::Compartment:
        compartment(ast::cast<ast::CompartmentStmt>(s), frame);
        return;
    case K::Solve: {
        auto& solve = ast::cast<ast::SolveStmt>(s);
        const sema::Symbol* target = symbols_.find(solve.block.name);
        if (target && target->block &&
            (target->block->block_kind == ast::NamedKind::Linear ||
             target->block->block_kind == ast::NamedKind::Nonlinear)) {
            algebraic_solve(solve, *target->block, frame);
        } else if (inline_procedure_solves && target &&
                   target->kind == sema::SymbolKind::Procedure) {
            inline_callable(*target->callable, {}, s.range, frame);
            for (auto it = frame.values.begin(); it != frame.values.end();) {
                const sema::Symbol* sym = symbols_.find(it->first.substr(0, it->first.find('[')));
                if (sym && sym->kind == sema::SymbolKind::State && !frame.locals.count(it->first)) {
                    step_updates[it->first] = it->second;
                    it = frame.values.erase(it);
                } else {
                    ++it;
                }
            }
        } else {
            solves.push_back(&solve);
            if (solve.steady_state)
                steady_states.push_back({&solve, frame, guard_});
            else if (target && target->block &&
                     target->block->block_kind == ast::NamedKind::Derivative)
                derivative_side_effects(*target->block, frame);
        }
        return;
    }
    case K::While:
        while_loop(ast::cast<ast::WhileStmt>(s), frame);
        return;
    case K::Text:
        if (ast::cast<ast::TextStmt>(s).text_kind == ast::TextKind::Verbatim)
            verbatim(ast::cast<ast::TextStmt>(s), frame);
        return;
    case K::Watch:
        watch(ast::cast<ast::WatchStmt>(s), frame);
        return;
    case K::ForNetcons:
        for_netcons(ast::cast<ast::ForNetconsStmt>(s), frame);
        return;
    case K::Initial:
        // NET_RECEIVE's INITIAL block runs per NetCon at initialisation, not with the event.
        if (watches && !net_receive_initial) {
            net_receive_initial = &ast::cast<ast::InitialStmt>(s);
            return;
        }
        unsupported(s.range, "an INITIAL block belongs at the top level of NET_RECEIVE");
        return;
    // Neither changes a value: CONSERVE restates what the reactions conserve exactly (it matters
    // to fixed-step sparse solves, not to the ODE), TABLE is an optimisation (exact by default),
    // and the rest are hints or declarations.
    case K::Keyword:
        if (ast::cast<ast::KeywordStmt>(s).keyword == "return")
            return_statement(s.range);
        return;
    case K::Conserve:
        if (kinetic) {
            auto& c = ast::cast<ast::ConserveStmt>(s);
            std::string last;
            std::function<void(const ast::Expr&)> states = [&](const ast::Expr& e) {
                if (auto* var = ast::dyn_cast<ast::VarExpr>(&e)) {
                    const sema::Symbol* sym = symbols_.find(var->name.name);
                    if (sym && sym->kind == sema::SymbolKind::State)
                        last = element_name(*var, frame);
                } else if (auto* b = ast::dyn_cast<ast::BinaryExpr>(&e)) {
                    states(*b->lhs);
                    states(*b->rhs);
                } else if (auto* u = ast::dyn_cast<ast::UnaryExpr>(&e)) {
                    states(*u->operand);
                }
            };
            states(*c.lhs);
            if (!last.empty())
                kinetic->conserve.emplace_back(ctx_.sub(eval(*c.lhs, frame), eval(*c.rhs, frame)),
                                               last);
        }
        return;
    case K::Local:
    case K::Table:
    case K::Lag:
    case K::Conductance:
    case K::Sens:
    case K::UnitsSwitch:
        return;
    }
}

std::string Executor::element_name(const ast::VarExpr& var, Frame& frame) {
    std::string name = var.name.name;
    if (!var.index)
        return name;
    std::optional<double> index = constant(*var.index, frame);
    if (!index || *index != std::floor(*index) || *index < 0) {
        unsupported(var.index->range, "the index of '" + name +
                                          "' must be a non-negative integer "
                                          "constant once loops are unrolled");
        return name + "[0]";
    }
    return name + "[" + std::to_string(static_cast<long long>(*index)) + "]";
}

// The index of `var` when it is known only at run time (a queue's head, a table position), for
// an array small enough to be handled element by element; nullopt otherwise.
std::optional<sym::Expr> Executor::run_time_index(const ast::VarExpr& var, Frame& frame) {
    if (!var.index || var.primes != 0)
        return std::nullopt;
    auto size = constants_.array_sizes.find(var.name.name);
    if (size == constants_.array_sizes.end() || size->second > kMaxSelectArray)
        return std::nullopt;
    sym::Expr index = eval(*var.index, frame);
    if (index.is_constant())
        return std::nullopt;
    return index;
}

// Element k of an array is selected where floor(index) == k (C truncates a non-negative index);
// an index out of range reads NaN and writes nothing.
sym::Expr Executor::element_is(sym::Expr index, int k) {
    return ctx_.compare(sym::Kind::Eq, ctx_.call(sym::Kind::Floor, index),
                        ctx_.constant(static_cast<double>(k)));
}

// Values are stored with removable singularities already rewritten, so that the names hinted
// here are the nodes the equations finally use.
void Executor::assign(const ast::VarExpr& target, sym::Expr value, Frame& frame) {
    value = sym::rewrite_exprelr(ctx_, value);
    if (std::optional<sym::Expr> index = run_time_index(target, frame)) {
        const std::string& name = target.name.name;
        for (int k = 0; k < constants_.array_sizes.at(name); ++k) {
            std::string element = name + "[" + std::to_string(k) + "]";
            frame.values[element] =
                ctx_.select(element_is(*index, k), value, read_name(element, frame));
            assigned_at[element] = target.range;
        }
        return;
    }
    std::string name = element_name(target, frame);
    if (!value.is_constant() && !value.is_variable() && target.primes == 0 && !target.index)
        hints.try_emplace(value, name);
    frame.values[primed(name, target.primes)] = value;
    assigned_at[primed(name, target.primes)] = target.range;
    if (cnexp_sequential && target.primes == 1)
        cnexp_step(name, value, frame);
}

// METHOD cnexp as NEURON runs it: `y' = f` updates y where it stands, exactly for f linear in y
// with the rest frozen, y + dt f / exprelr(b dt) with b = df/dy; the statements after it read
// the new y. An f that is not linear in y leaves y to the fixed-step fallback (derivimplicit).
void Executor::cnexp_step(const std::string& state, sym::Expr f, Frame& frame) {
    sym::Expr y = ctx_.variable(state);
    if (frame.values.count(state)) {
        cnexp_nonlinear.insert(state); // written twice: no closed form here
        return;
    }
    sym::Expr b = sym::diff(ctx_, f, y);
    if (sym::depends_on(b, y)) {
        cnexp_nonlinear.insert(state);
        return;
    }
    sym::Expr dt = ctx_.variable("dt");
    sym::Expr step = ctx_.div(ctx_.mul(dt, f), ctx_.call(sym::Kind::Exprelr, ctx_.mul(b, dt)));
    // Later statements read the new value as a number (NEURON's C): a placeholder, so that their
    // own df/dy does not reach through it; cnexp_updates() puts the updates back in.
    sym::Expr placeholder = ctx_.variable(std::string(1, kInternal) + "cnexp." + state);
    cnexp_values[placeholder] = ctx_.add(y, step);
    frame.values[state] = placeholder;
    cnexp_order.push_back(state);
}

std::vector<std::pair<std::string, sym::Expr>> Executor::cnexp_updates() {
    // Each update may read earlier ones; resolving in order makes every one a function of the
    // states at the start of the step.
    std::unordered_map<sym::Expr, sym::Expr> resolved;
    std::vector<std::pair<std::string, sym::Expr>> out;
    for (const std::string& state : cnexp_order) {
        sym::Expr placeholder = ctx_.variable(std::string(1, kInternal) + "cnexp." + state);
        sym::Expr value = sym::substitute(ctx_, cnexp_values.at(placeholder), resolved);
        resolved[placeholder] = value;
        out.emplace_back(state, value);
    }
    return out;
}

sym::Expr Executor::read(const ast::VarExpr& var, Frame& frame) {
    if (std::optional<sym::Expr> index = run_time_index(var, frame)) {
        const std::string& name = var.name.name;
        sym::Expr value = ctx_.constant(std::numeric_limits<double>::quiet_NaN());
        for (int k = constants_.array_sizes.at(name) - 1; k >= 0; --k)
            value = ctx_.select(element_is(*index, k),
                                read_name(name + "[" + std::to_string(k) + "]", frame), value);
        return value;
    }
    return read_name(primed(element_name(var, frame), var.primes), frame);
}

sym::Expr Executor::read_name(const std::string& name, Frame& frame) {
    auto it = frame.values.find(name);
    if (it != frame.values.end())
        return it->second;
    auto constant = constants_.values.find(name);
    if (constant != constants_.values.end())
        return ctx_.constant(constant->second);
    return ctx_.variable(name);
}

// VERBATIM is C: the subset with an NMODL meaning is translated (verbatim.h) and run here like
// any other statements; the names it reads must be the mechanism's, its own locals, or NEURON's.
void Executor::verbatim(const ast::TextStmt& stmt, Frame& frame) {
    const bool in_function = callable_ && callable_->callable_kind == ast::CallableKind::Function;
    VerbatimTranslation t = translate_verbatim(
        stmt.text, stmt.range, in_function ? callable_->name.name : "", open_verbatim_blocks_);
    if (t.error) {
        unsupported(t.error_at, *t.error);
        return;
    }
    static const std::set<std::string> neuron = {"t", "dt", "v", "celsius", "secondorder"};
    std::set<std::string> declared;
    bool ok = true;
    std::function<void(const ast::Expr&)> expr = [&](const ast::Expr& e) {
        if (auto* var = ast::dyn_cast<ast::VarExpr>(&e)) {
            const std::string& name = var->name.name;
            if (!ok || declared.count(name) || frame.values.count(name) || neuron.count(name) ||
                symbols_.find(name) || constants_.values.count(name))
                return;
            unsupported(var->range,
                        "VERBATIM uses '" + name + "', which is not a variable of the mechanism");
            ok = false;
        } else if (auto* call = ast::dyn_cast<ast::CallExpr>(&e)) {
            for (const ast::ExprPtr& arg : call->args)
                expr(*arg);
        } else if (auto* unary = ast::dyn_cast<ast::UnaryExpr>(&e)) {
            expr(*unary->operand);
        } else if (auto* binary = ast::dyn_cast<ast::BinaryExpr>(&e)) {
            expr(*binary->lhs);
            expr(*binary->rhs);
        }
    };
    ast::for_each_stmt(t.block, [&](const ast::Stmt& s) {
        if (auto* local = ast::dyn_cast<ast::LocalStmt>(&s)) {
            for (const ast::LocalName& name : local->names)
                declared.insert(name.name.name);
        } else if (auto* assign = ast::dyn_cast<ast::AssignStmt>(&s)) {
            expr(*assign->lhs);
            expr(*assign->rhs);
        } else if (auto* branch = ast::dyn_cast<ast::IfStmt>(&s)) {
            expr(*branch->condition);
        } else if (auto* call = ast::dyn_cast<ast::CallStmt>(&s)) {
            expr(*call->call);
        }
    });
    if (!ok)
        return;
    translations_.push_back(std::make_unique<ast::Block>(std::move(t.block)));
    run(*translations_.back(), frame);
}

// `return` ends the running FUNCTION, PROCEDURE or top-level block. Both branches of an IF run
// symbolically, so a return inside one cannot be followed: what comes after it would have to be
// guarded by the other branch's condition.
void Executor::return_statement(SourceRange where) {
    if (branch_depth_ > 0) {
        unsupported(where, "a 'return' inside an IF in VERBATIM cannot be lowered yet");
        return;
    }
    returned_ = true;
}

// Both branches run from the same frame; every name either wrote becomes select(c, then, else).
void Executor::if_else(const ast::IfStmt& stmt, Frame& frame) {
    sym::Expr condition = eval(*stmt.condition, frame);
    const sym::Expr outer = guard_;
    ++branch_depth_;
    Frame then_frame = frame;
    guard_ = ctx_.logical_and(outer, condition);
    run(stmt.then_block, then_frame);
    Frame else_frame = frame;
    guard_ = ctx_.logical_and(outer, ctx_.logical_not(condition));
    if (stmt.else_branch)
        statement(*stmt.else_branch, else_frame);
    guard_ = outer;
    --branch_depth_;

    std::set<std::string> written;
    for (const auto* branch : {&then_frame, &else_frame}) {
        for (const auto& [name, value] : branch->values) {
            auto before = frame.values.find(name);
            if (before == frame.values.end() || !(before->second == value))
                written.insert(name);
        }
    }
    for (const std::string& name : written) {
        auto value_in = [&](Frame& f) {
            auto it = f.values.find(name);
            return it != f.values.end() ? it->second : ctx_.variable(name);
        };
        frame.values[name] = ctx_.select(condition, value_in(then_frame), value_in(else_frame));
    }
}

void Executor::from_loop(const ast::FromStmt& stmt, Frame& frame) {
    std::optional<double> from = constant(*stmt.from, frame);
    std::optional<double> to = constant(*stmt.to, frame);
    std::optional<double> by = stmt.by ? constant(*stmt.by, frame) : std::optional(1.0);
    if ((!from || !to) && by && *by != 0) {
        // FROM i = a TO b BY c runs max(0, floor((b - a) / c) + 1) times.
        sym::Expr a = eval(*stmt.from, frame);
        sym::Expr b = eval(*stmt.to, frame);
        sym::Expr trips = ctx_.add(
            ctx_.call(sym::Kind::Floor, ctx_.div(ctx_.sub(b, a), ctx_.constant(*by))), ctx_.one());
        if (recurrence(stmt, frame, ctx_.call(sym::Kind::Fmax, ctx_.zero(), trips)))
            return;
    }
    if ((!from || !to) && by && *by != 0) {
        // A loop in the kernel: i = a; WHILE (i <= b) { body; i = i + c } (>= for c < 0), with
        // the bounds evaluated once, before the first trip, as NEURON's C does.
        const std::string& name = stmt.var.name;
        sym::Expr last = eval(*stmt.to, frame);
        bool was_local = frame.locals.count(name) > 0;
        frame.locals.insert(name);
        frame.values[name] = eval(*stmt.from, frame);
        sym::Expr step = ctx_.constant(*by);
        run_time_loop(
            stmt.range, stmt.range, frame,
            [&](Frame& f) {
                return ctx_.compare(*by > 0 ? sym::Kind::Le : sym::Kind::Ge, read_name(name, f),
                                    last);
            },
            [&](Frame& f) {
                run(stmt.body, f);
                f.values[name] = ctx_.add(read_name(name, f), step);
            });
        if (!was_local) {
            frame.locals.erase(name);
            frame.values.erase(name);
        }
        return;
    }
    if (!from || !to || !by || *by == 0) {
        unsupported(stmt.range, "a FROM loop needs a constant, non-zero BY step");
        return;
    }
    long long count = *by > 0 ? static_cast<long long>(std::floor((*to - *from) / *by)) + 1 : 0;
    if (*by < 0)
        count = static_cast<long long>(std::floor((*from - *to) / -*by)) + 1;
    if (count > kMaxUnroll) {
        unsupported(stmt.range,
                    "FROM loop of " + std::to_string(count) + " iterations is too long to unroll");
        return;
    }
    const std::string& name = stmt.var.name;
    bool was_local = frame.locals.count(name) > 0;
    frame.locals.insert(name);
    for (long long i = 0; i < count; ++i) {
        frame.values[name] = ctx_.constant(*from + static_cast<double>(i) * *by);
        run(stmt.body, frame);
    }
    if (!was_local)
        frame.locals.erase(name);
}

// A loop whose trip count is only known at run time has a closed form when each variable it
// writes follows x <- c x + r with c and r the same on every trip (neither the index nor the
// written variables in them): c = 1 gives x + n r, r = 0 gives c^n x. The body runs once with the
// written variables as symbols to find c and r. Returns false, having changed nothing, otherwise.
bool Executor::recurrence(const ast::FromStmt& stmt, Frame& frame, sym::Expr count) {
    std::set<std::string> targets;
    ast::for_each_stmt(stmt.body, [&](const ast::Stmt& s) {
        if (auto* a = ast::dyn_cast<ast::AssignStmt>(&s))
            targets.insert(a->lhs->name.name);
    });
    Frame trial = frame;
    std::map<std::string, sym::Expr> before, symbol;
    for (const std::string& name : targets) {
        before[name] = read_name(name, frame);
        symbol[name] = ctx_.variable(std::string(1, kInternal) + "loop." + name);
        trial.values[name] = symbol[name];
    }
    sym::Expr index = ctx_.variable(std::string(1, kInternal) + "loop.index");
    trial.values[stmt.var.name] = index;
    trial.locals.insert(stmt.var.name);
    // Events and draws inside the loop would happen once per trip: not a recurrence.
    Effects* saved_effects = effects;
    Effects none;
    effects = effects ? &none : nullptr;
    DiagnosticEngine::Mark mark = diags_.mark();
    const bool failed_before = failed_;
    run(stmt.body, trial);
    bool ok = (!failed_ || failed_before) && none.events.empty() && none.draws.empty();
    effects = saved_effects;
    std::map<std::string, sym::Expr> after;
    auto invariant = [&](sym::Expr e) {
        if (sym::depends_on(e, index))
            return false;
        for (const auto& [name, s] : symbol)
            if (sym::depends_on(e, s))
                return false;
        return true;
    };
    for (const auto& [name, value] : trial.values) {
        if (!ok || name == stmt.var.name)
            continue;
        auto it = symbol.find(name);
        auto old = frame.values.find(name);
        if (it == symbol.end()) {
            // Written by a procedure the loop calls: not analysed.
            ok = old != frame.values.end() && old->second == value;
            continue;
        }
        sym::Expr c = sym::diff(ctx_, value, it->second);
        sym::Expr r = ctx_.sub(value, ctx_.mul(c, it->second));
        if (!invariant(c) || !invariant(r))
            ok = false;
        else if (c.is_constant() && c.value() == 1.0)
            after[name] = ctx_.add(before[name], ctx_.mul(count, r));
        else if (r.is_constant() && r.value() == 0.0)
            after[name] = ctx_.mul(ctx_.pow(c, count), before[name]);
        else
            ok = false;
    }
    if (!ok) {
        diags_.rewind(mark);
        failed_ = failed_before;
        return false;
    }
    for (const auto& [name, value] : after)
        frame.values[name] = value;
    return true;
}

std::optional<double> Executor::constant(const ast::Expr& expr, Frame& frame) {
    sym::Expr value = eval(expr, frame);
    if (value.is_constant())
        return value.value();
    return std::nullopt;
}

sym::Expr Executor::eval(const ast::Expr& e, Frame& frame) {
    switch (e.kind) {
    case ast::ExprKind::Number:
        return ctx_.constant(ast::cast<ast::NumberExpr>(e).number.value);
    case ast::ExprKind::String:
        return ctx_.zero();
    case ast::ExprKind::Var:
        return read(ast::cast<ast::VarExpr>(e), frame);
    case ast::ExprKind::Call:
        return call(ast::cast<ast::CallExpr>(e), frame);
    case ast::ExprKind::Unary: {
        auto& u = ast::cast<ast::UnaryExpr>(e);
        sym::Expr x = eval(*u.operand, frame);
        switch (u.op) {
        case ast::UnaryOp::Neg:
            return ctx_.neg(x);
        case ast::UnaryOp::Plus:
            return x;
        case ast::UnaryOp::Not:
            return ctx_.logical_not(x);
        }
        return x;
    }
    case ast::ExprKind::Binary:
        break;
    }
    auto& b = ast::cast<ast::BinaryExpr>(e);
    sym::Expr l = eval(*b.lhs, frame);
    sym::Expr r = eval(*b.rhs, frame);
    switch (b.op) {
    case ast::BinaryOp::Pow:
        return ctx_.pow(l, r);
    case ast::BinaryOp::Mul:
        return ctx_.mul(l, r);
    case ast::BinaryOp::Div:
        return ctx_.div(l, r);
    case ast::BinaryOp::Add:
        return ctx_.add(l, r);
    case ast::BinaryOp::Sub:
        return ctx_.sub(l, r);
    case ast::BinaryOp::Lt:
        return ctx_.compare(sym::Kind::Lt, l, r);
    case ast::BinaryOp::Gt:
        return ctx_.compare(sym::Kind::Gt, l, r);
    case ast::BinaryOp::Le:
        return ctx_.compare(sym::Kind::Le, l, r);
    case ast::BinaryOp::Ge:
        return ctx_.compare(sym::Kind::Ge, l, r);
    case ast::BinaryOp::Eq:
        return ctx_.compare(sym::Kind::Eq, l, r);
    case ast::BinaryOp::Ne:
        return ctx_.compare(sym::Kind::Ne, l, r);
    case ast::BinaryOp::And:
        return ctx_.logical_and(l, r);
    case ast::BinaryOp::Or:
        return ctx_.logical_or(l, r);
    }
    return l;
}

sym::Expr Executor::call(const ast::CallExpr& c, Frame& frame) {
    if (const sema::Symbol* sym = symbols_.find(c.callee.name); sym && sym->callable) {
        if (sym->kind == sema::SymbolKind::FunctionTable) {
            if (c.args.size() != 1) {
                unsupported(c.range, "FUNCTION_TABLE '" + c.callee.name +
                                         "' of more than one argument cannot be lowered yet");
                return ctx_.zero();
            }
            return ctx_.call(sym::Kind::Lookup, table(c.callee.name), eval(*c.args[0], frame));
        }
        std::vector<sym::Expr> args;
        for (const ast::ExprPtr& arg : c.args)
            args.push_back(eval(*arg, frame));
        if (use_tables)
            if (std::optional<sym::Expr> value = tabled_call(*sym->callable, args, frame))
                return *value;
        return inline_callable(*sym->callable, args, c.range, frame);
    }
    return builtin(c, frame);
}

// The index of the table named `name` (a constant, Lookup's first operand), added if new.
sym::Expr Executor::table(const std::string& name) {
    auto it =
        std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.name == name; });
    if (it == tables.end())
        it = tables.insert(tables.end(), Table{name, {}, {}, {}, 0, {}});
    return ctx_.constant(static_cast<double>(it - tables.begin()));
}

// A FUNCTION or PROCEDURE with TABLE, read from tables: each tabled value (the FUNCTION's own, or
// the PROCEDURE's tabled variables) is a lookup at the argument in a table of the callee's result
// over FROM..TO. The table's values are the callee run with the symbol @table<k> as its argument
// and nothing but module-level values around it (NEURON requires them to be DEPEND globals).
// nullopt when the callee has no TABLE.
std::optional<sym::Expr> Executor::tabled_call(const ast::CallableItem& callee,
                                               const std::vector<sym::Expr>& args, Frame& frame) {
    const ast::TableStmt* stmt = nullptr;
    for (const ast::StmtPtr& s : callee.body->stmts)
        if (auto* t = ast::dyn_cast<ast::TableStmt>(s.get()))
            stmt = t;
    if (!stmt || args.size() != 1)
        return std::nullopt;
    Frame empty;
    std::optional<double> with = constant(*stmt->with, empty);
    if (!with || *with < 1 || *with != std::floor(*with) || *with > 1e6) {
        unsupported(stmt->with->range, "TABLE's WITH must be a positive integer constant");
        return ctx_.zero();
    }
    const bool function = callee.callable_kind == ast::CallableKind::Function;
    std::vector<std::string> names;
    if (function)
        names.push_back(callee.name.name);
    for (const ast::Identifier& id : stmt->tabled)
        names.push_back(id.name);
    sym::Expr result = ctx_.zero();
    for (const std::string& name : names) {
        const std::string table_name = callee.name.name + "." + name;
        sym::Expr index = table(table_name);
        const auto k = static_cast<std::size_t>(index.value());
        if (tables[k].value.is_null()) {
            sym::Expr argument =
                ctx_.variable(std::string(1, kInternal) + "table" + std::to_string(k));
            Frame module; // module-level values only: the table must not depend on the caller
            Frame inner = module;
            Effects* saved = effects;
            effects = nullptr; // a table holds values, not events or draws
            sym::Expr value = inline_callable(callee, {argument}, stmt->range, inner);
            effects = saved;
            Table& t = tables[k]; // inlining may have added tables
            t.value = sym::rewrite_exprelr(ctx_, function ? value : read_name(name, inner));
            t.from = eval(*stmt->from, module);
            t.to = eval(*stmt->to, module);
            t.points = static_cast<int>(*with) + 1;
            t.source = stmt->range;
        }
        sym::Expr lookup = ctx_.call(sym::Kind::Lookup, index, args[0]);
        if (function && name == callee.name.name)
            result = lookup;
        else
            frame.values[name] = lookup;
    }
    return result;
}

// The callee runs in a frame of its own that sees the caller's module-level values (not its
// LOCALs); what it writes to module-level names flows back, as in NEURON's C.
sym::Expr Executor::inline_callable(const ast::CallableItem& callee,
                                    const std::vector<sym::Expr>& args, SourceRange where,
                                    Frame& frame) {
    if (++depth_ > kMaxInlineDepth) {
        --depth_;
        unsupported(where, "calls nested more than " + std::to_string(kMaxInlineDepth) + " deep");
        return ctx_.zero();
    }
    Frame inner;
    for (const auto& [name, value] : frame.values) {
        if (!frame.locals.count(name))
            inner.values.emplace(name, value);
    }
    for (std::size_t i = 0; i < callee.formals.size() && i < args.size(); ++i) {
        const std::string& formal = callee.formals[i].name.name;
        inner.values[formal] = args[i];
        inner.locals.insert(formal);
    }
    const std::string& result = callee.name.name;
    inner.values[result] = ctx_.zero();
    inner.locals.insert(result);
    const ast::CallableItem* saved_callable = callable_;
    int saved_depth = block_depth_;
    int saved_branch_depth = branch_depth_;
    callable_ = &callee;
    block_depth_ = 0;
    branch_depth_ = 0;
    run(*callee.body, inner);
    callable_ = saved_callable;
    block_depth_ = saved_depth;
    branch_depth_ = saved_branch_depth;
    returned_ = false;
    --depth_;
    for (const auto& [name, value] : inner.values) {
        if (!inner.locals.count(name) && !frame.locals.count(name))
            frame.values[name] = value;
    }
    return callee.callable_kind == ast::CallableKind::Function ? inner.values[result] : ctx_.zero();
}

sym::Expr Executor::builtin(const ast::CallExpr& c, Frame& frame) {
    const std::string& name = c.callee.name;
    std::vector<sym::Expr> args;
    for (const ast::ExprPtr& arg : c.args)
        args.push_back(eval(*arg, frame));
    if (name == "pow" && args.size() == 2)
        return ctx_.pow(args[0], args[1]);
    if (name == "@select" && args.size() == 3) // C's ?: from VERBATIM
        return ctx_.select(args[0], args[1], args[2]);
    if (std::optional<sym::Kind> kind = math_function(name)) {
        if (args.size() == 1 && sym::is_unary_function(*kind))
            return ctx_.call(*kind, args[0]);
        if (args.size() == 2 && sym::is_binary_function(*kind))
            return ctx_.call(*kind, args[0], args[1]);
    }
    // Output has no value to lower.
    if (name == "printf" || name == "fprintf")
        return ctx_.zero();
    if (name == "net_send" || name == "net_event" || name == "net_move") {
        event(c, args, frame);
        return ctx_.zero();
    }
    if (std::optional<sym::Expr> variate = random(name, args, c))
        return *variate;
    if (name == "at_time" && args.size() == 1) {
        discontinuities.emplace_back(guard_, args[0]);
        return ctx_.zero();
    }
    // NEURON's old name for assigning a STATE in NET_RECEIVE.
    if (name == "state_discontinuity" && args.size() == 2) {
        if (auto* target = ast::dyn_cast<ast::VarExpr>(c.args[0].get())) {
            assign(*target, args[1], frame);
            return ctx_.zero();
        }
    }
    unsupported(c.range, "call to '" + name + "' cannot be lowered to the ODE system yet");
    return ctx_.zero();
}

void Executor::reaction(const ast::ReactionStmt& r, Frame& frame) {
    if (r.op == ast::ReactionOp::Equation) {
        if (!residuals_) {
            unsupported(r.range, "a '~' equation belongs in a LINEAR or NONLINEAR block that a "
                                 "SOLVE runs");
            return;
        }
        residuals_->push_back(ctx_.sub(eval(*r.rate1, frame), eval(*r.rate2, frame)));
        return;
    }
    if (!kinetic) {
        unsupported(r.range, "a reaction belongs in a KINETIC block");
        return;
    }
    auto mass_action = [&](const std::vector<ast::Reactant>& side, sym::Expr rate) {
        sym::Expr flux = rate;
        for (const ast::Reactant& reactant : side) {
            sym::Expr amount = read(*reactant.species, frame);
            double power = reactant.coefficient ? reactant.coefficient->value : 1.0;
            flux = ctx_.mul(flux, ctx_.pow(amount, ctx_.constant(power)));
        }
        return flux;
    };
    auto add_rate = [&](const ast::Reactant& reactant, sym::Expr delta) {
        std::string name = element_name(*reactant.species, frame);
        const sema::Symbol* sym = symbols_.find(reactant.species->name.name);
        if (!sym || sym->kind != sema::SymbolKind::State)
            return; // a fixed concentration
        double count = reactant.coefficient ? reactant.coefficient->value : 1.0;
        sym::Expr& rate = kinetic->rate.try_emplace(name, ctx_.zero()).first->second;
        rate = ctx_.add(rate, ctx_.mul(ctx_.constant(count), delta));
        kinetic->source[name] = r.range;
    };
    sym::Expr forward = ctx_.zero();
    sym::Expr backward = ctx_.zero();
    if (r.op == ast::ReactionOp::Flux) {
        forward = eval(*r.rate1, frame);
        add_rate(r.lhs[0], forward);
    } else {
        forward = mass_action(r.lhs, eval(*r.rate1, frame));
        if (r.op == ast::ReactionOp::Reversible)
            backward = mass_action(r.rhs, eval(*r.rate2, frame));
        sym::Expr net = ctx_.sub(forward, backward);
        for (const ast::Reactant& reactant : r.lhs)
            add_rate(reactant, ctx_.neg(net));
        for (const ast::Reactant& reactant : r.rhs)
            add_rate(reactant, net);
    }
    frame.values["f_flux"] = forward;
    frame.values["b_flux"] = backward;
}

// SOLVE of a LINEAR or NONLINEAR block: the block runs where the SOLVE stands, with the STATEs
// as unknowns; its '~' equations become residuals. The unknowns are the SOLVEFOR states, or else
// every STATE the residuals depend on; after the SOLVE they are the system's symbols.
void Executor::algebraic_solve(const ast::SolveStmt& solve, const ast::NamedItem& block,
                               Frame& frame) {
    const std::string kind = ast::keyword(block.block_kind);
    if (!algebraic) {
        unsupported(solve.range, "a " + kind + " block cannot be solved here");
        return;
    }
    if (residuals_) {
        unsupported(solve.range, "a SOLVE inside a " + kind + " block cannot be lowered");
        return;
    }
    auto is_state = [&](const std::string& name) {
        return std::find(state_elements.begin(), state_elements.end(), name) !=
               state_elements.end();
    };
    Frame inner;
    for (const auto& [name, value] : frame.values)
        if (frame.locals.count(name) == 0 && !is_state(name))
            inner.values.emplace(name, value);
    std::vector<sym::Expr> residuals;
    residuals_ = &residuals;
    Effects* saved_effects = effects;
    effects = nullptr; // the block runs once per Newton iteration: no events, no draws
    run(block.body, inner);
    effects = saved_effects;
    residuals_ = nullptr;

    AlgebraicSystem system;
    system.block = block.name.name;
    system.linear = block.block_kind == ast::NamedKind::Linear;
    system.source = solve.range;
    if (!block.solve_for.empty()) {
        for (const ast::Identifier& id : block.solve_for) {
            auto size = constants_.array_sizes.find(id.name);
            if (size == constants_.array_sizes.end())
                system.unknowns.push_back(id.name);
            for (int k = 0; size != constants_.array_sizes.end() && k < size->second; ++k)
                system.unknowns.push_back(id.name + "[" + std::to_string(k) + "]");
        }
    } else {
        for (const std::string& state : state_elements)
            if (std::any_of(residuals.begin(), residuals.end(),
                            [&](sym::Expr r) { return sym::depends_on(r, ctx_.variable(state)); }))
                system.unknowns.push_back(state);
    }
    if (system.unknowns.size() != residuals.size()) {
        unsupported(solve.range, kind + " block '" + system.block + "' has " +
                                     std::to_string(residuals.size()) + " equations for " +
                                     std::to_string(system.unknowns.size()) + " unknowns");
        return;
    }
    std::unordered_map<sym::Expr, sym::Expr> bind; // states -> unknowns' symbols or their values
    for (const std::string& state : state_elements) {
        auto it = frame.values.find(state);
        if (it != frame.values.end())
            bind[ctx_.variable(state)] = it->second;
    }
    for (const std::string& unknown : system.unknowns)
        system.guesses.push_back(sym::rewrite_exprelr(ctx_, read_name(unknown, frame)));
    auto bind_unknowns = [&](const std::vector<sym::Expr>& symbols) {
        for (std::size_t k = 0; k < symbols.size(); ++k)
            bind[ctx_.variable(system.unknowns[k])] = symbols[k];
        std::vector<sym::Expr> out;
        for (sym::Expr r : residuals)
            out.push_back(sym::rewrite_exprelr(ctx_, sym::substitute(ctx_, r, bind)));
        return out;
    };
    // The same block solved from the same values (a FUNCTION that SOLVEs, called from BREAKPOINT
    // and from the DERIVATIVE block) is one system: the kernels solve it once.
    bool reused = false;
    for (const AlgebraicSystem& other : *algebraic) {
        if (other.block == system.block && other.unknowns == system.unknowns &&
            other.guesses == system.guesses && bind_unknowns(other.symbols) == other.residuals) {
            system.symbols = other.symbols;
            system.residuals = other.residuals;
            reused = true;
            break;
        }
    }
    if (!reused) {
        const std::string prefix =
            std::string(1, kInternal) + "alg" + std::to_string(algebraic->size()) + ".";
        for (std::size_t k = 0; k < system.unknowns.size(); ++k)
            system.symbols.push_back(ctx_.variable(prefix + std::to_string(k)));
        system.residuals = bind_unknowns(system.symbols);
    }
    if (system.linear) {
        for (sym::Expr r : system.residuals)
            for (sym::Expr u : system.symbols)
                if (sym::depends_on(r, u) && sym::depends_on(sym::diff(ctx_, r, u), u)) {
                    unsupported(solve.range, "LINEAR block '" + system.block +
                                                 "' has an equation that is not linear in its "
                                                 "unknowns; make it a NONLINEAR block");
                    return;
                }
    }
    // What the block assigned to module variables stays assigned, as in NEURON's C.
    for (const auto& [name, value] : inner.values) {
        if (inner.locals.count(name) || is_state(name))
            continue;
        auto before = frame.values.find(name);
        if (before == frame.values.end() || !(before->second == value))
            frame.values[name] = sym::substitute(ctx_, value, bind);
    }
    for (std::size_t k = 0; k < system.unknowns.size(); ++k) {
        frame.values[system.unknowns[k]] = system.symbols[k];
        assigned_at[system.unknowns[k]] = solve.range;
    }
    if (!reused) {
        system.order = order_++;
        algebraic->push_back(std::move(system));
    }
}

// A WHILE loop whose condition is a constant on every trip (counted loops) unrolls like FROM.
// Returns false, having changed nothing, when the condition depends on run-time values.
bool Executor::unroll_while(const ast::WhileStmt& stmt, Frame& frame) {
    Frame trial = frame;
    DiagnosticEngine::Mark mark = diags_.mark();
    const bool failed_before = failed_;
    for (int trips = 0; trips <= kMaxUnroll; ++trips) {
        sym::Expr condition = eval(*stmt.condition, trial);
        if (!condition.is_constant() || returned_)
            break;
        if (condition.value() == 0.0) {
            frame = std::move(trial);
            return true;
        }
        run(stmt.body, trial);
    }
    diags_.rewind(mark);
    failed_ = failed_before;
    returned_ = false;
    return false;
}

// A WHILE loop with a run-time trip count becomes a loop in the kernel (WhileLoop). The names it
// carries are those a symbolic trip changes, found by running the body until that set is stable
// (a name written from another carried name shows up on a later round).
void Executor::while_loop(const ast::WhileStmt& stmt, Frame& frame) {
    if (unroll_while(stmt, frame))
        return;
    run_time_loop(
        stmt.range, stmt.condition->range, frame,
        [&](Frame& f) { return eval(*stmt.condition, f); }, [&](Frame& f) { run(stmt.body, f); });
}

void Executor::run_time_loop(SourceRange where, SourceRange condition_at, Frame& frame,
                             const std::function<sym::Expr(Frame&)>& test,
                             const std::function<void(Frame&)>& body) {
    if (!loops) {
        unsupported(where, "a loop whose trip count is known only at run time cannot be lowered "
                           "here");
        return;
    }
    if (residuals_ || in_while_) {
        unsupported(where, "a loop whose trip count is known only at run time, inside a "
                           "LINEAR/NONLINEAR block or another such loop, cannot be lowered yet");
        return;
    }
    const std::string prefix =
        std::string(1, kInternal) + "loop" + std::to_string(loops->size()) + ".";
    std::vector<std::string> carried;
    auto symbol = [&](std::size_t k) { return ctx_.variable(prefix + std::to_string(k)); };
    WhileLoop loop;
    Frame trip;
    Effects none;
    const bool failed_before = failed_;
    Effects* saved_effects = effects;
    std::vector<AlgebraicSystem>* saved_algebraic = algebraic;
    effects = effects ? &none : nullptr;
    algebraic = nullptr; // no SOLVE inside the loop
    in_while_ = true;
    for (int round = 0; round < 64; ++round) {
        trip = frame;
        for (std::size_t k = 0; k < carried.size(); ++k)
            trip.values[carried[k]] = symbol(k);
        loop.condition = test(trip);
        Frame before = trip;
        body(trip);
        std::size_t known = carried.size();
        for (const auto& [name, value] : trip.values) {
            if (std::find(carried.begin(), carried.end(), name) != carried.end())
                continue;
            auto old = before.values.find(name);
            sym::Expr was = old != before.values.end() ? old->second : read_name(name, before);
            if (!(was == value))
                carried.push_back(name);
        }
        if (carried.size() == known || (failed_ && !failed_before))
            break;
    }
    in_while_ = false;
    returned_ = false;
    effects = saved_effects;
    algebraic = saved_algebraic;
    if (failed_ && !failed_before)
        return;
    if (loop.condition.is_constant() && loop.condition.value() != 0.0) {
        unsupported(condition_at, "this WHILE loop never ends: its condition is always "
                                  "true and nothing it changes can make it false");
        return;
    }
    if (!none.events.empty() || !none.draws.empty()) {
        unsupported(where, "a loop whose trip count is known only at run time cannot emit events "
                           "or draw random numbers yet");
        return;
    }
    loop.carried = carried;
    loop.guard = sym::rewrite_exprelr(ctx_, guard_);
    loop.source = where;
    loop.order = order_++;
    for (std::size_t k = 0; k < carried.size(); ++k) {
        loop.symbols.push_back(symbol(k));
        loop.initial.push_back(sym::rewrite_exprelr(ctx_, read_name(carried[k], frame)));
        loop.next.push_back(sym::rewrite_exprelr(ctx_, read_name(carried[k], trip)));
        frame.values[carried[k]] = symbol(k);
    }
    loop.condition = sym::rewrite_exprelr(ctx_, loop.condition);
    loops->push_back(std::move(loop));
}

// COMPARTMENT vol {a b} gives a and b the volume vol; COMPARTMENT i, vol[i] {c} gives each
// element c[k] of an array the volume vol evaluated at i = k.
void Executor::compartment(const ast::CompartmentStmt& c, Frame& frame) {
    if (!kinetic)
        return;
    for (const auto& species : c.species) {
        auto size = constants_.array_sizes.find(species->name.name);
        if (!c.index || species->index || size == constants_.array_sizes.end()) {
            kinetic->volume[element_name(*species, frame)] = eval(*c.volume, frame);
            continue;
        }
        Frame element = frame;
        element.locals.insert(c.index->name);
        for (int k = 0; k < size->second; ++k) {
            element.values[c.index->name] = ctx_.constant(k);
            kinetic->volume[species->name.name + "[" + std::to_string(k) + "]"] =
                eval(*c.volume, element);
        }
    }
}

// Sema allows events only where they make sense; here they also need a block that emits them
// (INITIAL, NET_RECEIVE). Times are absolute: net_send's delay is added to t.
void Executor::event(const ast::CallExpr& c, const std::vector<sym::Expr>& args, Frame& frame) {
    if (!effects) {
        unsupported(c.range, "'" + c.callee.name + "' cannot be called from this block");
        return;
    }
    Event e;
    e.guard = guard_;
    e.source = c.range;
    const std::string& name = c.callee.name;
    sym::Expr t = read_name("t", frame);
    if (name == "net_send") {
        e.kind = EventKind::SelfEvent;
        e.time = ctx_.add(t, args.at(0));
        e.flag = args.size() > 1 ? args[1] : ctx_.zero();
    } else {
        e.kind = name == "net_event" ? EventKind::Spike : EventKind::Move;
        e.time = args.empty() ? t : args[0];
        e.flag = ctx_.zero();
    }
    effects->events.push_back(e);
}

sym::Expr Executor::draw(Distribution distribution, const ast::CallExpr& c) {
    if (!effects) {
        unsupported(c.range, "random numbers can be drawn only in INITIAL, NET_RECEIVE and "
                             "SOLVEd PROCEDUREs; '" +
                                 c.callee.name +
                                 "' here would change the right-hand side between evaluations");
        return ctx_.zero();
    }
    sym::Expr symbol =
        ctx_.variable(std::string(1, kInternal) + "draw" + std::to_string(effects->draws.size()));
    effects->draws.push_back({symbol, distribution});
    return symbol;
}

// NMODL's random-number functions and NEURON 9's RANDOM API, all drawn from the instance's own
// stream (a RANDOM variable names no stream of its own: every instance has exactly one).
std::optional<sym::Expr> Executor::random(const std::string& name,
                                          const std::vector<sym::Expr>& args,
                                          const ast::CallExpr& c) {
    auto arg = [&](std::size_t k, double fallback) {
        return k < args.size() ? args[k] : ctx_.constant(fallback);
    };
    if (name == "scop_random" || name == "unirand")
        return draw(Distribution::Uniform, c);
    if (name == "exprand")
        return ctx_.mul(arg(0, 1.0), draw(Distribution::Exponential, c));
    if (name == "normrand")
        return ctx_.add(arg(0, 0.0), ctx_.mul(arg(1, 1.0), draw(Distribution::Normal, c)));
    // random_*(r, ...): the first argument is the RANDOM variable.
    if (name == "random_uniform") {
        sym::Expr u = draw(Distribution::Uniform, c);
        if (args.size() < 3)
            return u;
        return ctx_.add(args[1], ctx_.mul(ctx_.sub(args[2], args[1]), u));
    }
    if (name == "random_negexp")
        return ctx_.mul(arg(1, 1.0), draw(Distribution::Exponential, c));
    if (name == "random_normal")
        return ctx_.add(arg(1, 0.0), ctx_.mul(arg(2, 1.0), draw(Distribution::Normal, c)));
    if (name == "random_setseq" || name == "random_setids") {
        diags_.warning(c.range, "'" + name +
                                    "' is ignored: every instance draws from its own "
                                    "stream, keyed by the run's seed and the instance");
        return ctx_.zero();
    }
    return std::nullopt;
}

// NEURON arms the watches a NET_RECEIVE runs and disarms the others of the instance; the value
// is positive where the condition holds, and crosses zero where it starts to.
void Executor::watch(const ast::WatchStmt& stmt, Frame& frame) {
    if (!watches) {
        unsupported(stmt.range, "WATCH belongs in NET_RECEIVE");
        return;
    }
    for (const ast::WatchItem& item : stmt.items) {
        // The condition is tested later, against the instance's variables as they will be then:
        // evaluate it without the handler's values, and refuse the handler's own names.
        Frame later;
        sym::Expr condition = eval(*item.condition, later);
        for (const std::string& local : frame.locals) {
            if (sym::depends_on(condition, ctx_.variable(local))) {
                unsupported(item.condition->range,
                            "a WATCH condition is tested after NET_RECEIVE returns, so it cannot "
                            "use NET_RECEIVE's own name '" +
                                local + "'");
                return;
            }
        }
        sym::Expr value;
        switch (condition.kind()) {
        case sym::Kind::Gt:
        case sym::Kind::Ge:
            value = ctx_.sub(condition.operands()[0], condition.operands()[1]);
            break;
        case sym::Kind::Lt:
        case sym::Kind::Le:
            value = ctx_.sub(condition.operands()[1], condition.operands()[0]);
            break;
        default:
            value = ctx_.select(condition, ctx_.one(), ctx_.constant(-1.0));
        }
        sym::Expr flag = item.flag ? eval(*item.flag, frame) : ctx_.zero();
        watches->push_back({guard_, value, flag, item.condition->range});
    }
}

// The loop body runs once, symbolically, with the NetCon's entries as symbols; the runtime runs
// the printed body for every NetCon of the instance. Only the entries may change: a module
// variable written in the loop would depend on the order of the NetCons.
void Executor::for_netcons(const ast::ForNetconsStmt& stmt, Frame& frame) {
    if (!netcon_loops) {
        unsupported(stmt.range, "FOR_NETCONS belongs in NET_RECEIVE");
        return;
    }
    NetconLoop loop;
    loop.guard = guard_;
    loop.source = stmt.range;
    Frame inner = frame;
    std::vector<sym::Expr> symbols;
    for (std::size_t k = 0; k < stmt.formals.size(); ++k) {
        const std::string& formal = stmt.formals[k].name.name;
        symbols.push_back(ctx_.variable(std::string(1, kInternal) + "netcon" + std::to_string(k)));
        inner.values[formal] = symbols.back();
        inner.locals.insert(formal);
        loop.formals.push_back(formal);
    }
    Effects* saved = effects;
    effects = nullptr;
    run(stmt.body, inner);
    effects = saved;
    for (std::size_t k = 0; k < stmt.formals.size(); ++k) {
        sym::Expr value = inner.values[loop.formals[k]];
        if (!(value == symbols[k]))
            loop.updates.push_back({std::to_string(k), value, stmt.formals[k].name.range});
    }
    for (const auto& [name, value] : inner.values) {
        if (inner.locals.count(name) || frame.locals.count(name))
            continue;
        auto before = frame.values.find(name);
        if (before == frame.values.end() || !(before->second == value)) {
            unsupported(stmt.range,
                        "FOR_NETCONS may change only its own arguments; it assigns '" + name + "'");
            return;
        }
    }
    netcon_loops->push_back(std::move(loop));
}

} // namespace ranvier::ode
