// Lowering, step by step:
//   1. collect the declared variables, DEFINE/CONSTANT/UNITS constants and array sizes;
//   2. run BREAKPOINT symbolically; its SOLVE names the block whose equations are the ODEs;
//   3. run that DERIVATIVE or KINETIC block: y' (or the mass-action rates over the COMPARTMENT
//      volumes) for every state;
//   4. the currents are what BREAKPOINT leaves in the mechanism's current variables, as
//      functions of the states; d(i)/d(v) is their exact derivative. A SOLVEd PROCEDURE runs
//      where its SOLVE stands; the STATEs it writes are per-step updates, not ODEs;
//   5. run INITIAL for the initial values (and the events it sends);
//   6. run NET_RECEIVE with its weight vector and flag as symbols: the fields it writes, the
//      events it emits under their guards, the watches it arms, its FOR_NETCONS loops, and its
//      INITIAL block (per NetCon).
#include "ode/lower.h"

#include "ode/derivative.h"
#include "ode/executor.h"
#include "sema/units.h"
#include "sym/differentiate.h"
#include "sym/exprelr.h"
#include "sym/substitute.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <unordered_set>

namespace ranvier::ode {

namespace {

class Lowering {
  public:
    Lowering(const ast::Module& module, DiagnosticEngine& diags, const LowerOptions& options)
        : module_(module), diags_(diags), options_(options), scratch_(sources_),
          symbols_(module, scratch_) {}

    std::unique_ptr<Mechanism> run();

  private:
    void collect(const ast::Module& module);
    void declare(const ast::Declaration& decl, VariableRole role);
    void units_constant(const ast::UnitsEntry& entry);
    const ast::ProceduralItem* procedural(ast::ProceduralKind kind) const;
    std::vector<std::string> state_elements() const;
    void equations(Executor& exec, const ast::SolveStmt& solve);
    void currents(Frame& breakpoint, const Executor& exec);
    void cnexp(Executor& exec);
    void euler();
    void initial(Executor& exec);
    void net_receive(Executor& exec);
    void steady_state(Executor& exec, const SolvePoint& point, const Frame& final_frame);
    void ions();
    void time_switches();
    void linear_system();
    void no_draws(sym::Expr e, SourceRange where, const char* what);
    void no_loops(sym::Expr e, SourceRange where, const char* what);
    std::vector<Assignment> written(const Frame& frame, const std::vector<std::string>& formals,
                                    const std::vector<sym::Expr>& symbols,
                                    std::vector<Assignment>& formal_updates) const;
    sym::Expr finish(sym::Expr e) { return sym::rewrite_exprelr(mech_->ctx, e); }

