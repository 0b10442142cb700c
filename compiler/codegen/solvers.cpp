// Entry points that are not straight-line bodies: the STEADYSTATE Newton iteration, the exact
// propagator of a linear system, and make_tables (the tables of TABLE statements, with --tables).
#include "codegen/kernel_printer.h"

#include "sym/differentiate.h"
#include "sym/substitute.h"

namespace ranvier::codegen::detail {

// STEADYSTATE: Newton's method on residuals(states) = 0 with the exact dense Jacobian, from the
// states' current values. The inputs that are not states are loaded once; each iteration
// evaluates the residuals and the Jacobian's structural non-zeros at the current iterate. States
// that do not converge in kMaxIterations become NaN, for the runtime to report with the cell.
void KernelPrinter::steady_state(std::ostream& out) {
    const ode::SteadyState& ss = *mech_.steady_state;
    const std::size_t n = ss.states.size();
    sym::Context& ctx = mech_.ctx;
    kernels_.push_back("steady_state");
    std::vector<sym::Expr> unknowns;
    for (const std::string& s : ss.states)
        unknowns.push_back(ctx.variable(s));
    struct Entry {
        std::size_t row, column;
        sym::Expr value;
    };
    std::vector<Entry> entries;
    std::vector<sym::Expr> roots = ss.residuals;
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < n; ++c)
            if (sym::depends_on(ss.residuals[r], unknowns[c])) {
                entries.push_back({r, c, sym::diff(ctx, ss.residuals[r], unknowns[c])});
                roots.push_back(entries.back().value);
            }
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {ss.guard},
                      {"rv_in", "rv_i", "rv_y", "rv_f", "rv_J", "rv_it", "rv_k", "rv_converged"});
    std::unordered_set<sym::Expr> seen(inputs.begin(), inputs.end());
    const Body shell_body{"steady_state", Shell::Instance, {}, {}, nullptr, nullptr};
    auto is_unknown = [&](sym::Expr e) {
        return std::find(unknowns.begin(), unknowns.end(), e) != unknowns.end();
    };
    out << "HOST_DEVICE inline void steady_state(const rv_instances& rv_in, int rv_i) { // "
        << source_ << ":" << ss.source.begin.line << "\n";
    for (sym::Expr input : inputs)
        if (!is_unknown(input))
            out << "    const double " << names[input] << " = " << load(input, shell_body) << ";\n";
    if (!(ss.guard.is_constant() && ss.guard.value() == 1.0))
        out << "    if (!(" << sym::to_c(ss.guard, names) << ")) return;\n";
    // What does not depend on the states (rates, mostly) is computed once, before the loop.
    auto varies = [&](sym::Expr e) {
        return std::any_of(unknowns.begin(), unknowns.end(),
                           [&](sym::Expr u) { return sym::depends_on(e, u); });
    };
    for (const sym::Temporary& t : temps)
        if (!varies(t.value))
            out << "    const double " << t.name << " = "
                << sym::to_c_definition(t.value, temp_names) << ";\n";
    out << "    constexpr int n = " << n << ";\n    double rv_y[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << load(unknowns[k], shell_body);
    out << "};\n    bool rv_converged = false;\n"
        << "    for (int rv_it = 0; rv_it < kMaxNewtonIterations && !rv_converged; ++rv_it) {\n";
    for (std::size_t k = 0; k < n; ++k)
        if (seen.count(unknowns[k]))
            out << "        const double " << names[unknowns[k]] << " = rv_y[" << k << "];\n";
    for (const sym::Temporary& t : temps)
        if (varies(t.value))
            out << "        const double " << t.name << " = "
                << sym::to_c_definition(t.value, temp_names) << ";\n";
    // One Newton iteration of an implicit Euler step of kSteadyStateStep from y: rate rows
    // solve -h f(y) = (I - h J) dy, CONSERVE rows law(y) = 0.
    out << "        double rv_f[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << (ss.conserve[k] ? "" : "-kSteadyStateStep * (")
            << sym::to_c(ss.residuals[k], temp_names) << (ss.conserve[k] ? "" : ")");
    out << "};\n        double rv_J[n * n] = {};\n";
    for (std::size_t k = 0; k < n; ++k)
        if (!ss.conserve[k])
            out << "        rv_J[" << k * n + k << "] = 1.0;\n";
    for (const Entry& e : entries) {
        const std::size_t k = e.row * n + e.column;
        if (ss.conserve[e.row])
            out << "        rv_J[" << k << "] = " << sym::to_c(e.value, temp_names) << ";\n";
        else
            out << "        rv_J[" << k << "] -= kSteadyStateStep * ("
                << sym::to_c(e.value, temp_names) << ");\n";
    }
    out << "        rv_converged = newton_update<n>(rv_J, rv_f, rv_y);\n    }\n";
    for (std::size_t k = 0; k < n; ++k)
        out << "    rv_in.fields[f_" << fields_[field_by_name_.at(ss.states[k])].ident
            << "][rv_i] = rv_converged ? rv_y[" << k << "] : NAN;\n";
    out << "}\n\n";
}

