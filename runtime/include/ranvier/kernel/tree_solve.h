// The tree (Hines) solve: a cell's voltage equations form a matrix whose graph is the cell's
// tree, so Gaussian elimination from the leaves to the roots and substitution back is exact and
// O(n), with no fill-in. Host and device alike.
#pragma once

#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

// Solves M x = rhs for the tree matrix with diagonal d, row i's entry b[i] in column parent[i],
// and row parent[i]'s entry a[i] in column i. Nodes are numbered after their parents, the first
// `roots` having none. d is overwritten; rhs becomes x.
HOST_DEVICE inline void tree_solve(int n, int roots, const int* parent, const double* a,
                                   const double* b, double* d, double* rhs) {
    // Eliminate each node's column from its parent's row, leaves first.
    for (int i = n - 1; i >= roots; --i) {
        const int p = parent[i];
        const double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (int i = 0; i < roots; ++i)
        rhs[i] /= d[i];
    for (int i = roots; i < n; ++i)
        rhs[i] = (rhs[i] - b[i] * rhs[parent[i]]) / d[i];
}

} // namespace ranvier::kernel
