// ODE and Jacobian dumps (see print.h).
#include "ode/print.h"

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

// Prints temporaries for what the lines share, then the lines.
void print_lines(std::ostream& out, const std::vector<Line>& lines, const sym::NameMap& hints) {
    std::vector<sym::Expr> roots;
    for (const Line& line : lines)
        roots.push_back(line.value);
    std::vector<sym::Temporary> temps = sym::common_subexpressions(roots, hints);
    sym::NameMap names = sym::temporary_names(temps);
    for (const sym::Temporary& t : temps)
        out << "    " << t.name << " = " << sym::to_c_definition(t.value, names) << "\n";
    for (const Line& line : lines)
        out << "    " << line.label << " = " << sym::to_c(line.value, names) << "\n";
}

// A titled block of assignments; nothing when there are none.
void print_assignments(std::ostream& out, const char* title,
                       const std::vector<Assignment>& assignments, const sym::NameMap& hints) {
    if (assignments.empty())
        return;
    std::vector<Line> lines;
    for (const Assignment& a : assignments)
        lines.push_back({a.name, a.value});
    out << title << " {\n";
    print_lines(out, lines, hints);
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
            if (!sym::depends_on(mech.equations[row].rhs, y))
                continue;
            entries.push_back({row, column, sym::diff(mech.ctx, mech.equations[row].rhs, y)});
        }
    }
    return entries;
}

void print_ode(std::ostream& out, Mechanism& mech) {
    out << "MECHANISM " << mech.name << " (" << kind_name(mech.kind) << ")\n";
    if (!mech.method.empty())
        out << "METHOD " << mech.method << "\n";
    const sym::NameMap& hints = mech.hints;
    std::vector<Line> lines;
    for (const StateEquation& eq : mech.equations)
        lines.push_back({eq.state + "'", eq.rhs});
    for (const Current& c : mech.currents) {
        lines.push_back({c.name, c.value});
        lines.push_back({"d" + c.name + "_dv", c.conductance});
    }
    out << "EQUATIONS {\n";
    print_lines(out, lines, hints);
    out << "}\n";
    print_assignments(out, "CNEXP", mech.cnexp_updates, hints);
    print_assignments(out, "STEP", mech.step_updates, hints);
    print_assignments(out, "INITIAL", mech.initial, hints);
}

void print_jacobian(std::ostream& out, Mechanism& mech) {
    out << "JACOBIAN " << mech.name << " {\n";
    std::vector<Line> lines;
    for (const JacobianEntry& e : jacobian(mech))
        lines.push_back({"d(" + mech.equations[e.row].state + "')/d(" + e.column + ")", e.value});
    for (Current& c : mech.currents) {
        for (const StateEquation& eq : mech.equations) {
            if (sym::depends_on(c.value, eq.state_var))
                lines.push_back({"d(" + c.name + ")/d(" + eq.state + ")",
                                 sym::diff(mech.ctx, c.value, eq.state_var)});
        }
        lines.push_back({"d(" + c.name + ")/d(v)", c.conductance});
    }
    print_lines(out, lines, mech.hints);
    out << "}\n";
}

} // namespace ranvier::ode
