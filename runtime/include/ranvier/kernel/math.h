// Maths that generated kernels call, compiled for host and device alike. The compiler's symbolic
// stage (compiler/sym) evaluates and constant-folds with these same functions, so the values it
// reasons about are the values the kernels compute.
#pragma once

#include "ranvier/kernel/abi.h"

#include <math.h>

#ifndef HOST_DEVICE
#ifdef __CUDACC__
#define HOST_DEVICE __host__ __device__
#else
#define HOST_DEVICE
#endif
#endif

namespace ranvier::kernel {

// A WHILE loop of a .mod file that has not ended after this many trips is taken not to end: its
// values become NaN, which the runtime reports, rather than the kernel hanging.
constexpr int kMaxWhileTrips = 1000000;

// exprelr(x) = x / (exp(x) - 1), continued by its limit 1 at x = 0. NMODL rate functions such as
// hh's alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40) / 10)) are exprelr in disguise, and the
// compiler rewrites them to it so they stay finite at the removable singularity.
//
// Away from 0, x / expm1(x) is accurate to a few ulps (expm1 has no cancellation). Near 0 the
// Taylor series 1 - x/2 + x^2/12 - x^4/720 + ... is used; for |x| < 1e-5 the x^4 term is below
// 1e-22, so three terms are exact to rounding.
HOST_DEVICE inline double exprelr(double x) {
    if (fabs(x) < 1e-5)
        return 1.0 - x * (0.5 - x * (1.0 / 12.0));
    return x / expm1(x);
}

// exprelr_d1(x) = d/dx exprelr(x) = (expm1(x) - x exp(x)) / expm1(x)^2, -1/2 at x = 0.
//
// The closed form cancels (its numerator is -x^2/2 + ... built from terms of size x), losing
// about log10(1/|x|) digits, so the series -1/2 + x/6 - x^3/180 + x^5/5040 - x^7/151200
// (coefficients B_n / (n-1)!, Bernoulli numbers) is used for |x| < 0.1, where the first omitted
// term, x^9/4790016, is below 1e-15 relative. Beyond 0.1 at most ~1.5 digits are lost.
HOST_DEVICE inline double exprelr_d1(double x) {
    if (fabs(x) < 0.1) {
        double x2 = x * x;
        return -0.5 +
               x * (1.0 / 6.0 - x2 * (1.0 / 180.0 - x2 * (1.0 / 5040.0 - x2 * (1.0 / 151200.0))));
    }
    if (x > 0.0) {
        // Multiplied through by exp(-2x) so that large x underflows to 0 instead of giving inf/inf.
        double t = exp(-x);
        double one_minus_t = -expm1(-x);
        return t * (one_minus_t - x) / (one_minus_t * one_minus_t);
    }
    double em1 = expm1(x);
    return (em1 - x * (em1 + 1.0)) / (em1 * em1);
}

// t as instance i of a kernel's group sees it: its cell's own time where the runtime gives each
// cell one (rv_instances::times, the lane engine's variable steps), else the global t.
HOST_DEVICE inline double instance_time(const rv_instances& in, int i) {
    return in.times ? in.times[i % in.time_lanes] : in.globals[RV_T];
}

} // namespace ranvier::kernel
