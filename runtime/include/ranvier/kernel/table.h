// FUNCTION_TABLE lookups in generated kernels: linear interpolation between the points the
// runtime provides, constant beyond the first and last (as NEURON's tables), on host and device.
#pragma once

#include "ranvier/kernel/abi.h"
#include "ranvier/kernel/math.h"

namespace ranvier::kernel {

// The segment [x[k], x[k+1]] that holds x, by bisection; -1 below the table, size - 1 above.
HOST_DEVICE inline int table_segment(const rv_table& t, double x) {
    if (t.size < 1 || !(x >= t.x[0]))
        return -1;
    if (x >= t.x[t.size - 1])
        return t.size - 1;
    int lo = 0, hi = t.size - 1;
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (t.x[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

HOST_DEVICE inline double table_lookup(const rv_table& t, double x) {
    if (t.size < 1)
        return NAN;
    const int k = table_segment(t, x);
    if (k < 0)
        return t.y[0];
    if (k == t.size - 1)
        return t.y[k];
    const double w = (x - t.x[k]) / (t.x[k + 1] - t.x[k]);
    return t.y[k] + w * (t.y[k + 1] - t.y[k]);
}

HOST_DEVICE inline double table_slope(const rv_table& t, double x) {
    const int k = table_segment(t, x);
    if (k < 0 || k >= t.size - 1)
        return 0.0;
    return (t.y[k + 1] - t.y[k]) / (t.x[k + 1] - t.x[k]);
}

} // namespace ranvier::kernel
