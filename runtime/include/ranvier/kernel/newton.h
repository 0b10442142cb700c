// Newton's method inside generated kernels (STEADYSTATE): one update of a small dense system,
// on host and device alike.
#pragma once

#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

constexpr int kMaxNewtonIterations = 50;
// STEADYSTATE: the implicit Euler step (ms) whose fixed point is the steady state.
constexpr double kSteadyStateStep = 1e9;

// Solves J dx = f by Gaussian elimination with partial pivoting (J row-major, destroyed), then
// sets y -= dx. Returns true when the step is below 1e-10 relative (plus 1e-15 absolute) in
// every component: converged. A singular J, or a NaN, returns false with y unchanged.
template <int N> HOST_DEVICE inline bool newton_update(double* J, double* f, double* y) {
    for (int col = 0; col < N; ++col) {
        int pivot = col;
        for (int r = col + 1; r < N; ++r)
            if (fabs(J[r * N + col]) > fabs(J[pivot * N + col]))
                pivot = r;
        if (!(fabs(J[pivot * N + col]) > 0.0))
            return false;
        if (pivot != col) {
            for (int c = 0; c < N; ++c) {
                const double t = J[col * N + c];
                J[col * N + c] = J[pivot * N + c];
                J[pivot * N + c] = t;
            }
            const double t = f[col];
            f[col] = f[pivot];
            f[pivot] = t;
        }
        for (int r = col + 1; r < N; ++r) {
            const double m = J[r * N + col] / J[col * N + col];
            if (m == 0.0)
                continue;
            for (int c = col; c < N; ++c)
                J[r * N + c] -= m * J[col * N + c];
            f[r] -= m * f[col];
        }
    }
    for (int r = N - 1; r >= 0; --r) {
        double s = f[r];
        for (int c = r + 1; c < N; ++c)
            s -= J[r * N + c] * f[c];
        f[r] = s / J[r * N + r];
    }
    bool converged = true;
    for (int k = 0; k < N; ++k) {
        y[k] -= f[k];
        if (!(fabs(f[k]) <= 1e-10 * fabs(y[k]) + 1e-15))
            converged = false;
    }
    return converged;
}

} // namespace ranvier::kernel
