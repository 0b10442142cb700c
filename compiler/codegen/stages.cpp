// Solves and loops inside kernel bodies: the LINEAR/NONLINEAR systems (Newton's method, then the
// derivatives of the unknowns by the implicit function theorem) and the WHILE/FROM loops with
// run-time trip counts that a body reads, each placed after what it reads and before what reads
// it, with the temporaries it needs computed inside its loop.
#include "codegen/kernel_printer.h"

#include "sym/differentiate.h"

#include <set>

namespace ranvier::codegen::detail {

// The solves and loops a body's expressions read, and the CSE over all it evaluates: the roots,
// each stage's starting values and loop expressions, and what its derivatives need.
KernelPrinter::Staging KernelPrinter::stage(const std::vector<sym::Expr>& roots,
                                            const std::vector<sym::Expr>& loop_values,
                                            std::vector<std::string> reserved) {
    Staging s;
    s.outer = roots;
    s.outer.insert(s.outer.end(), loop_values.begin(), loop_values.end());
    s.stages = plan_stages(s.outer);
    std::vector<sym::Expr> cse_roots = roots;
    s.inner.resize(s.stages.size());
    for (std::size_t i = 0; i < s.stages.size(); ++i) {
        for (const char* prefix : {"rv_x", "rv_ok", "rv_A", "rv_s", "rv_w", "rv_trip"})
            reserved.push_back(prefix + std::to_string(i));
        s.inner[i] = s.stages[i].inner();
        const std::vector<sym::Expr> before = s.stages[i].before();
        const std::vector<sym::Expr> after = s.stages[i].after();
        s.outer.insert(s.outer.end(), before.begin(), before.end());
        s.outer.insert(s.outer.end(), after.begin(), after.end());
        cse_roots.insert(cse_roots.end(), s.inner[i].begin(), s.inner[i].end());
    }
    cse_roots.insert(cse_roots.end(),
                     s.outer.begin() +
                         static_cast<std::ptrdiff_t>(roots.size() + loop_values.size()),
                     s.outer.end());
    s.line = straight_line(cse_roots, loop_values, std::move(reserved));
    return s;
}

namespace {

// Where each temporary of a staged body goes. Its level is 0 when it reads nothing a stage
// defines, 2i+1 when it reads the values of stages[i] (computed after its loop) and 2i+2 when it
// reads their derivatives. A temporary the loop of stages[i] needs at level 2i+1 is computed in
// that loop, from the iterate; one needed outside is (also) computed after it.
struct Placement {
    std::vector<std::pair<sym::Expr, int>> solved; // what the stages define, with its level
    std::vector<int> level;                        // of each temporary
    std::vector<char> at_top;                      // temporaries printed at the top level
    std::vector<std::vector<char>> in_loop;        // [stage][temporary]
    std::vector<std::unordered_set<sym::Expr>> read_in_loop;
    std::unordered_set<sym::Expr> read_outside;

