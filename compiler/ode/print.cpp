// ODE and Jacobian dumps (see print.h).
#include "ode/print.h"

#include "ode/derivative.h"
#include "sym/cse.h"
#include "sym/differentiate.h"

#include <ostream>

namespace ranvier::ode {

namespace {

const char* kind_name(MechanismKind kind) {
    switch (kind) {
    case MechanismKind::Density:
        return "density";
    case MechanismKind::PointProcess:
        return "point process";
    case MechanismKind::ArtificialCell:
        return "artificial cell";
    }
    return "?";
}

struct Line {
    std::string label;
    sym::Expr value;
};

// Prints temporaries for what the lines share, then the lines. `spelled` names the internal
// symbols (a NET_RECEIVE argument prints as its name, not as @weight0).
void print_lines(std::ostream& out, const std::vector<Line>& lines, const sym::NameMap& hints,
                 const sym::NameMap& spelled = {}) {
    std::vector<sym::Expr> roots;
    for (const Line& line : lines)
        roots.push_back(line.value);
    std::vector<sym::Temporary> temps = sym::common_subexpressions(roots, hints);
    sym::NameMap names = sym::temporary_names(temps);
    names.insert(spelled.begin(), spelled.end());
    for (const sym::Temporary& t : temps)
        out << "    " << t.name << " = " << sym::to_c_definition(t.value, names) << "\n";
    for (const Line& line : lines)
        out << "    " << line.label << " = " << sym::to_c(line.value, names) << "\n";
}

// A titled block of assignments; nothing when there are none.
void print_assignments(std::ostream& out, const char* title,
                       const std::vector<Assignment>& assignments, const sym::NameMap& hints,
                       const sym::NameMap& spelled) {
    if (assignments.empty())
        return;
    std::vector<Line> lines;
    for (const Assignment& a : assignments)
        lines.push_back({a.name, a.value});
    out << title << " {\n";
    print_lines(out, lines, hints, spelled);
    out << "}\n";
}

// The unknowns of LINEAR and NONLINEAR blocks print as block.state, their derivatives as
// d(block.state)/d(x).
sym::NameMap algebraic_names(const Mechanism& mech) {
    sym::NameMap names;
    auto unknown = [&](AlgebraicRef ref) {
        const AlgebraicSystem& system = mech.algebraic.at(ref.system);
        return system.block + "." + system.unknowns.at(ref.unknown);
    };
    for (std::uint32_t id = 0; id < mech.ctx.variable_count(); ++id) {
        sym::Expr symbol = mech.ctx.variable_by_id(id);
        if (std::optional<AlgebraicRef> ref = algebraic_unknown(symbol))
            names[symbol] = unknown(*ref);
        else if (std::optional<AlgebraicRef> carried = loop_variable(symbol))
            names[symbol] = "loop" + std::to_string(carried->system) + "." +
                            mech.loops.at(carried->system).carried.at(carried->unknown);
        else if (auto sensitivity = algebraic_sensitivity(symbol))
            names[symbol] = "d(" + unknown(sensitivity->first) + ")/d(" + sensitivity->second + ")";
    }
    return names;
}

void print_algebraic(std::ostream& out, const Mechanism& mech, const sym::NameMap& spelled) {
    for (const AlgebraicSystem& system : mech.algebraic) {
        std::vector<Line> lines;
        for (std::size_t k = 0; k < system.unknowns.size(); ++k)
            lines.push_back({system.block + "." + system.unknowns[k] + " from", system.guesses[k]});
        for (std::size_t k = 0; k < system.residuals.size(); ++k)
            lines.push_back({"0 = residual#" + std::to_string(k), system.residuals[k]});
        out << (system.linear ? "LINEAR " : "NONLINEAR ") << system.block << " (SOLVE at line "
            << system.source.begin.line << ") {\n";
        print_lines(out, lines, mech.hints, spelled);
        out << "}\n";
    }
    for (std::size_t k = 0; k < mech.loops.size(); ++k) {
        const WhileLoop& loop = mech.loops[k];
        std::vector<Line> lines;
        const std::string name = "loop" + std::to_string(k);
        if (!(loop.guard.is_constant() && loop.guard.value() != 0.0))
            lines.push_back({"runs if", loop.guard});
        for (std::size_t c = 0; c < loop.carried.size(); ++c)
            lines.push_back({name + "." + loop.carried[c] + " from", loop.initial[c]});
        lines.push_back({"while", loop.condition});
        for (std::size_t c = 0; c < loop.carried.size(); ++c)
            lines.push_back({name + "." + loop.carried[c] + " next", loop.next[c]});
        out << "LOOP " << name << " (line " << loop.source.begin.line << ") {\n";
        print_lines(out, lines, mech.hints, spelled);
        out << "}\n";
    }
}

const char* distribution_name(Distribution d) {
    switch (d) {
    case Distribution::Uniform:
        return "uniform(0, 1)";
    case Distribution::Normal:
        return "normal(0, 1)";
    case Distribution::Exponential:
        return "exponential(1)";
    }
    return "?";
}

// Events as lines: `net_send#k if` (omitted when always), `at`, and `flag`.
void add_events(std::vector<Line>& lines, const Effects& effects) {
    static const char* names[] = {"net_send", "net_event", "net_move"};
    for (std::size_t k = 0; k < effects.events.size(); ++k) {
        const Event& e = effects.events[k];
        std::string label = std::string(names[static_cast<int>(e.kind)]) + "#" + std::to_string(k);
        if (!(e.guard.is_constant() && e.guard.value() == 1.0))
            lines.push_back({label + " if", e.guard});
        lines.push_back({label + " at", e.time});
        if (e.kind == EventKind::SelfEvent)
            lines.push_back({label + " flag", e.flag});
    }
}

void print_draws(std::ostream& out, const Effects& effects) {
    for (const Draw& d : effects.draws)
        out << "    " << d.symbol.name() << " ~ " << distribution_name(d.distribution) << "\n";
}

void print_net_receive(std::ostream& out, Mechanism& mech, sym::NameMap spelled) {
    const NetReceive& nr = *mech.net_receive;
    for (std::size_t k = 0; k < nr.formals.size(); ++k)
        spelled[mech.ctx.variable("@weight" + std::to_string(k))] = nr.formals[k];
    spelled[mech.ctx.variable("@flag")] = "flag";
    std::vector<Line> lines;
    for (const Assignment& a : nr.updates)
        lines.push_back({a.name, a.value});
    for (const Assignment& a : nr.weight_updates)
        lines.push_back({nr.formals[std::stoul(a.name)], a.value});
    for (std::size_t k = 0; k < nr.watches.size(); ++k) {
        const Watch& w = nr.watches[k];
        std::string label = "WATCH#" + std::to_string(k);
        lines.push_back({label + " armed if", w.guard});
        lines.push_back({label + " value", w.value});
        lines.push_back({label + " flag", w.flag});
    }
    for (std::size_t k = 0; k < nr.netcon_loops.size(); ++k) {
        const NetconLoop& loop = nr.netcon_loops[k];
        std::string label = "FOR_NETCONS#" + std::to_string(k);
        for (std::size_t f = 0; f < loop.formals.size(); ++f)
            spelled[mech.ctx.variable("@netcon" + std::to_string(f))] = "netcon." + loop.formals[f];
        lines.push_back({label + " if", loop.guard});
        for (const Assignment& a : loop.updates)
            lines.push_back({label + " netcon." + loop.formals[std::stoul(a.name)], a.value});
    }
    add_events(lines, nr.effects);
    out << "NET_RECEIVE (";
    for (std::size_t k = 0; k < nr.formals.size(); ++k)
        out << (k ? ", " : "") << nr.formals[k];
    out << ") {\n";
    print_draws(out, nr.effects);
    print_lines(out, lines, mech.hints, spelled);
    out << "}\n";
    if (nr.initial_weights.empty() && nr.initial_effects.events.empty())
        return;
    lines.clear();
    for (const Assignment& a : nr.initial_weights)
        lines.push_back({nr.formals[std::stoul(a.name)], a.value});
    add_events(lines, nr.initial_effects);
    out << "NET_RECEIVE INITIAL {\n";
    print_draws(out, nr.initial_effects);
    print_lines(out, lines, mech.hints, spelled);
    out << "}\n";
}

std::vector<std::string> state_columns(const Mechanism& mech) {
    std::vector<std::string> columns;
    for (const StateEquation& eq : mech.equations)
        columns.push_back(eq.state);
    columns.push_back("v");
    return columns;
}

} // namespace

std::vector<JacobianEntry> jacobian(Mechanism& mech) {
    std::vector<JacobianEntry> entries;
    std::vector<std::string> columns = state_columns(mech);
    for (std::size_t row = 0; row < mech.equations.size(); ++row) {
        for (const std::string& column : columns) {
            sym::Expr y = mech.ctx.variable(column);
            if (!depends(mech, mech.equations[row].rhs, y))
                continue;
            entries.push_back({row, column, derivative(mech, mech.equations[row].rhs, y)});
        }
    }
    return entries;
}

std::vector<CurrentJacobianEntry> current_jacobian(Mechanism& mech) {
    std::vector<CurrentJacobianEntry> entries;
    for (std::size_t c = 0; c < mech.currents.size(); ++c)
        for (std::size_t s = 0; s < mech.equations.size(); ++s) {
            sym::Expr y = mech.equations[s].state_var;
            if (depends(mech, mech.currents[c].value, y))
                entries.push_back({c, s, derivative(mech, mech.currents[c].value, y)});
        }
    return entries;
}

void print_ode(std::ostream& out, Mechanism& mech) {
    out << "MECHANISM " << mech.name << " (" << kind_name(mech.kind) << ")\n";
    if (!mech.method.empty())
        out << "METHOD " << mech.method << "\n";
    const sym::NameMap& hints = mech.hints;
    const sym::NameMap spelled = algebraic_names(mech);
    print_algebraic(out, mech, spelled);
    std::vector<Line> lines;
    for (const StateEquation& eq : mech.equations)
        lines.push_back({eq.state + "'", eq.rhs});
    for (const Current& c : mech.currents) {
        lines.push_back({c.name, c.value});
        lines.push_back({"d" + c.name + "_dv", c.conductance});
    }
    out << "EQUATIONS {\n";
    print_lines(out, lines, hints, spelled);
    out << "}\n";
    print_assignments(out, "CNEXP", mech.cnexp_updates, hints, spelled);
    if (!mech.step_updates.empty()) {
        out << "STEP {\n";
        print_draws(out, mech.step_effects);
        std::vector<Line> step;
        for (const Assignment& a : mech.step_updates)
            step.push_back({a.name, a.value});
        print_lines(out, step, hints, spelled);
        out << "}\n";
    }
    if (!mech.initial.empty() || !mech.initial_effects.events.empty()) {
        out << "INITIAL {\n";
        print_draws(out, mech.initial_effects);
        std::vector<Line> initial;
        for (const Assignment& a : mech.initial)
            initial.push_back({a.name, a.value});
        add_events(initial, mech.initial_effects);
        print_lines(out, initial, hints, spelled);
        out << "}\n";
    }
    if (mech.linear) {
        std::vector<Line> system_lines;
        const std::size_t n = mech.equations.size();
        for (std::size_t r = 0; r < n; ++r) {
            for (std::size_t c = 0; c < n; ++c) {
                sym::Expr a = mech.linear->a[r * n + c];
                if (!(a.is_constant() && a.value() == 0.0))
                    system_lines.push_back(
                        {"A[" + mech.equations[r].state + ", " + mech.equations[c].state + "]", a});
            }
            system_lines.push_back({"b[" + mech.equations[r].state + "]", mech.linear->b[r]});
        }
        out << "LINEAR SYSTEM (exact propagator) {\n";
        print_lines(out, system_lines, hints, spelled);
        out << "}\n";
    }
    if (mech.steady_state) {
        const SteadyState& ss = *mech.steady_state;
        std::vector<Line> residuals;
        if (!(ss.guard.is_constant() && ss.guard.value() == 1.0))
            residuals.push_back({"if", ss.guard});
        for (std::size_t k = 0; k < ss.states.size(); ++k)
            residuals.push_back({"0 = residual of " + ss.states[k], ss.residuals[k]});
        out << "STEADYSTATE {\n";
        print_lines(out, residuals, hints, spelled);
        out << "}\n";
    }
    if (mech.net_receive)
        print_net_receive(out, mech, spelled);
    if (!mech.discontinuities.empty()) {
        std::vector<Line> times;
        for (std::size_t k = 0; k < mech.discontinuities.size(); ++k) {
            auto [guard, time] = mech.discontinuities[k];
            if (!(guard.is_constant() && guard.value() == 1.0))
                times.push_back({"at_time#" + std::to_string(k) + " if", guard});
            times.push_back({"at_time#" + std::to_string(k), time});
        }
        out << "DISCONTINUITIES {\n";
        print_lines(out, times, hints, spelled);
        out << "}\n";
    }
    for (const Mechanism::Ion& ion : mech.ions) {
        out << "ION " << ion.name << " valence " << ion.valence;
        for (const std::string& r : ion.read)
            out << (&r == &ion.read.front() ? " READ " : ", ") << r;
        for (const std::string& w : ion.write)
            out << (&w == &ion.write.front() ? " WRITE " : ", ") << w;
        out << "\n";
    }
}

void print_jacobian(std::ostream& out, Mechanism& mech) {
    out << "JACOBIAN " << mech.name << " {\n";
    std::vector<Line> lines;
    for (const JacobianEntry& e : jacobian(mech))
        lines.push_back({"d(" + mech.equations[e.row].state + "')/d(" + e.column + ")", e.value});
    std::vector<CurrentJacobianEntry> currents = current_jacobian(mech);
    for (std::size_t c = 0; c < mech.currents.size(); ++c) {
        for (const CurrentJacobianEntry& e : currents)
            if (e.current == c)
                lines.push_back(
                    {"d(" + mech.currents[c].name + ")/d(" + mech.equations[e.state].state + ")",
                     e.value});
        lines.push_back({"d(" + mech.currents[c].name + ")/d(v)", mech.currents[c].conductance});
    }
    print_lines(out, lines, mech.hints, algebraic_names(mech));
    out << "}\n";
}

} // namespace ranvier::ode
