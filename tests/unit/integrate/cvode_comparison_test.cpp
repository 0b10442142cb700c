// Ranvier's BDF against SUNDIALS CVODE (BDF, Newton, dense solve, the same tolerances) on the
// same problems: the same method, so steps and errors should be alike.
#include "ranvier/integrate/bdf.h"

#include <cmath>
#include <cvode/cvode.h>
#include <functional>
#include <gtest/gtest.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

namespace ranvier::integrate {
namespace {

// y' = f(t, y) for two components with an analytic Jacobian.
struct TwoByTwo {
    std::function<void(double, const double*, double*)> f;
    std::function<void(double, const double*, double*)> jacobian; // row-major 2 x 2
    double m[4] = {};
    std::size_t size() const { return 2; }
    void rhs(double t, const double* y, double* d) { f(t, y, d); }
    bool setup(double t, const double* y, double gamma, bool) {
        double j[4];
        jacobian(t, y, j);
        m[0] = 1 - gamma * j[0];
        m[1] = -gamma * j[1];
        m[2] = -gamma * j[2];
        m[3] = 1 - gamma * j[3];
        return m[0] * m[3] - m[1] * m[2] != 0;
    }
    void solve(double* b) const {
        const double det = m[0] * m[3] - m[1] * m[2];
        const double x0 = (m[3] * b[0] - m[1] * b[1]) / det;
        const double x1 = (m[0] * b[1] - m[2] * b[0]) / det;
        b[0] = x0;
        b[1] = x1;
    }
};

struct Outcome {
    long steps;
    double y[2];
};

Outcome run_ranvier(TwoByTwo& p, const double* y0, double t_end, double tol) {
    Bdf<TwoByTwo> bdf(p, {tol, tol});
    bdf.start(0, y0);
    while (bdf.t() < t_end)
        EXPECT_TRUE(bdf.step(t_end)) << bdf.failure();
    return {bdf.statistics().steps, {bdf.y()[0], bdf.y()[1]}};
}

Outcome run_cvode(TwoByTwo& p, const double* y0, double t_end, double tol) {
    SUNContext ctx = nullptr;
    SUNContext_Create(nullptr, &ctx);
    N_Vector y = N_VNew_Serial(2, ctx);
    N_VGetArrayPointer(y)[0] = y0[0];
    N_VGetArrayPointer(y)[1] = y0[1];
    void* mem = CVodeCreate(CV_BDF, ctx);
    auto rhs = [](sunrealtype t, N_Vector yv, N_Vector d, void* data) {
        static_cast<TwoByTwo*>(data)->f(t, N_VGetArrayPointer(yv), N_VGetArrayPointer(d));
        return 0;
    };
    auto jac = [](sunrealtype t, N_Vector yv, N_Vector, SUNMatrix j, void* data, N_Vector, N_Vector,
                  N_Vector) {
        double out[4];
        static_cast<TwoByTwo*>(data)->jacobian(t, N_VGetArrayPointer(yv), out);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c)
                SM_ELEMENT_D(j, r, c) = out[r * 2 + c];
        return 0;
    };
    CVodeInit(mem, rhs, 0, y);
    CVodeSStolerances(mem, tol, tol);
    CVodeSetUserData(mem, &p);
    CVodeSetMaxNumSteps(mem, 1000000);
    SUNMatrix a = SUNDenseMatrix(2, 2, ctx);
    SUNLinearSolver ls = SUNLinSol_Dense(y, a, ctx);
    CVodeSetLinearSolver(mem, ls, a);
    CVodeSetJacFn(mem, jac);
    CVodeSetStopTime(mem, t_end);
    double t = 0;
    CVode(mem, t_end, y, &t, CV_NORMAL);
    long steps = 0;
    CVodeGetNumSteps(mem, &steps);
    Outcome out{steps, {N_VGetArrayPointer(y)[0], N_VGetArrayPointer(y)[1]}};
    CVodeFree(&mem);
    SUNLinSolFree(ls);
    SUNMatDestroy(a);
    N_VDestroy(y);
    SUNContext_Free(&ctx);
    return out;
}

TwoByTwo decay_and_stiff(double k) {
    return {[k](double t, const double* y, double* d) {
                d[0] = -y[0];
                d[1] = -k * (y[1] - std::cos(t)) - std::sin(t);
            },
            [k](double, const double*, double* j) {
                j[0] = -1;
                j[1] = 0;
                j[2] = 0;
                j[3] = -k;
            }};
}

// The van der Pol oscillator (mu = 10): nonlinear, mildly stiff relaxation oscillations.
TwoByTwo van_der_pol() {
    const double mu = 10;
    return {[mu](double, const double* y, double* d) {
                d[0] = y[1];
                d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
            },
            [mu](double, const double* y, double* j) {
                j[0] = 0;
                j[1] = 1;
                j[2] = -2 * mu * y[0] * y[1] - 1;
                j[3] = mu * (1 - y[0] * y[0]);
            }};
}

TEST(BdfAgainstCvode, StepsAndErrorsAreAlike) {
    for (double tol : {1e-4, 1e-6, 1e-8}) {
        for (int problem = 0; problem < 3; ++problem) {
            TwoByTwo p = problem == 0   ? decay_and_stiff(1)
                         : problem == 1 ? decay_and_stiff(1e4)
                                        : van_der_pol();
            const double y0[2] = {problem == 2 ? 2.0 : 1.0, problem == 2 ? 0.0 : 1.0};
            const double t_end = problem == 2 ? 40 : 10;
            Outcome ours = run_ranvier(p, y0, t_end, tol);
            Outcome theirs = run_cvode(p, y0, t_end, tol);
            // A reference from CVODE at a tolerance far below.
            Outcome exact = run_cvode(p, y0, t_end, 1e-12);
            const double e_ours =
                std::max(std::fabs(ours.y[0] - exact.y[0]), std::fabs(ours.y[1] - exact.y[1]));
            const double e_theirs =
                std::max(std::fabs(theirs.y[0] - exact.y[0]), std::fabs(theirs.y[1] - exact.y[1]));
            const std::string what =
                "problem " + std::to_string(problem) + ", tol " + std::to_string(tol) + ": steps " +
                std::to_string(ours.steps) + " (CVODE " + std::to_string(theirs.steps) +
                "), error " + std::to_string(e_ours) + " (CVODE " + std::to_string(e_theirs) + ")";
            EXPECT_LT(ours.steps, 1.5 * theirs.steps + 10) << what;
            EXPECT_GT(ours.steps, 0.5 * theirs.steps - 10) << what;
            EXPECT_LT(e_ours, 10 * e_theirs + 10 * tol) << what;
            std::cout << "  " << what << "\n";
        }
    }
}

} // namespace
} // namespace ranvier::integrate
