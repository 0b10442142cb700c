// Ranvier's BDF integrator on problems with known solutions: its error follows the tolerance,
// it climbs to high order on smooth problems, and it takes large steps on a stiff one.
#include "ranvier/integrate/bdf.h"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <vector>

namespace ranvier::integrate {
namespace {

// y' = A(t, y) for a small dense problem, with its Jacobian solve by Gaussian elimination.
struct Problem {
    std::size_t n;
    std::function<void(double, const double*, double*)> f;
    std::function<void(double, const double*, std::vector<double>&)> jac;
    std::vector<double> m; // I - gamma J, factored without pivoting (these are diagonal-heavy)
    std::size_t size() const { return n; }
    void rhs(double t, const double* y, double* ydot) { f(t, y, ydot); }
    bool setup(double t, const double* y, double gamma, bool) {
        std::vector<double> j;
        jac(t, y, j);
        m.assign(n * n, 0.0);
        for (std::size_t k = 0; k < n * n; ++k)
            m[k] = -gamma * j[k];
        for (std::size_t i = 0; i < n; ++i)
            m[i * n + i] += 1;
        for (std::size_t c = 0; c < n; ++c)
            for (std::size_t r = c + 1; r < n; ++r) {
                const double factor = m[r * n + c] /= m[c * n + c];
                for (std::size_t k = c + 1; k < n; ++k)
                    m[r * n + k] -= factor * m[c * n + k];
            }
        return true;
    }
    void solve(double* b) const {
        for (std::size_t c = 0; c < n; ++c)
            for (std::size_t r = c + 1; r < n; ++r)
                b[r] -= m[r * n + c] * b[c];
        for (std::size_t r = n; r-- > 0;) {
            for (std::size_t k = r + 1; k < n; ++k)
                b[r] -= m[r * n + k] * b[k];
            b[r] /= m[r * n + r];
        }
    }
};

struct Result {
    double error;
    BdfStatistics stats;
    int max_order;
};

// y1' = -y1 (e^-t), y2' = -k (y2 - cos t) - sin t (cos t once the transient is gone).
Result run(double tol, double k, double t_end) {
    Problem p{2,
              [k](double t, const double* y, double* d) {
                  d[0] = -y[0];
                  d[1] = -k * (y[1] - std::cos(t)) - std::sin(t);
              },
              [k](double, const double*, std::vector<double>& j) {
                  j = {-1, 0, 0, -k};
              },
              {}};
    Bdf<Problem> bdf(p, {tol, tol});
    const double y0[] = {1, 1};
    bdf.start(0, y0);
    int max_order = 1;
    while (bdf.t() < t_end) {
        EXPECT_TRUE(bdf.step(t_end)) << bdf.failure();
        max_order = std::max(max_order, bdf.order());
    }
    const double error =
        std::max(std::fabs(bdf.y()[0] - std::exp(-t_end)), std::fabs(bdf.y()[1] - std::cos(t_end)));
    return {error, bdf.statistics(), max_order};
}

// Local error control: the global error over 10 time constants grows past the tolerance, as
// CVODE's does (cvode_comparison_test.cpp compares the two).
TEST(Bdf, ErrorFollowsTheTolerance) {
    double previous = 1;
    for (double tol : {1e-4, 1e-6, 1e-8, 1e-10}) {
        Result r = run(tol, 1, 10);
        EXPECT_LT(r.error, 200 * tol) << "tol " << tol;
        EXPECT_LT(r.error, previous) << "tol " << tol;
        previous = r.error;
    }
}

TEST(Bdf, ClimbsToHighOrderOnSmoothProblems) {
    Result r = run(1e-10, 1, 10);
    EXPECT_EQ(r.max_order, 5);
    EXPECT_LT(r.stats.steps, 1000);
}

// With k = 1e6 an explicit method would need steps below 2e-6; BDF's stay near the accuracy
// of the smooth solution.
TEST(Bdf, TakesLargeStepsOnAStiffProblem) {
    Result r = run(1e-6, 1e6, 10);
    EXPECT_LT(r.error, 1e-4);
    EXPECT_LT(r.stats.steps, 2000);
}

TEST(Bdf, DenseOutputInsideTheLastStep) {
    Problem p{1,
              [](double, const double* y, double* d) { d[0] = -y[0]; },
              [](double, const double*, std::vector<double>& j) { j = {-1}; },
              {}};
    Bdf<Problem> bdf(p, {1e-10, 1e-10});
    const double y0[] = {1};
    bdf.start(0, y0);
    while (bdf.t() < 2)
        ASSERT_TRUE(bdf.step(2));
    double y = 0;
    const double inside = bdf.t() - 0.5 * bdf.last_step();
    bdf.interpolate(inside, &y);
    EXPECT_NEAR(y, std::exp(-inside), 1e-8);
}


// A linear neuron with an exponential input current, I jumping by w at irregular times about
// 50 us apart (a high input rate): v' = -v / tau_m + I, I' = -I / tau_s. Exact solution by
// composing each interval's propagator.
struct Jumps {
    static constexpr double tau_m = 20, tau_s = 0.5, w = 0.2;
    std::vector<double> times;
    Jumps() {
        double t = 0;
        for (int k = 1; t < 20; ++k)
            times.push_back(t += 0.02 + 0.06 * std::fabs(std::sin(1.7 * k)));
    }
    static void propagate(double dt, double& v, double& i) {
        const double em = std::exp(-dt / tau_m), es = std::exp(-dt / tau_s);
        v = v * em + i * (es - em) / (1 / tau_m - 1 / tau_s);
        i *= es;
    }
    Problem problem() const {
        return {2,
                [](double, const double* y, double* d) {
                    d[0] = -y[0] / tau_m + y[1];
                    d[1] = -y[1] / tau_s;
                },
                [](double, const double*, std::vector<double>& j) {
                    j = {-1 / tau_m, 1, 0, -1 / tau_s};
                },
                {}};
    }
};

struct JumpRun {
    double error = 0;
    long steps = 0;
    int max_order = 1;
};

// Steps to each jump (or, with `overshoot`, past it and back by the dense output), applies it
// and carries on with a soft restart or a fresh start; the error is the largest at the jumps.
JumpRun run_jumps(double tol, bool soft, bool overshoot) {
    const Jumps jumps;
    Problem p = jumps.problem();
    Bdf<Problem> bdf(p, {tol, tol});
    double y[2] = {0, 0}, exact_v = 0, exact_i = 0, t_exact = 0;
    bdf.start(0, y);
    JumpRun r;
    for (double t_jump : jumps.times) {
        while (bdf.t() < t_jump) {
            const double stop = overshoot ? t_jump + 0.03 : t_jump;
            EXPECT_TRUE(bdf.step(stop)) << bdf.failure();
            r.max_order = std::max(r.max_order, bdf.order());
        }
        bdf.interpolate(t_jump, y);
        Jumps::propagate(t_jump - t_exact, exact_v, exact_i);
        t_exact = t_jump;
        r.error = std::max({r.error, std::fabs(y[0] - exact_v), std::fabs(y[1] - exact_i)});
        y[1] += Jumps::w;
        exact_i += Jumps::w;
        if (soft)
            bdf.soft_restart(t_jump, y);
        else
            bdf.start(t_jump, y);
    }
    r.steps = bdf.statistics().steps;
    return r;
}

// On a linear system the soft restart's history is that of the new trajectory: the order and
// step size carry on through the jumps, at the tolerance's accuracy, in far fewer steps than
// starting again at order 1 after each.
TEST(Bdf, SoftRestartCarriesTheOrderThroughJumps) {
    for (double tol : {1e-4, 1e-7}) {
        const JumpRun soft = run_jumps(tol, true, false), fresh = run_jumps(tol, false, false);
        // (The global error over 400 jumps and 20 ms: about 30 times the tolerance.)
        EXPECT_LT(soft.error, 100 * tol) << tol;
        EXPECT_LT(soft.error, 1.5 * fresh.error) << tol;
        EXPECT_GE(soft.max_order, 3) << tol;
        EXPECT_LT(soft.steps, 0.4 * static_cast<double>(fresh.steps)) << tol;
    }
}

// The same when each jump lands inside the last step and the history is moved back to it.
TEST(Bdf, SoftRestartInsideTheLastStep) {
    for (double tol : {1e-4, 1e-7}) {
        const JumpRun soft = run_jumps(tol, true, true);
        EXPECT_LT(soft.error, 100 * tol) << tol;
        EXPECT_GE(soft.max_order, 3) << tol;
    }
}

} // namespace
} // namespace ranvier::integrate
