// Exact propagation of linear constant-coefficient systems in generated kernels (LIF-type point
// neurons with synaptic currents): y(t + dt) for y' = A y + b with A and b frozen over the step,
// on host and device alike.
//
// The augmented matrix M = [[A dt, b dt], [0, 0]] has exp(M) = [[E, F b dt], [0, 1]] with
// E = exp(A dt) and F = phi1(A dt), so y(t + dt) = E y + F b dt is the last column of exp(M)
// applied to (y, 1). exp(M) is computed by scaling and squaring (C. Moler and C. Van Loan,
// "Nineteen dubious ways to compute the exponential of a matrix, twenty-five years later", SIAM
// Review 45, 2003): M / 2^s has norm at most 1/4, where a Taylor polynomial of degree 12 is exact
// to below rounding (the remainder is under e^(1/4) 0.25^13 / 13! ~ 3e-18), then s squarings.
//
// The cost is about 12 + s products of (n+1)^2 matrices per call: this runs every fixed step, so
// a runtime that knows A, b and dt unchanged since the last step (a LIF neuron outside its
// refractory period) should keep the result instead of calling again.
#pragma once

#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

template <int N>
HOST_DEVICE inline void linear_propagate(const double* A, const double* b, double* y, double dt) {
    constexpr int M = N + 1;
    double m[M * M];
    for (int r = 0; r < M; ++r)
        for (int c = 0; c < M; ++c)
            m[r * M + c] = r < N ? (c < N ? A[r * N + c] : b[r]) * dt : 0.0;
    // Scale to norm <= 1/4 (infinity norm).
    double norm = 0.0;
    for (int r = 0; r < M; ++r) {
        double row = 0.0;
        for (int c = 0; c < M; ++c)
            row += fabs(m[r * M + c]);
        norm = row > norm ? row : norm;
    }
    int squarings = 0;
    while (norm > 0.25 && squarings < 1000) {
        norm *= 0.5;
        ++squarings;
    }
    const double scale = ldexp(1.0, -squarings);
    for (int k = 0; k < M * M; ++k)
        m[k] *= scale;
    // Taylor: e = sum_{k=0}^{12} m^k / k!, by Horner's rule: e = I + m (I + m/2 (I + m/3 (...))).
    double e[M * M], t[M * M];
    for (int k = 0; k < M * M; ++k)
        e[k] = (k / M == k % M) ? 1.0 : 0.0;
    for (int k = 12; k >= 1; --k) {
        for (int r = 0; r < M; ++r)
            for (int c = 0; c < M; ++c) {
                double s = 0.0;
                for (int j = 0; j < M; ++j)
                    s += m[r * M + j] * e[j * M + c];
                t[r * M + c] = (r == c ? 1.0 : 0.0) + s / k;
            }
        for (int i = 0; i < M * M; ++i)
            e[i] = t[i];
    }
    for (int s = 0; s < squarings; ++s) {
        for (int r = 0; r < M; ++r)
            for (int c = 0; c < M; ++c) {
                double sum = 0.0;
                for (int j = 0; j < M; ++j)
                    sum += e[r * M + j] * e[j * M + c];
                t[r * M + c] = sum;
            }
        for (int i = 0; i < M * M; ++i)
            e[i] = t[i];
    }
    double next[N];
    for (int r = 0; r < N; ++r) {
        double s = e[r * M + N];
        for (int c = 0; c < N; ++c)
            s += e[r * M + c] * y[c];
        next[r] = s;
    }
    for (int r = 0; r < N; ++r)
        y[r] = next[r];
}

} // namespace ranvier::kernel