    const ast::Module& module_;
    DiagnosticEngine& diags_;
    LowerOptions options_;
    SourceManager sources_;
    DiagnosticEngine scratch_; // sema already reported what the symbol table finds
    sema::SymbolTable symbols_;
    ModuleConstants constants_;
    std::unique_ptr<Mechanism> mech_ = std::make_unique<Mechanism>();
    const ast::NamedItem* derivative_block_ = nullptr; // the SOLVEd DERIVATIVE block
    bool ok_ = true;
};

void Lowering::collect(const ast::Module& module) {
    for (const ast::ItemPtr& item : module.items) {
        if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
            if (include->included)
                collect(*include->included);
        } else if (auto* define = ast::dyn_cast<ast::DefineItem>(item.get())) {
            constants_.values[define->name.name] = define->value.value;
        } else if (auto* units = ast::dyn_cast<ast::UnitsItem>(item.get())) {
            for (const ast::UnitsEntry& entry : units->entries)
                units_constant(entry);
        } else if (auto* decls = ast::dyn_cast<ast::DeclItem>(item.get())) {
            static const VariableRole roles[] = {VariableRole::Parameter, VariableRole::Assigned,
                                                 VariableRole::State, VariableRole::Constant,
                                                 VariableRole::Assigned};
            for (const ast::DeclEntry& entry : decls->entries) {
                if (entry.decl)
                    declare(*entry.decl, roles[static_cast<int>(decls->decl_kind)]);
            }
        }
    }
}

void Lowering::declare(const ast::Declaration& d, VariableRole role) {
    Variable var{d.name.name,  role,        d.unit ? d.unit->text : "", std::nullopt, 0,
                 d.name.range, std::nullopt};
    if (d.value)
        var.default_value = d.value->value;
    if (role == VariableRole::State && d.limits.size() == 1 && d.limits[0].value > 0)
        var.tolerance = d.limits[0].value;
    if (d.size) {
        auto defined = constants_.values.find(d.size->text);
        double size = defined != constants_.values.end()
                          ? defined->second
                          : std::strtod(d.size->text.c_str(), nullptr);
        var.array_size = static_cast<int>(size);
        constants_.array_sizes[var.name] = var.array_size;
    }
    if (role == VariableRole::Constant && d.value && !d.size)
        constants_.values[var.name] = d.value->value;
    mech_->variables.push_back(var);
}

// FARADAY = (faraday) (coulomb) is the number of coulombs in a faraday.
void Lowering::units_constant(const ast::UnitsEntry& entry) {
    if (!entry.name)
        return;
    if (entry.value) {
        constants_.values[entry.name->name] = entry.value->value;
        return;
    }
    static const sema::UnitTable table = sema::UnitTable::builtin();
    std::string error;
    std::optional<sema::Unit> unit = table.parse(entry.unit->text, error);
    std::optional<sema::Unit> target =
        entry.target ? table.parse(entry.target->text, error) : std::optional(sema::Unit{});
    if (unit && target)
        constants_.values[entry.name->name] = unit->factor / target->factor;
}

const ast::ProceduralItem* Lowering::procedural(ast::ProceduralKind kind) const {
    for (const ast::Item* item : symbols_.items()) {
        auto* p = ast::dyn_cast<ast::ProceduralItem>(item);
        if (p && p->block_kind == kind)
            return p;
    }
    return nullptr;
}

std::vector<std::string> Lowering::state_elements() const {
    std::vector<std::string> names;
    for (const Variable& var : mech_->variables) {
        if (var.role != VariableRole::State)
            continue;
        if (var.array_size == 0)
            names.push_back(var.name);
        for (int i = 0; i < var.array_size; ++i)
            names.push_back(var.name + "[" + std::to_string(i) + "]");
    }
    return names;
}

void Lowering::equations(Executor& exec, const ast::SolveStmt& solve) {
    const sema::Symbol* target = symbols_.find(solve.block.name);
    if (!target || !target->block)
        return; // a PROCEDURE: inlined where the SOLVE stands
    const ast::NamedItem& block = *target->block;
    mech_->method = solve.method ? solve.method->name : "";
    Frame frame;
    KineticSystem kinetic;
    if (block.block_kind == ast::NamedKind::Kinetic)
        exec.kinetic = &kinetic;
    else if (block.block_kind != ast::NamedKind::Derivative) {
        diags_.error(solve.range,
                     std::string(ast::keyword(block.block_kind)) + " blocks cannot be lowered yet");
        ok_ = false;
        return;
    }
    exec.run(block.body, frame);
    exec.kinetic = nullptr;
    if (block.block_kind == ast::NamedKind::Derivative)
        derivative_block_ = &block;
    sym::Context& ctx = mech_->ctx;
    for (const std::string& state : state_elements()) {
        StateEquation eq{state, ctx.variable(state), sym::Expr(), block.range};
        if (auto it = frame.values.find(state + "'"); it != frame.values.end()) {
            eq.rhs = it->second;
            eq.source = exec.assigned_at[state + "'"];
        } else if (auto rate = kinetic.rate.find(state); rate != kinetic.rate.end()) {
            auto volume = kinetic.volume.find(state);
            eq.rhs = volume == kinetic.volume.end() ? rate->second
                                                    : ctx.div(rate->second, volume->second);
            eq.source = kinetic.source[state];
        } else {
            continue; // not an ODE state: assigned procedurally (events, DISCRETE)
        }
        eq.rhs = finish(eq.rhs);
        mech_->equations.push_back(eq);
    }
}

// NEURON's cnexp integrates each equation exactly as if it were linear in its own state, in
// statement order (an update is seen by the statements after it); for an equation that is not
// linear it would be silently wrong, so say so (the state then needs derivimplicit, which the
// variable-step integrator does not need at all).
void Lowering::cnexp(Executor& exec) {
    if (!derivative_block_)
        return;
    Frame frame;
    exec.cnexp_sequential = true;
    exec.run(derivative_block_->body, frame);
    exec.cnexp_sequential = false;
    for (const auto& [state, value] : exec.cnexp_updates())
        mech_->cnexp_updates.push_back({state, finish(value), exec.assigned_at[state + "'"]});
    for (const std::string& state : exec.cnexp_nonlinear)
        diags_.warning(exec.assigned_at[state + "'"],
                       "METHOD cnexp: the equation of '" + state +
                           "' is not linear in it; fixed-step runs use derivimplicit for it");
}

// NEURON's METHOD euler: explicit forward Euler in the fixed step, every derivative at the
// values before the step (the variable-step integrators use the right-hand side as always).
void Lowering::euler() {
    sym::Context& ctx = mech_->ctx;
    const sym::Expr dt = ctx.variable("dt");
    for (const StateEquation& eq : mech_->equations)
        mech_->cnexp_updates.push_back(
            {eq.state, finish(ctx.add(eq.state_var, ctx.mul(dt, eq.rhs))), eq.source});
}

void Lowering::currents(Frame& breakpoint, const Executor& exec) {
    const std::map<std::string, sym::Expr>& step_updates = exec.step_updates;
    const sema::MechanismInterface& iface = symbols_.mechanism();
    sym::Context& ctx = mech_->ctx;
    auto add = [&](const ast::Identifier& id, std::optional<std::string> ion, bool electrode) {
        auto it = breakpoint.values.find(id.name);
        if (it == breakpoint.values.end()) {
            diags_.warning(id.range, "current '" + id.name + "' is never assigned in BREAKPOINT");
            return;
        }
        sym::Expr value = finish(it->second);
        auto at = exec.assigned_at.find(id.name);
        mech_->currents.push_back({id.name, ion, electrode, value,
                                   derivative(*mech_, value, ctx.variable("v")),
                                   at != exec.assigned_at.end() ? at->second : id.range});
    };
    for (const sema::MechanismInterface::Ion& ion : iface.ions) {
        for (const ast::Identifier& id : ion.write) {
            if (id.name == "i" + ion.name)
                add(id, ion.name, false);
        }
    }
    for (const ast::Identifier& id : iface.nonspecific_currents)
        add(id, std::nullopt, false);
    for (const ast::Identifier& id : iface.electrode_currents)
        add(id, std::nullopt, true);
    auto is_current = [&](const std::string& name) {
        return std::any_of(mech_->currents.begin(), mech_->currents.end(),
                           [&](const Current& c) { return c.name == name; });
    };
    for (const Variable& var : mech_->variables) {
        auto it = breakpoint.values.find(var.name);
        if (it == breakpoint.values.end() || is_current(var.name))
            continue;
        // What the SOLVEd DERIVATIVE assigns on the side (minf of hh's rates) is not stored:
        // currents that read it have it inlined, and computing it again per current costs.
        if (exec.derivative_side_names.count(var.name))
            continue;
        if (var.role == VariableRole::Assigned)
            mech_->breakpoint_assigned.push_back({var.name, finish(it->second), var.declared});
    }
    for (const std::string& state : state_elements()) {
        auto it = step_updates.find(state);
        if (it != step_updates.end())
            mech_->step_updates.push_back({state, finish(it->second), {}});
        // A STATE that a LINEAR or NONLINEAR block solved in BREAKPOINT.
        auto solved = breakpoint.values.find(state);
        if (it == step_updates.end() && solved != breakpoint.values.end() &&
            !(solved->second == ctx.variable(state)) && !is_current(state)) {
            auto at = exec.assigned_at.find(state);
            mech_->breakpoint_assigned.push_back(
                {state, finish(solved->second),
                 at != exec.assigned_at.end() ? at->second : SourceRange{}});
        }
    }
}

void Lowering::initial(Executor& exec) {
    const ast::ProceduralItem* init = procedural(ast::ProceduralKind::Initial);
    if (!init)
        return;
    Frame frame;
    exec.solves.clear();
    exec.steady_states.clear();
    exec.effects = &mech_->initial_effects;
    exec.run(init->body, frame);
    exec.effects = nullptr;
    for (const ast::SolveStmt* solve : exec.solves) {
        if (!solve->steady_state)
            diags_.warning(solve->range, "SOLVE in INITIAL without STEADYSTATE is ignored");
    }
    if (!exec.steady_states.empty())
        steady_state(exec, exec.steady_states.front(), frame);
    for (const Variable& var : mech_->variables) {
        if (var.role != VariableRole::State && var.role != VariableRole::Assigned &&
            var.role != VariableRole::Parameter)
            continue;
        std::vector<std::string> names;
        if (var.array_size == 0)
            names.push_back(var.name);
        for (int k = 0; k < var.array_size; ++k)
            names.push_back(var.name + "[" + std::to_string(k) + "]");
        for (const std::string& name : names) {
            auto it = frame.values.find(name);
            if (it == frame.values.end() || it->second == mech_->ctx.variable(name))
                continue;
            auto at = exec.assigned_at.find(name);
            mech_->initial.push_back({name, finish(it->second),
                                      at != exec.assigned_at.end() ? at->second : var.declared});
        }
    }
}

// A current that depends on a fresh random number each time it is evaluated has no meaning for
// an integrator that evaluates it many times per step: noise belongs in a SOLVEd PROCEDURE.
void Lowering::no_draws(sym::Expr e, SourceRange where, const char* what) {
    for (const Draw& d : mech_->step_effects.draws) {
        if (sym::depends_on(e, d.symbol)) {
            diags_.error(where, std::string("this ") + what +
                                    " depends on a random number drawn in BREAKPOINT; draw "
                                    "noise in a PROCEDURE that BREAKPOINT SOLVEs (once per step)");
            ok_ = false;
            return;
        }
    }
}

// Integrators differentiate the right-hand sides and the currents; a value a loop with a run-time
// trip count computes from v or the states has no derivative (directly, or through the residuals
// of a LINEAR/NONLINEAR block). One that reads only parameters is a constant to them.
void Lowering::no_loops(sym::Expr e, SourceRange where, const char* what) {
    sym::Context& ctx = mech_->ctx;
    std::vector<sym::Expr> moving = {ctx.variable("v")};
    for (const StateEquation& eq : mech_->equations)
        moving.push_back(eq.state_var);
    auto moves = [&](sym::Expr x) {
        return reads_algebraic(*mech_, x) || reads_loop(*mech_, x) ||
               std::any_of(moving.begin(), moving.end(),
                           [&](sym::Expr m) { return sym::depends_on(x, m); });
    };
    auto reads_moving_loop = [&](sym::Expr x) {
        for (const WhileLoop& loop : mech_->loops) {
            if (std::none_of(loop.symbols.begin(), loop.symbols.end(),
                             [&](sym::Expr u) { return sym::depends_on(x, u); }))
                continue;
            std::vector<sym::Expr> inputs = loop.initial;
            inputs.insert(inputs.end(), loop.next.begin(), loop.next.end());
            inputs.push_back(loop.condition);
            inputs.push_back(loop.guard);
            for (sym::Expr input : inputs) {
                // A loop's own carried values do not make it move.
                std::unordered_map<sym::Expr, sym::Expr> fixed;
                for (sym::Expr u : loop.symbols)
                    fixed[u] = ctx.zero();
                if (moves(sym::substitute(ctx, input, fixed)))
                    return true;
            }
        }
        return false;
    };
    bool loops = reads_moving_loop(e);
    for (const AlgebraicSystem& system : mech_->algebraic) {
        bool reads = std::any_of(system.symbols.begin(), system.symbols.end(),
                                 [&](sym::Expr u) { return sym::depends_on(e, u); });
        for (sym::Expr r : system.residuals)
            loops = loops || (reads && reads_loop(*mech_, r));
    }
    if (!loops)
        return;
    diags_.error(where, std::string("this ") + what +
                            " depends on a loop whose trip count is known only at run time, so it "
                            "has no derivative for the integrator; compute it in a PROCEDURE that "
                            "BREAKPOINT SOLVEs, or in NET_RECEIVE");
    ok_ = false;
}

// The names a block left changed in `frame`: module variables (fields), and the formals bound
// to `symbols` (weight-vector entries, by index).
std::vector<Assignment> Lowering::written(const Frame& frame,
                                          const std::vector<std::string>& formals,
                                          const std::vector<sym::Expr>& symbols,
                                          std::vector<Assignment>& formal_updates) const {
    std::vector<Assignment> fields;
    for (std::size_t k = 0; k < formals.size(); ++k) {
        auto it = frame.values.find(formals[k]);
        if (it != frame.values.end() && !(it->second == symbols[k]))
            formal_updates.push_back({std::to_string(k), it->second, {}});
    }
    for (const auto& [name, value] : frame.values) {
        if (frame.locals.count(name) || name == "flag")
            continue;
        if (!(value == mech_->ctx.variable(name)))
            fields.push_back({name, value, {}});
    }
    return fields;
}

void Lowering::net_receive(Executor& exec) {
    const ast::CallableItem* handler = nullptr;
    for (const ast::Item* item : symbols_.items()) {
        auto* c = ast::dyn_cast<ast::CallableItem>(item);
        if (c && c->callable_kind == ast::CallableKind::NetReceive)
            handler = c;
    }
    if (!handler)
        return;
    sym::Context& ctx = mech_->ctx;
    NetReceive nr;
    std::vector<sym::Expr> symbols;
    Frame frame;
    for (std::size_t k = 0; k < handler->formals.size(); ++k) {
        const std::string& name = handler->formals[k].name.name;
        nr.formals.push_back(name);
        symbols.push_back(
            ctx.variable(std::string(1, Executor::kInternal) + "weight" + std::to_string(k)));
        frame.values[name] = symbols.back();
        frame.locals.insert(name);
    }
    Frame initial_frame = frame;
    frame.values["flag"] = ctx.variable(std::string(1, Executor::kInternal) + "flag");
    frame.locals.insert("flag");
    exec.effects = &nr.effects;
    exec.watches = &nr.watches;
    exec.netcon_loops = &nr.netcon_loops;
    exec.run(*handler->body, frame);
    exec.watches = nullptr;
    exec.netcon_loops = nullptr;
    for (const NetconLoop& loop : nr.netcon_loops)
        for (const Assignment& a : loop.updates)
            if (reads_algebraic(*mech_, a.value)) {
                diags_.error(loop.source, "FOR_NETCONS cannot read the unknowns of a LINEAR or "
                                          "NONLINEAR block yet");
                ok_ = false;
            }
    nr.updates = written(frame, nr.formals, symbols, nr.weight_updates);
    for (Assignment& a : nr.updates) {
        a.value = finish(a.value);
        auto at = exec.assigned_at.find(a.name);
        a.source = at != exec.assigned_at.end() ? at->second : handler->range;
    }
    if (const ast::InitialStmt* init = exec.net_receive_initial) {
        exec.effects = &nr.initial_effects;
        exec.run(init->body, initial_frame);
        std::vector<Assignment> fields =
            written(initial_frame, nr.formals, symbols, nr.initial_weights);
        if (!fields.empty()) {
            diags_.error(init->range, "NET_RECEIVE's INITIAL block may assign only the weight "
                                      "vector; it assigns '" +
                                          fields.front().name + "'");
            ok_ = false;
        }
    }
    exec.effects = nullptr;
    mech_->net_receive = std::move(nr);
}

// The steady state is solved after INITIAL's assignments, so it must be INITIAL's last word: any
// value INITIAL changes after the SOLVE would be computed from the states before it.
void Lowering::steady_state(Executor& exec, const SolvePoint& point, const Frame& final_frame) {
    const ast::SolveStmt& solve = *point.solve;
    if (exec.steady_states.size() > 1) {
        diags_.error(exec.steady_states[1].solve->range,
                     "only one SOLVE ... STEADYSTATE in INITIAL can be lowered");
        ok_ = false;
        return;
    }
    for (const auto& [name, value] : final_frame.values) {
        auto before = point.frame.values.find(name);
        if (before == point.frame.values.end() || !(before->second == value)) {
            diags_.error(solve.range, "INITIAL assigns '" + name +
                                          "' after its SOLVE ... STEADYSTATE; that cannot be "
                                          "lowered yet (move the assignment before the SOLVE)");
            ok_ = false;
            return;
        }
    }
    const sema::Symbol* target = symbols_.find(solve.block.name);
    if (!target || !target->block) {
        diags_.error(solve.range, "STEADYSTATE needs a KINETIC or DERIVATIVE block");
        ok_ = false;
        return;
    }
    // The block runs with INITIAL's values but the states as unknowns.
    Frame frame = point.frame;
    std::vector<std::string> states = state_elements();
    for (const std::string& state : states)
        frame.values.erase(state);
    KineticSystem kinetic;
    if (target->block->block_kind == ast::NamedKind::Kinetic)
        exec.kinetic = &kinetic;
    exec.run(target->block->body, frame);
    exec.kinetic = nullptr;
    SteadyState ss;
    ss.guard = finish(point.guard);
    ss.source = solve.range;
    for (const std::string& state : states) {
        sym::Expr residual;
        if (auto it = frame.values.find(state + "'"); it != frame.values.end())
            residual = it->second;
        else if (auto rate = kinetic.rate.find(state); rate != kinetic.rate.end())
            residual = rate->second; // amounts: the volume does not change the root
        else
            continue;
        ss.states.push_back(state);
        ss.residuals.push_back(residual);
        ss.conserve.push_back(false);
    }
    // CONSERVE counts amounts: each state in the law stands for its concentration times its
    // COMPARTMENT volume (NEURON's reading; `CONSERVE Y + Z = 8*volB + volC`).
    std::unordered_map<sym::Expr, sym::Expr> amounts;
    for (const auto& [state, volume] : kinetic.volume)
        amounts[mech_->ctx.variable(state)] = mech_->ctx.mul(mech_->ctx.variable(state), volume);
    for (const auto& [conserved, last] : kinetic.conserve) {
        sym::Expr law = sym::substitute(mech_->ctx, conserved, amounts);
        auto it = std::find(ss.states.begin(), ss.states.end(), last);
        if (it != ss.states.end()) {
            const auto k = static_cast<std::size_t>(it - ss.states.begin());
            ss.residuals[k] = law;
            ss.conserve[k] = true;
        }
    }
    for (sym::Expr& r : ss.residuals) {
        r = finish(r);
        if (reads_algebraic(*mech_, r) || reads_loop(*mech_, r)) {
            diags_.error(solve.range, "a STEADYSTATE whose equations read the unknowns of a "
                                      "LINEAR or NONLINEAR block, or the result of a loop with "
                                      "a run-time trip count, cannot be lowered yet");
            ok_ = false;
            return;
        }
    }
    if (!ss.states.empty())
        mech_->steady_state = std::move(ss);
}

// A right-hand side or current that switches when t crosses a value fixed during the run
// (`if (t > del)`, pulse trains written without at_time) jumps there: each such crossing is a
// discontinuity as if at_time had named it, so that variable-step integrators stop on it.
void Lowering::time_switches() {
    sym::Context& ctx = mech_->ctx;
    const sym::Expr t = ctx.variable("t");
    std::vector<sym::Expr> moving = {t, ctx.variable("v")};
    for (const std::string& state : state_elements())
        moving.push_back(ctx.variable(state));
    auto fixed = [&](sym::Expr e) {
        return std::none_of(moving.begin(), moving.end(),
                            [&](sym::Expr m) { return sym::depends_on(e, m); });
    };
    std::unordered_set<sym::Expr> seen;
    std::function<void(sym::Expr)> walk = [&](sym::Expr e) {
        if (!seen.insert(e).second || !sym::depends_on(e, t))
            return;
        if (sym::is_comparison(e.kind())) {
            sym::Expr a = e.operands()[0], b = e.operands()[1];
            std::optional<sym::Expr> at;
            if (a == t && fixed(b))
                at = b;
            else if (b == t && fixed(a))
                at = a;
            if (at) {
                std::pair<sym::Expr, sym::Expr> d{ctx.one(), *at};
                if (std::find(mech_->discontinuities.begin(), mech_->discontinuities.end(), d) ==
                    mech_->discontinuities.end())
                    mech_->discontinuities.push_back(d);
            }
        }
        for (sym::Expr operand : e.operands())
            walk(operand);
    };
    for (const StateEquation& eq : mech_->equations)
        walk(eq.rhs);
    for (const Current& c : mech_->currents)
        walk(c.value);
}

// y' = A y + b with A and b free of the states, and some state driving another: the exact
// propagator (the matrix exponential) then advances it over a fixed step with no error at all.
void Lowering::linear_system() {
    constexpr std::size_t kMaxStates = 16;
    const std::size_t n = mech_->equations.size();
    if (n < 2 || n > kMaxStates)
        return;
    for (const StateEquation& eq : mech_->equations)
        if (reads_algebraic(*mech_, eq.rhs) || reads_loop(*mech_, eq.rhs))
            return; // A may depend on the states through the solve; the kernel has no loops
    sym::Context& ctx = mech_->ctx;
    std::vector<sym::Expr> states;
    std::unordered_map<sym::Expr, sym::Expr> zero;
    for (const StateEquation& eq : mech_->equations) {
        states.push_back(eq.state_var);
        zero[eq.state_var] = ctx.zero();
    }
    auto free_of_states = [&](sym::Expr e) {
        return std::none_of(states.begin(), states.end(),
                            [&](sym::Expr y) { return sym::depends_on(e, y); });
    };
    LinearSystem system;
    bool coupled = false;
    for (std::size_t r = 0; r < n; ++r) {
        sym::Expr rhs = mech_->equations[r].rhs;
        for (std::size_t c = 0; c < n; ++c) {
            sym::Expr coefficient =
                sym::depends_on(rhs, states[c]) ? sym::diff(ctx, rhs, states[c]) : ctx.zero();
            if (!free_of_states(coefficient))
                return;
            coupled = coupled || (r != c && !(coefficient == ctx.zero()));
            system.a.push_back(coefficient);
        }
        system.b.push_back(sym::substitute(ctx, rhs, zero));
    }
    if (coupled)
        mech_->linear = std::move(system);
}

// NEURON's valences for the ions it predefines; other ions need VALENCE.
void Lowering::ions() {
    for (const sema::MechanismInterface::Ion& ion : symbols_.mechanism().ions) {
        Mechanism::Ion out{ion.name, 0.0, {}, {}};
        if (ion.valence)
            out.valence = *ion.valence;
        else if (ion.name == "na" || ion.name == "k")
            out.valence = 1;
        else if (ion.name == "ca")
            out.valence = 2;
        else if (ion.name == "cl")
            out.valence = -1;
        for (const ast::Identifier& id : ion.read)
            out.read.push_back(id.name);
        for (const ast::Identifier& id : ion.write)
            out.write.push_back(id.name);
        mech_->ions.push_back(std::move(out));
    }
}

std::unique_ptr<Mechanism> Lowering::run() {
    const sema::MechanismInterface& iface = symbols_.mechanism();
    // Without a SUFFIX, NEURON names a mechanism after its file.
    mech_->name =
        !iface.name.empty() ? iface.name : std::filesystem::path(module_.path).stem().string();
    mech_->kind = iface.kind == sema::MechanismInterface::Kind::PointProcess
                      ? MechanismKind::PointProcess
                  : iface.kind == sema::MechanismInterface::Kind::ArtificialCell
                      ? MechanismKind::ArtificialCell
                      : MechanismKind::Density;
    collect(module_);
    // Variables are created in declaration order (states first), so ids, and with them the
    // canonical order of every sum and product, follow the source.
    for (const std::string& state : state_elements())
        mech_->ctx.variable(state);
    mech_->ctx.variable("v");

    Executor exec(mech_->ctx, symbols_, constants_, diags_);
    exec.algebraic = &mech_->algebraic;
    exec.loops = &mech_->loops;
    exec.use_tables = options_.tables;
    exec.state_elements = state_elements();
    exec.inline_procedure_solves = true;
    Frame breakpoint;
    if (const ast::ProceduralItem* bp = procedural(ast::ProceduralKind::Breakpoint)) {
        exec.effects = &mech_->step_effects; // noise in SOLVEd PROCEDUREs
        exec.run(bp->body, breakpoint);
        exec.effects = nullptr;
        std::vector<const ast::SolveStmt*> solves = exec.solves;
        for (const ast::SolveStmt* solve : solves)
            equations(exec, *solve);
        currents(breakpoint, exec);
        if (mech_->method == "cnexp")
            cnexp(exec);
        else if (mech_->method == "euler")
            euler();
        for (const Current& c : mech_->currents) {
            no_draws(c.value, c.source, "current");
            no_loops(c.value, c.source, "current");
        }
        for (const StateEquation& eq : mech_->equations)
            no_loops(eq.rhs, eq.source, "right-hand side");
    }
    exec.inline_procedure_solves = false;
    initial(exec);
    net_receive(exec);
    ions();
    for (const ast::Identifier& id : symbols_.mechanism().pointers)
        mech_->pointers.push_back(id.name);
    mech_->tables = exec.tables;
    time_switches();
    linear_system();
    if (!ok_ || exec.failed())
        return nullptr;
    mech_->hints = std::move(exec.hints);
    for (auto& [guard, time] : exec.discontinuities) {
        std::pair<sym::Expr, sym::Expr> d{finish(guard), finish(time)};
        if (std::find(mech_->discontinuities.begin(), mech_->discontinuities.end(), d) ==
            mech_->discontinuities.end())
            mech_->discontinuities.push_back(d);
    }
    return std::move(mech_);
}

} // namespace

std::unique_ptr<Mechanism> lower_module(const ast::Module& module, DiagnosticEngine& diags,
                                        const LowerOptions& options) {
    return Lowering(module, diags, options).run();
}

} // namespace ranvier::ode