    // Whether `symbol` of stages[i] is named anywhere but in that stage's own loop.
    bool read_elsewhere(sym::Expr symbol, std::size_t i) const {
        if (read_outside.count(symbol))
            return true;
        for (std::size_t j = 0; j < read_in_loop.size(); ++j)
            if (j != i && read_in_loop[j].count(symbol))
                return true;
        return false;
    }
};

int level_of(const Placement& p, sym::Expr e) {
    int l = 0;
    for (const auto& [symbol, at] : p.solved)
        if (at > l && sym::depends_on(e, symbol))
            l = at;
    return l;
}

// The levels, and which temporaries each scope needs: the top level needs what the outer
// expressions name (transitively), each loop what its own expressions name, and a temporary of
// a lower level that a loop needs is computed at the top level, before it.
Placement place(const ode::Mechanism& mech, const std::vector<Stage>& stages,
                const std::vector<sym::Expr>& outer,
                const std::vector<std::vector<sym::Expr>>& inner,
                const std::vector<sym::Expr>& inputs, const std::vector<sym::Temporary>& temps) {
    Placement p;
    for (sym::Expr input : inputs) {
        auto unknown = ode::algebraic_unknown(input);
        auto sensitivity = ode::algebraic_sensitivity(input);
        auto carried = ode::loop_variable(input);
        for (std::size_t i = 0; i < stages.size(); ++i) {
            const int value = static_cast<int>(2 * i + 1);
            if (unknown && stages[i].system && unknown->system == stages[i].system_index)
                p.solved.emplace_back(input, value);
            else if (sensitivity && stages[i].system &&
                     sensitivity->first.system == stages[i].system_index)
                p.solved.emplace_back(input, value + 1);
            else if (carried && stages[i].loop == &mech.loops.at(carried->system))
                p.solved.emplace_back(input, value);
        }
    }
    for (const sym::Temporary& t : temps)
        p.level.push_back(level_of(p, t.value));
    std::unordered_map<sym::Expr, std::size_t> temp_of;
    for (std::size_t t = 0; t < temps.size(); ++t)
        temp_of[temps[t].value] = t;
    // The temporaries and defined symbols an expression names (a temporary stands for its tree).
    auto references = [&](sym::Expr e, bool definition, std::vector<std::size_t>& used,
                          std::unordered_set<sym::Expr>& read) {
        std::unordered_set<sym::Expr> seen;
        std::vector<sym::Expr> stack;
        if (definition)
            stack.assign(e.operands().begin(), e.operands().end());
        else
            stack.push_back(e);
        while (!stack.empty()) {
            sym::Expr x = stack.back();
            stack.pop_back();
            if (!seen.insert(x).second)
                continue;
            if (auto it = temp_of.find(x); it != temp_of.end()) {
                used.push_back(it->second);
                continue;
            }
            if (x.is_variable() && is_solved(x))
                read.insert(x);
            for (sym::Expr operand : x.operands())
                stack.push_back(operand);
        }
    };
    // Marks the temporaries `exprs` need, transitively; collects the defined symbols named.
    auto need = [&](const std::vector<sym::Expr>& exprs, std::vector<std::size_t> used,
                    std::vector<char>& marked, std::unordered_set<sym::Expr>& read) {
        for (sym::Expr e : exprs)
            references(e, false, used, read);
        while (!used.empty()) {
            std::size_t t = used.back();
            used.pop_back();
            if (marked[t])
                continue;
            marked[t] = 1;
            references(temps[t].value, true, used, read);
        }
    };
    p.at_top.assign(temps.size(), 0);
    p.in_loop.assign(stages.size(), std::vector<char>(temps.size(), 0));
    p.read_in_loop.resize(stages.size());
    std::vector<std::size_t> outer_seeds;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        std::vector<char> loop(temps.size(), 0);
        need(inner[i], {}, loop, p.read_in_loop[i]);
        for (std::size_t t = 0; t < temps.size(); ++t) {
            if (!loop[t])
                continue;
            if (p.level[t] == static_cast<int>(2 * i + 1))
                p.in_loop[i][t] = 1;
            else
                outer_seeds.push_back(t);
        }
    }
    need(outer, outer_seeds, p.at_top, p.read_outside);
    return p;
}

} // namespace