// The exact propagator of a linear system: A and b from the instance, then exp of the augmented
// matrix (expm.h) applied to the states.
void KernelPrinter::propagate(std::ostream& out) {
    const ode::LinearSystem& system = *mech_.linear;
    const std::size_t n = mech_.equations.size();
    kernels_.push_back("propagate");
    std::vector<sym::Expr> roots = system.a;
    roots.insert(roots.end(), system.b.begin(), system.b.end());
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {}, {"rv_in", "rv_i", "rv_A", "rv_b", "rv_y", "n"});
    const Body shell_body{"propagate", Shell::Instance, {}, {}, nullptr, nullptr};
    out << "HOST_DEVICE inline void propagate(const rv_instances& rv_in, int rv_i) {\n";
    for (sym::Expr input : inputs)
        out << "    const double " << names[input] << " = " << load(input, shell_body) << ";\n";
    for (const sym::Temporary& t : temps)
        out << "    const double " << t.name << " = " << sym::to_c_definition(t.value, temp_names)
            << ";\n";
    out << "    constexpr int n = " << n << ";\n    const double rv_A[n * n] = {";
    for (std::size_t k = 0; k < system.a.size(); ++k)
        out << (k ? ", " : "") << sym::to_c(system.a[k], temp_names);
    out << "};\n    const double rv_b[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << sym::to_c(system.b[k], temp_names);
    out << "};\n    double rv_y[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << load(mech_.equations[k].state_var, shell_body);
    out << "};\n    linear_propagate<n>(rv_A, rv_b, rv_y, rv_in.globals[RV_DT]);\n";
    for (std::size_t k = 0; k < n; ++k)
        out << "    rv_in.fields[f_" << fields_[field_by_name_.at(mech_.equations[k].state)].ident
            << "][rv_i] = rv_y[" << k << "];\n";
    out << "}\n\n";
}

// The tables of TABLE statements (compiled with tables on), point rv_j of each: x on the
// uniform grid from..to, y the tabled value there. They belong to the mechanism, not to an
// instance: the globals they DEPEND on are read from instance 0.
bool KernelPrinter::make_tables(std::ostream& out) {
    sym::Context& ctx = mech_.ctx;
    std::vector<sym::Expr> roots;
    std::vector<std::size_t> generated;
    const sym::Expr point = ctx.variable("@point");
    for (std::size_t k = 0; k < mech_.tables.size(); ++k) {
        const ode::Table& t = mech_.tables[k];
        if (t.value.is_null())
            continue; // a FUNCTION_TABLE: the runtime's points
        sym::Expr step = ctx.div(ctx.sub(t.to, t.from), ctx.constant(t.points - 1));
        sym::Expr x = ctx.add(t.from, ctx.mul(point, step));
        std::unordered_map<sym::Expr, sym::Expr> at{
            {ctx.variable("@table" + std::to_string(k)), x}};
        roots.push_back(x);
        roots.push_back(sym::substitute(ctx, t.value, at));
        generated.push_back(k);
    }
    if (generated.empty())
        return false;
    kernels_.push_back("make_tables");
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {}, {"rv_in", "rv_i", "rv_j", "rv_x", "rv_y"});
    const Body shell_body{"make_tables", Shell::TablePoint, {}, {}, nullptr, nullptr};
    out << "HOST_DEVICE inline void make_tables(const rv_instances& rv_in, int rv_j) {\n";
    if (std::any_of(inputs.begin(), inputs.end(), [&](sym::Expr e) {
            return !(e == point) && !kGlobals.count(std::string(e.name()));
        }))
        out << "    const int rv_i = 0;\n";
    for (sym::Expr input : inputs)
        if (!(input == point))
            out << "    const double " << names[input] << " = " << load(input, shell_body) << ";\n";
    temp_names[point] = "static_cast<double>(rv_j)";
    for (const sym::Temporary& t : temps)
        out << "    const double " << t.name << " = " << sym::to_c_definition(t.value, temp_names)
            << ";\n";
    for (std::size_t g = 0; g < generated.size(); ++g) {
        const ode::Table& t = mech_.tables[generated[g]];
        const std::string table = "rv_in.tables[" + std::to_string(generated[g]) + "]";
        out << "    if (rv_j < " << t.points << ") { // " << source_ << ":" << t.source.begin.line
            << "\n        " << table << ".x[rv_j] = " << sym::to_c(roots[2 * g], temp_names)
            << ";\n        " << table << ".y[rv_j] = " << sym::to_c(roots[2 * g + 1], temp_names)
            << ";\n    }\n";
    }
    out << "}\n\n";
    return true;
}

} // namespace ranvier::codegen::detail
