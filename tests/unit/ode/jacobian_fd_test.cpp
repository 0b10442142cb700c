// The exact Jacobian against finite differences: for every shipped mechanism that lowers, every
// structural non-zero d(f_i)/d(y_j) (and d(i)/d(v), d(i)/d(y_j) of every current) matches a
// Richardson- extrapolated central difference at random admissible points, and every entry left out
// as a structural zero is numerically zero.
#include "ode/lower.h"
#include "ode/lower_util.h"
#include "ode/print.h"
#include "sema/sema.h"
#include "sym/differentiate.h"
#include "sym/evaluate.h"
#include "syntax/test_util.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <random>
#include <sstream>

namespace ranvier {
namespace {

using test::lower_file;
using test::shipped_models;

// A random point where the model is meant to be evaluated: voltages in the physiological
// range, gating fractions in (0, 1), declared defaults for parameters.
std::vector<double> random_point(ode::Mechanism& mech, std::mt19937& rng) {
    auto uniform = [&](double lo, double hi) {
        return std::uniform_real_distribution<double>(lo, hi)(rng);
    };
    std::map<std::string, double> defaults;
    for (const ode::Variable& var : mech.variables)
        if (var.default_value && var.role == ode::VariableRole::Parameter)
            defaults[var.name] = *var.default_value;
    std::vector<double> values(mech.ctx.variable_count());
    for (std::uint32_t id = 0; id < values.size(); ++id) {
        std::string name(mech.ctx.variable_by_id(id).name());
        double& x = values[id];
        if (name == "v")
            x = uniform(-80, 40);
        else if (name == "celsius")
            x = uniform(6, 37);
        else if (defaults.count(name) && defaults[name] != 0)
            x = defaults[name] * uniform(0.8, 1.2);
        else if (name.size() > 1 && name[0] == 'e')
            x = uniform(-90, 60);
        else
            x = uniform(0.05, 0.95);
    }
    return values;
}

// d f / d x_id by central differences at two step sizes, extrapolated (error O(h^4)); nullopt
// where the two disagree at first order, i.e. the stencil straddles a kink of a piecewise
// right-hand side (an IF in the model), where no difference quotient means anything.
// The unknowns of LINEAR/NONLINEAR blocks are solved again at every perturbed point.
std::optional<double> finite_difference(ode::Mechanism& mech, sym::Expr f, std::vector<double> x,
                                        std::uint32_t id) {
    double x0 = x[id];
    auto value = [&]() {
        if (!mech.algebraic.empty())
            test::solve_algebraic(mech, x);
        return sym::evaluate(f, x);
    };
    auto central = [&](double h) {
        x[id] = x0 + h;
        double up = value();
        x[id] = x0 - h;
        double down = value();
        return (up - down) / (2 * h);
    };
    double h = 1e-3 * std::max(1.0, std::fabs(x0));
    double coarse = central(h);
    double fine = central(h / 2);
    if (std::fabs(coarse - fine) > 1e-3 * std::max({std::fabs(coarse), std::fabs(fine), 1e-6}))
        return std::nullopt;
    // A kink right at x0 fools both central differences alike (each sees the mean of the two
    // slopes); the one-sided slopes tell it, differing at first order instead of by O(h f'').
    x[id] = x0;
    double at = value();
    x[id] = x0 + h / 2;
    double forward = (value() - at) / (h / 2);
    x[id] = x0 - h / 2;
    double backward = (at - value()) / (h / 2);
    if (std::fabs(forward - backward) >
        0.1 * std::max({std::fabs(forward), std::fabs(backward), 1e-6}))
        return std::nullopt;
    return (4 * fine - coarse) / 3;
}

void expect_close(double exact, double numeric, double scale, const std::string& what) {
    double tolerance = 1e-6 * std::max({std::fabs(exact), std::fabs(numeric), scale});
    EXPECT_LE(std::fabs(exact - numeric), tolerance)
        << what << ": exact " << exact << ", finite difference " << numeric;
}

TEST(JacobianFiniteDifferences, EveryShippedMechanism) {
    std::mt19937 rng(20261123);
    std::vector<std::string> not_lowered;
    int checked = 0;
    long compared = 0;
    long kinks = 0;
    for (const auto& path : shipped_models()) {
        std::string error;
        std::unique_ptr<ode::Mechanism> mech = lower_file(path, error);
        if (!mech) {
            not_lowered.push_back(path.filename().string() + ": " +
                                  error.substr(0, error.find('\n')));
            continue;
        }
        std::vector<ode::JacobianEntry> entries = ode::jacobian(*mech);
        // Before the points are drawn: these create the derivative symbols of LINEAR/NONLINEAR
        // unknowns that the points must give values to.
        std::vector<ode::CurrentJacobianEntry> coupling = ode::current_jacobian(*mech);
        for (int sample = 0; sample < 20; ++sample) {
            std::vector<double> x = random_point(*mech, rng);
            test::solve_algebraic(*mech, x);
            for (std::size_t row = 0; row < mech->equations.size(); ++row) {
                sym::Expr f = mech->equations[row].rhs;
                double scale = 1e-3 * std::fabs(sym::evaluate(f, x)) + 1e-9;
                if (!std::isfinite(scale))
                    continue;
                for (std::uint32_t id = 0; id < x.size(); ++id) {
                    sym::Expr y = mech->ctx.variable_by_id(id);
                    std::string column(y.name());
                    auto entry = std::find_if(entries.begin(), entries.end(), [&](const auto& e) {
                        return e.row == row && e.column == column;
                    });
                    bool is_unknown =
                        std::any_of(mech->equations.begin(), mech->equations.end(),
                                    [&](const auto& eq) { return eq.state == column; }) ||
                        column == "v";
                    if (!is_unknown)
                        continue;
                    std::optional<double> numeric = finite_difference(*mech, f, x, id);
                    if (!numeric) {
                        ++kinks;
                        continue;
                    }
                    ++compared;
                    double exact = entry == entries.end() ? 0.0 : sym::evaluate(entry->value, x);
                    expect_close(exact, *numeric, scale,
                                 mech->name + ": d(" + mech->equations[row].state + "')/d(" +
                                     column + ")" +
                                     (entry == entries.end() ? " (structural zero)" : ""));
                }
            }
            for (std::size_t c = 0; c < mech->currents.size(); ++c) {
                sym::Expr current = mech->currents[c].value;
                double scale = 1e-3 * std::fabs(sym::evaluate(current, x)) + 1e-9;
                if (!std::isfinite(scale))
                    continue;
                for (std::size_t s = 0; s < mech->equations.size(); ++s) {
                    auto entry = std::find_if(coupling.begin(), coupling.end(), [&](const auto& e) {
                        return e.current == c && e.state == s;
                    });
                    std::optional<double> numeric =
                        finite_difference(*mech, current, x, mech->equations[s].state_var.var_id());
                    if (!numeric) {
                        ++kinks;
                        continue;
                    }
                    ++compared;
                    double exact = entry == coupling.end() ? 0.0 : sym::evaluate(entry->value, x);
                    expect_close(exact, *numeric, scale,
                                 mech->name + ": d(" + mech->currents[c].name + ")/d(" +
                                     mech->equations[s].state + ")" +
                                     (entry == coupling.end() ? " (structural zero)" : ""));
                }
            }
            for (const ode::Current& c : mech->currents) {
                std::uint32_t v = mech->ctx.variable("v").var_id();
                double scale = 1e-3 * std::fabs(sym::evaluate(c.value, x)) + 1e-9;
                std::optional<double> numeric = finite_difference(*mech, c.value, x, v);
                if (!numeric || !std::isfinite(scale)) {
                    ++kinks;
                    continue;
                }
                ++compared;
                expect_close(sym::evaluate(c.conductance, x), *numeric, scale,
                             mech->name + ": d(" + c.name + ")/d(v)");
            }
        }
        ++checked;
    }
    for (const std::string& name : not_lowered)
        std::cout << "  not lowered: " << name << "\n";
    std::cout << "  " << checked << " mechanisms, " << compared << " Jacobian entries compared, "
              << kinks << " skipped at kinks of piecewise right-hand sides\n";
    EXPECT_GE(checked, 18) << "too few mechanisms lowered";
    EXPECT_GT(compared, 100 * kinks) << "kinks should be rare; the comparison is not meaningful";
}

} // namespace
} // namespace ranvier

