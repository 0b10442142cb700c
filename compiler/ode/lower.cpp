// Lowering, step by step:
//   1. collect the declared variables, DEFINE/CONSTANT/UNITS constants and array sizes;
//   2. run BREAKPOINT symbolically; its SOLVE names the block whose equations are the ODEs;
//   3. run that DERIVATIVE or KINETIC block: y' (or the mass-action rates over the COMPARTMENT
//      volumes) for every state;
//   4. the currents are what BREAKPOINT leaves in the mechanism's current variables, as
//      functions of the states; d(i)/d(v) is their exact derivative. A SOLVEd PROCEDURE runs
//      where its SOLVE stands; the STATEs it writes are per-step updates, not ODEs;
//   5. run INITIAL for the initial values.
#include "ode/lower.h"

#include "ode/executor.h"
#include "sema/units.h"
#include "sym/differentiate.h"
#include "sym/exprelr.h"

#include <filesystem>
#include <functional>

namespace ranvier::ode {

namespace {

class Lowering {
  public:
    Lowering(const ast::Module& module, DiagnosticEngine& diags)
        : module_(module), diags_(diags), scratch_(sources_), symbols_(module, scratch_) {}

    std::unique_ptr<Mechanism> run();

  private:
    void collect(const ast::Module& module);
    void declare(const ast::Declaration& decl, VariableRole role);
    void units_constant(const ast::UnitsEntry& entry);
    const ast::ProceduralItem* procedural(ast::ProceduralKind kind) const;
    std::vector<std::string> state_elements() const;
    void equations(Executor& exec, const ast::SolveStmt& solve);
    void currents(Frame& breakpoint, const Executor& exec);
    void cnexp();
    void initial(Executor& exec);
    sym::Expr finish(sym::Expr e) { return sym::rewrite_exprelr(mech_->ctx, e); }

    const ast::Module& module_;
    DiagnosticEngine& diags_;
    SourceManager sources_;
    DiagnosticEngine scratch_; // sema already reported what the symbol table finds
    sema::SymbolTable symbols_;
    ModuleConstants constants_;
    std::unique_ptr<Mechanism> mech_ = std::make_unique<Mechanism>();
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
    Variable var{d.name.name, role, d.unit ? d.unit->text : "", std::nullopt, 0, d.name.range};
    if (d.value)
        var.default_value = d.value->value;
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

// NEURON's cnexp integrates each equation exactly as if it were linear in its own state; for an
// equation that is not, it would be silently wrong, so say so (the state then needs
// derivimplicit, which the variable-step integrator does not need at all).
void Lowering::cnexp() {
    sym::Context& ctx = mech_->ctx;
    sym::Expr dt = ctx.variable("dt");
    for (const StateEquation& eq : mech_->equations) {
        sym::Expr b = sym::diff(ctx, eq.rhs, eq.state_var);
        if (sym::depends_on(b, eq.state_var)) {
            diags_.warning(eq.source,
                           "METHOD cnexp: the equation of '" + eq.state +
                               "' is not linear in it; fixed-step runs use derivimplicit for it");
            continue;
        }
        sym::Expr step = ctx.div(ctx.mul(dt, eq.rhs), ctx.call(sym::Kind::Exprelr, ctx.mul(b, dt)));
        mech_->cnexp_updates.push_back({eq.state, ctx.add(eq.state_var, step), eq.source});
    }
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
                                   sym::diff(ctx, value, ctx.variable("v")),
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
    for (const Variable& var : mech_->variables) {
        auto it = breakpoint.values.find(var.name);
        if (it == breakpoint.values.end())
            continue;
        if (var.role == VariableRole::Assigned)
            mech_->breakpoint_assigned.push_back({var.name, finish(it->second), var.declared});
    }
    for (const std::string& state : state_elements()) {
        auto it = step_updates.find(state);
        if (it != step_updates.end())
            mech_->step_updates.push_back({state, finish(it->second), {}});
    }
}

void Lowering::initial(Executor& exec) {
    const ast::ProceduralItem* init = procedural(ast::ProceduralKind::Initial);
    if (!init)
        return;
    Frame frame;
    exec.solves.clear();
    exec.run(init->body, frame);
    for (const ast::SolveStmt* solve : exec.solves) {
        diags_.warning(solve->range, "SOLVE in INITIAL (steady state) is not lowered yet; states "
                                     "start from their INITIAL assignments");
    }
    for (const Variable& var : mech_->variables) {
        if (var.role != VariableRole::State && var.role != VariableRole::Assigned)
            continue;
        auto it = frame.values.find(var.name);
        if (it == frame.values.end())
            continue;
        auto at = exec.assigned_at.find(var.name);
        mech_->initial.push_back({var.name, finish(it->second),
                                  at != exec.assigned_at.end() ? at->second : var.declared});
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
    exec.inline_procedure_solves = true;
    Frame breakpoint;
    if (const ast::ProceduralItem* bp = procedural(ast::ProceduralKind::Breakpoint)) {
        exec.run(bp->body, breakpoint);
        std::vector<const ast::SolveStmt*> solves = exec.solves;
        for (const ast::SolveStmt* solve : solves)
            equations(exec, *solve);
        currents(breakpoint, exec);
        if (mech_->method == "cnexp")
            cnexp();
    }
    exec.inline_procedure_solves = false;
    initial(exec);
    if (!ok_ || exec.failed())
        return nullptr;
    mech_->hints = std::move(exec.hints);
    return std::move(mech_);
}

} // namespace

std::unique_ptr<Mechanism> lower_module(const ast::Module& module, DiagnosticEngine& diags) {
    return Lowering(module, diags).run();
}

} // namespace ranvier::ode
