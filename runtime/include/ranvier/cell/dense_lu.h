// Dense LU factorisation with partial pivoting for small systems (kernel/dense_lu.h on vectors).
#pragma once

#include "ranvier/kernel/dense_lu.h"

#include <cstddef>
#include <vector>

namespace ranvier::cell {

// Factors the row-major n x n matrix a in place; false when it is singular.
inline bool lu_factor(std::vector<double>& a, std::vector<std::size_t>& pivot, std::size_t n) {
    pivot.assign(n, 0);
    return kernel::lu_factor(a.data(), pivot.data(), static_cast<int>(n));
}

// b <- A^-1 b with the factors of lu_factor.
inline void lu_solve(const std::vector<double>& lu, const std::vector<std::size_t>& pivot,
                     double* b, std::size_t n) {
    kernel::lu_solve(lu.data(), pivot.data(), b, static_cast<int>(n));
}

} // namespace ranvier::cell