namespace ranvier {
namespace {

// METHOD cnexp: the update of each linear equation is the exact solution over dt of
// y' = f(y) = f0 + b (y - y0) with everything else frozen: y0 + (f0 / b)(exp(b dt) - 1); the
// updates run in statement order, each seeing the states updated before it (as in NEURON).
TEST(Cnexp, UpdateIsTheExactLinearSolution) {
    std::mt19937 rng(11);
    int checked = 0;
    for (const auto& path : shipped_models()) {
        std::string error;
        std::unique_ptr<ode::Mechanism> mech = lower_file(path, error);
        if (!mech || mech->method != "cnexp")
            continue;
        std::map<std::string, const ode::StateEquation*> equation;
        for (const ode::StateEquation& eq : mech->equations)
            equation[eq.state] = &eq;
        std::uint32_t dt = mech->ctx.variable("dt").var_id();
        for (int sample = 0; sample < 20; ++sample) {
            std::vector<double> x = random_point(*mech, rng);
            x.resize(mech->ctx.variable_count());
            x[dt] = std::uniform_real_distribution<double>(0.001, 0.5)(rng);
            std::vector<double> before = x; // the updates read the states at the step's start
            for (const ode::Assignment& a : mech->cnexp_updates) {
                const ode::StateEquation& eq = *equation.at(a.name);
                double y0 = x[eq.state_var.var_id()];
                double f0 = sym::evaluate(eq.rhs, x);
                double b = sym::evaluate(sym::diff(mech->ctx, eq.rhs, eq.state_var), x);
                double exact = b == 0 ? y0 + f0 * x[dt] : y0 + f0 / b * std::expm1(b * x[dt]);
                if (!std::isfinite(exact))
                    break; // a random point outside the model's domain (pow of a negative)
                double update = sym::evaluate(a.value, before);
                EXPECT_NEAR(update, exact, 1e-12 * std::max(1.0, std::fabs(exact)))
                    << mech->name << " " << eq.state;
                x[eq.state_var.var_id()] = exact;
            }
        }
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

} // namespace
} // namespace ranvier
