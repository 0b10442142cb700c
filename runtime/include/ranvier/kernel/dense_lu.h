// Dense LU factorisation with partial pivoting for the small systems of one mechanism instance
// (implicit Euler's Newton matrix) and of one cell (the BDF Newton matrix). Raw arrays, so that
// host and device run the same arithmetic in the same order.
#pragma once

#include "ranvier/kernel/math.h"

#include <math.h>

namespace ranvier::kernel {

// Factors the row-major n x n matrix a in place; false when it is singular.
template <class Index> HOST_DEVICE inline bool lu_factor(double* a, Index* pivot, int n) {
    for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
            if (fabs(a[r * n + c]) > fabs(a[p * n + c]))
                p = r;
        pivot[c] = static_cast<Index>(p);
        if (!(fabs(a[p * n + c]) > 0))
            return false;
        if (p != c)
            for (int k = 0; k < n; ++k) {
                const double swap = a[c * n + k];
                a[c * n + k] = a[p * n + k];
                a[p * n + k] = swap;
            }
        for (int r = c + 1; r < n; ++r) {
            const double f = a[r * n + c] /= a[c * n + c];
            for (int k = c + 1; k < n; ++k)
                a[r * n + k] -= f * a[c * n + k];
        }
    }
    return true;
}

// b <- A^-1 b with the factors of lu_factor.
template <class Index>
HOST_DEVICE inline void lu_solve(const double* lu, const Index* pivot, double* b, int n) {
    for (int c = 0; c < n; ++c) {
        const int p = static_cast<int>(pivot[c]);
        const double swap = b[c];
        b[c] = b[p];
        b[p] = swap;
    }
    for (int c = 0; c < n; ++c)
        for (int r = c + 1; r < n; ++r)
            b[r] -= lu[r * n + c] * b[c];
    for (int r = n - 1; r >= 0; --r) {
        for (int k = r + 1; k < n; ++k)
            b[r] -= lu[r * n + k] * b[k];
        b[r] /= lu[r * n + r];
    }
}

} // namespace ranvier::kernel
