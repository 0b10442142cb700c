// Small dense LU factorisation with partial pivoting, for the runtime's per-instance blocks and
// the dense Newton solves: row-major, whole rows interchanged (multipliers included), so a solve
// applies every interchange first and then the two triangular solves (as LAPACK's getrf/getrs).
#pragma once

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace ranvier::cell {

// Factors the n x n matrix a in place; false when it is singular.
inline bool lu_factor(std::vector<double>& a, std::vector<std::size_t>& pivot, std::size_t n) {
    pivot.assign(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
                p = r;
        pivot[c] = p;
        if (!(std::fabs(a[p * n + c]) > 0))
            return false;
        if (p != c)
            for (std::size_t k = 0; k < n; ++k)
                std::swap(a[c * n + k], a[p * n + k]);
        for (std::size_t r = c + 1; r < n; ++r) {
            const double f = a[r * n + c] /= a[c * n + c];
            for (std::size_t k = c + 1; k < n; ++k)
                a[r * n + k] -= f * a[c * n + k];
        }
    }
    return true;
}

// b <- A^-1 b with A factored by lu_factor.
inline void lu_solve(const std::vector<double>& lu, const std::vector<std::size_t>& pivot,
                     double* b, std::size_t n) {
    for (std::size_t c = 0; c < n; ++c)
        std::swap(b[c], b[pivot[c]]);
    for (std::size_t c = 0; c < n; ++c)
        for (std::size_t r = c + 1; r < n; ++r)
            b[r] -= lu[r * n + c] * b[c];
    for (std::size_t r = n; r-- > 0;) {
        for (std::size_t k = r + 1; k < n; ++k)
            b[r] -= lu[r * n + k] * b[k];
        b[r] /= lu[r * n + r];
    }
}

} // namespace ranvier::cell