// Prints the temporaries and the stages, level by level: everything is computed before its use.
void KernelPrinter::print_staged(std::ostream& out, const Staging& staging) {
    const std::vector<Stage>& stages = staging.stages;
    const std::vector<sym::Temporary>& temps = staging.line.temps;
    const sym::NameMap& temp_names = staging.line.temp_names;
    const Placement p =
        place(mech_, stages, staging.outer, staging.inner, staging.line.inputs, temps);
    const int top_level = static_cast<int>(2 * stages.size());
    for (int l = 0; l <= top_level; ++l) {
        if (l % 2 == 1) {
            const std::size_t i = static_cast<std::size_t>(l / 2);
            const Stage& stage = stages[i];
            std::vector<std::string> loop_temps;
            for (std::size_t t = 0; t < temps.size(); ++t)
                if (p.in_loop[i][t])
                    loop_temps.push_back("const double " + temps[t].name + " = " +
                                         sym::to_c_definition(temps[t].value, temp_names) + ";");
            if (stage.loop)
                while_loop(out, i, stage, loop_temps, temp_names, p.read_in_loop[i]);
            else
                solve_loop(out, i, stage, loop_temps, temp_names, p.read_in_loop[i]);
            const std::string k = std::to_string(i);
            const std::string ok = stage.loop ? "rv_trip" + k + " < kMaxWhileTrips" : "rv_ok" + k;
            const std::string values = stage.loop ? "rv_w" + k : "rv_x" + k;
            const std::vector<sym::Expr>& symbols = stage.symbols();
            for (std::size_t u = 0; u < symbols.size(); ++u)
                if (p.read_elsewhere(symbols[u], i))
                    out << "    const double " << temp_names.at(symbols[u]) << " = " << ok << " ? "
                        << values << "[" << u << "] : NAN;\n";
        } else if (l > 0 && !stages[static_cast<std::size_t>(l / 2 - 1)].wrt.empty()) {
            const std::size_t i = static_cast<std::size_t>(l / 2 - 1);
            std::unordered_set<sym::Expr> read;
            for (const auto& [symbol, at] : p.solved)
                if (at == l && p.read_elsewhere(symbol, i))
                    read.insert(symbol);
            sensitivities(out, i, stages[i], temp_names, read);
        }
        for (std::size_t t = 0; t < temps.size(); ++t)
            if (p.at_top[t] && p.level[t] == l)
                out << "    const double " << temps[t].name << " = "
                    << sym::to_c_definition(temps[t].value, temp_names) << ";\n";
    }
}

// The solves and loops `exprs` read, with what they need: a stage's own expressions may read
// earlier stages (and a solve's dF/dx the derivatives of earlier solves), so one pass from the
// last stage to the first finds them all.
std::vector<Stage> KernelPrinter::plan_stages(const std::vector<sym::Expr>& exprs) {
    if (mech_.algebraic.empty() && mech_.loops.empty())
        return {};
    sym::Context& ctx = mech_.ctx;
    std::map<int, Stage> stages; // by order
    std::map<int, Stage> all;
    for (std::size_t k = 0; k < mech_.algebraic.size(); ++k) {
        Stage stage;
        stage.order = mech_.algebraic[k].order;
        stage.system = &mech_.algebraic[k];
        stage.system_index = k;
        all[stage.order] = stage;
    }
    for (const ode::WhileLoop& loop : mech_.loops) {
        Stage stage;
        stage.order = loop.order;
        stage.loop = &loop;
        all[stage.order] = stage;
    }
    struct Defined {
        sym::Expr symbol;
        int order;
        std::string wrt; // a derivative d(u)/d(wrt)
    };
    std::vector<Defined> defined;
    for (std::uint32_t id = 0; id < ctx.variable_count(); ++id) {
        sym::Expr symbol = ctx.variable_by_id(id);
        if (auto u = ode::algebraic_unknown(symbol))
            defined.push_back({symbol, mech_.algebraic.at(u->system).order, ""});
        else if (auto d = ode::algebraic_sensitivity(symbol))
            defined.push_back({symbol, mech_.algebraic.at(d->first.system).order, d->second});
        else if (auto w = ode::loop_variable(symbol))
            defined.push_back({symbol, mech_.loops.at(w->system).order, ""});
    }
    std::set<std::pair<int, std::string>> wanted;
    auto scan = [&](sym::Expr e) {
        for (const Defined& d : defined) {
            if (!sym::depends_on(e, d.symbol))
                continue;
            stages.try_emplace(d.order, all.at(d.order));
            if (!d.wrt.empty())
                wanted.emplace(d.order, d.wrt);
        }
    };
    for (sym::Expr e : exprs)
        scan(e);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        auto found = stages.find(it->first);
        if (found == stages.end())
            continue;
        Stage& stage = found->second;
        for (sym::Expr e : stage.before())
            scan(e);
        if (stage.loop) {
            for (sym::Expr e : stage.inner())
                scan(e);
            continue;
        }
        const ode::AlgebraicSystem& system = *stage.system;
        for (std::size_t r = 0; r < system.residuals.size(); ++r) {
            scan(system.residuals[r]);
            for (std::size_t c = 0; c < system.symbols.size(); ++c)
                if (sym::depends_on(system.residuals[r], system.symbols[c]))
                    stage.entries.push_back(
                        {r, c, sym::diff(ctx, system.residuals[r], system.symbols[c])});
        }
        for (const auto& [order, x] : wanted) {
            if (order != stage.order)
                continue;
            stage.wrt.push_back(x);
            std::vector<sym::Expr> column;
            for (sym::Expr r : system.residuals) {
                column.push_back(ode::derivative(mech_, r, ctx.variable(x), stage.system_index));
                scan(column.back());
            }
            stage.dfdx.push_back(std::move(column));
        }
    }
    std::vector<Stage> out;
    for (auto& [order, stage] : stages)
        out.push_back(std::move(stage));
    return out;
}

