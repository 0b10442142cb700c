// Exact symbolic differentiation (pipeline stage 5): the Jacobian df/dy of the ODE right-hand
// side, including di/dv of every current, is built from diff() over the structural non-zeros
// that depends_on() (expr.h) finds.
#pragma once

#include "sym/context.h"

namespace ranvier::sym {

// d f / d var, simplified. Exactly the constant 0 node when f does not depend on var, so a
// caller can test `diff(...) == ctx.zero()` for a structural zero (but should use depends_on
// first: it is O(1) and builds nothing).
//
// Piecewise and non-smooth nodes differentiate branch-wise: select(c, a, b) -> select(c, a', b');
// fabs(u) -> select(u >= 0, 1, -1) u'; fmin(a, b) -> select(a <= b, a', b'); comparisons and logic
// have derivative 0. exprelr(u) -> exprelr_d1(u) u', and exprelr_d1's own derivative is a closed
// form with a Taylor series near its removable singularity.
Expr diff(Context& ctx, Expr f, Expr var);

} // namespace ranvier::sym
