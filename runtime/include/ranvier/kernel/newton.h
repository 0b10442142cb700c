// Newton's method inside generated kernels (STEADYSTATE, LINEAR and NONLINEAR blocks): dense
// solves of small systems, on host and device alike.
#pragma once

#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

constexpr int kMaxNewtonIterations = 50;
// STEADYSTATE: the implicit Euler step (ms) whose fixed point is the steady state.
constexpr double kSteadyStateStep = 1e9;

// Solves J X = B by Gaussian elimination with partial pivoting: J is N x N and B is N x M,
// both row-major; J is destroyed and B becomes X. A singular J (or a NaN in it) makes X NaN and
// returns false.
template <int N, int M = 1> HOST_DEVICE inline bool solve_dense(double* J, double* B) {
    for (int col = 0; col < N; ++col) {
        int pivot = col;
        for (int r = col + 1; r < N; ++r)
            if (fabs(J[r * N + col]) > fabs(J[pivot * N + col]))
                pivot = r;
        if (!(fabs(J[pivot * N + col]) > 0.0)) {
            for (int k = 0; k < N * M; ++k)
                B[k] = NAN;
            return false;
        }
        if (pivot != col) {
            for (int c = 0; c < N; ++c) {
                const double t = J[col * N + c];
                J[col * N + c] = J[pivot * N + c];
                J[pivot * N + c] = t;
            }
            for (int c = 0; c < M; ++c) {
                const double t = B[col * M + c];
                B[col * M + c] = B[pivot * M + c];
                B[pivot * M + c] = t;
            }
        }
        for (int r = col + 1; r < N; ++r) {
            const double m = J[r * N + col] / J[col * N + col];
            if (m == 0.0)
                continue;
            for (int c = col; c < N; ++c)
                J[r * N + c] -= m * J[col * N + c];
            for (int c = 0; c < M; ++c)
                B[r * M + c] -= m * B[col * M + c];
        }
    }
    for (int r = N - 1; r >= 0; --r)
        for (int c = 0; c < M; ++c) {
            double s = B[r * M + c];
            for (int k = r + 1; k < N; ++k)
                s -= J[r * N + k] * B[k * M + c];
            B[r * M + c] = s / J[r * N + r];
        }
    return true;
}

// One Newton update: solves J dx = f (both destroyed), then sets y -= dx. Returns true when the
// step is below 1e-10 relative (plus 1e-15 absolute) in every component: converged. A singular
// J, or a NaN, returns false with y unchanged.
template <int N> HOST_DEVICE inline bool newton_update(double* J, double* f, double* y) {
    if (!solve_dense<N>(J, f))
        return false;
    bool converged = true;
    for (int k = 0; k < N; ++k) {
        y[k] -= f[k];
        if (!(fabs(f[k]) <= 1e-10 * fabs(y[k]) + 1e-15))
            converged = false;
    }
    return converged;
}

// The Newton update of an affine system, which lands on its solution: true unless J is singular
// (or the result is not finite).
template <int N> HOST_DEVICE inline bool linear_update(double* J, double* f, double* y) {
    if (!solve_dense<N>(J, f))
        return false;
    bool finite = true;
    for (int k = 0; k < N; ++k) {
        y[k] -= f[k];
        finite = finite && isfinite(y[k]);
    }
    return finite;
}

} // namespace ranvier::kernel