// Newton's method for one system, from the values before its SOLVE (one step, exact, for a
// LINEAR block): each iteration evaluates the residuals and their structural non-zeros dF/du at
// the iterate. The unknowns are NaN after the loop when it did not converge (or dF/du is
// singular), for the integrator to report with the cell and the time.
void KernelPrinter::solve_loop(std::ostream& out, std::size_t index, const Stage& solve,
                               const std::vector<std::string>& temps, const sym::NameMap& names,
                               const std::unordered_set<sym::Expr>& iterates) {
    const ode::AlgebraicSystem& system = *solve.system;
    const std::size_t n = system.symbols.size();
    const std::string k = std::to_string(index);
    const std::string x = "rv_x" + k, ok = "rv_ok" + k;
    out << "    // " << (system.linear ? "LINEAR " : "NONLINEAR ") << system.block << ", "
        << source_ << ":" << system.source.begin.line
        << (system.linear ? ": one Newton step from the values before the SOLVE is exact\n"
                          : ": Newton's method from the values before the SOLVE\n");
    out << "    double " << x << "[" << n << "] = {";
    for (std::size_t u = 0; u < n; ++u)
        out << (u ? ", " : "") << sym::to_c(system.guesses[u], names);
    out << "};\n    bool " << ok << " = false;\n";
    const char* indent = "        ";
    if (system.linear)
        out << "    {\n";
    else
        out << "    for (int rv_it = 0; rv_it < kMaxNewtonIterations && !" << ok
            << "; ++rv_it) {\n";
    for (std::size_t u = 0; u < n; ++u)
        if (iterates.count(system.symbols[u]))
            out << indent << "const double " << names.at(system.symbols[u]) << " = " << x << "["
                << u << "];\n";
    for (const std::string& t : temps)
        out << indent << t << "\n";
    out << indent << "double rv_f[" << n << "] = {";
    for (std::size_t r = 0; r < n; ++r)
        out << (r ? ", " : "") << sym::to_c(system.residuals[r], names);
    out << "};\n" << indent << "double rv_J[" << n * n << "] = {};\n";
    for (const Stage::Entry& e : solve.entries)
        out << indent << "rv_J[" << e.row * n + e.column << "] = " << sym::to_c(e.value, names)
            << ";\n";
    out << indent << ok << " = " << (system.linear ? "linear_update<" : "newton_update<") << n
        << ">(rv_J, rv_f, " << x << ");\n    }\n";
}

// The derivatives of the unknowns at the solution, by the implicit function theorem:
// (dF/du) du/dx = -dF/dx, one dense solve for all the x the body needs.
void KernelPrinter::sensitivities(std::ostream& out, std::size_t index, const Stage& solve,
                                  const sym::NameMap& names,
                                  const std::unordered_set<sym::Expr>& read) {
    const ode::AlgebraicSystem& system = *solve.system;
    const std::size_t n = system.symbols.size();
    const std::size_t m = solve.wrt.size();
    const std::string k = std::to_string(index);
    out << "    // d(" << system.block << ")/d(";
    for (std::size_t j = 0; j < m; ++j)
        out << (j ? ", " : "") << solve.wrt[j];
    out << "): (dF/du) du/dx = -dF/dx at the solution\n";
    out << "    double rv_A" << k << "[" << n * n << "] = {};\n";
    for (const Stage::Entry& e : solve.entries)
        out << "    rv_A" << k << "[" << e.row * n + e.column << "] = " << sym::to_c(e.value, names)
            << ";\n";
    out << "    double rv_s" << k << "[" << n * m << "] = {";
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t j = 0; j < m; ++j)
            out << (r + j ? ", " : "") << sym::to_c(mech_.ctx.neg(solve.dfdx[j][r]), names);
    out << "};\n    solve_dense<" << n << ", " << m << ">(rv_A" << k << ", rv_s" << k << ");\n";
    sym::Context& ctx = mech_.ctx;
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t j = 0; j < m; ++j) {
            sym::Expr symbol = ctx.variable("@dalg" + std::to_string(solve.system_index) + "." +
                                            std::to_string(u) + "/" + solve.wrt[j]);
            if (read.count(symbol))
                out << "    const double " << names.at(symbol) << " = rv_s" << k << "[" << u * m + j
                    << "];\n";
        }
}

// A WHILE loop with a run-time trip count: the carried values start from `initial`; each trip
// tests the condition on them and, while it holds, replaces them by `next`. A loop that has not
// ended after kMaxWhileTrips trips leaves NaN, for the runtime to report.
void KernelPrinter::while_loop(std::ostream& out, std::size_t index, const Stage& stage,
                               const std::vector<std::string>& temps, const sym::NameMap& names,
                               const std::unordered_set<sym::Expr>& iterates) {
    const ode::WhileLoop& loop = *stage.loop;
    const std::size_t n = loop.symbols.size();
    const std::string k = std::to_string(index);
    const std::string w = "rv_w" + k, trip = "rv_trip" + k;
    out << "    // loop, " << source_ << ":" << loop.source.begin.line << "\n";
    if (n > 0) {
        out << "    double " << w << "[" << n << "] = {";
        for (std::size_t c = 0; c < n; ++c)
            out << (c ? ", " : "") << sym::to_c(loop.initial[c], names);
        out << "};\n";
    }
    // Where the IFs around the loop do not hold, it does not run (its values are not read).
    const bool always = loop.guard.is_constant() && loop.guard.value() != 0.0;
    std::string guard = sym::to_c(loop.guard, names);
    if (!names.count(loop.guard) && !loop.guard.is_variable())
        guard = "(" + guard + ")";
    out << "    int " << trip << " = 0;\n    for (; " << (always ? "" : guard + " && ") << trip
        << " < kMaxWhileTrips; ++" << trip << ") {\n";
    for (std::size_t c = 0; c < n; ++c)
        if (iterates.count(loop.symbols[c]))
            out << "        const double " << names.at(loop.symbols[c]) << " = " << w << "[" << c
                << "];\n";
    for (const std::string& t : temps)
        out << "        " << t << "\n";
    out << "        if (!(" << sym::to_c(loop.condition, names) << ")) break;\n";
    for (std::size_t c = 0; c < n; ++c)
        if (!(loop.next[c] == loop.symbols[c]))
            out << "        " << w << "[" << c << "] = " << sym::to_c(loop.next[c], names) << ";\n";
    out << "    }\n";
}

} // namespace ranvier::codegen::detail
