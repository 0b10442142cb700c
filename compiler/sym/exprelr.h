// The removable-singularity rewrite (pipeline stage 5, before differentiation). NMODL rate
// functions are full of x / (exp(x) - 1) in disguise, e.g. hh's
//     alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40) / 10))
// which is 0/0 at v = -40. NEURON models guard it with vtrap() or an IF; Ranvier rewrites it to
// exprelr(x) = x / (exp(x) - 1) (1 at x = 0), which the runtime evaluates without cancellation and
// which has an exact derivative, exprelr_d1.
#pragma once

#include "sym/context.h"

namespace ranvier::sym {

// Rewrites every product  r / (k (exp(u) - 1))  (k a non-zero constant; 1 - exp(u) is k = -1) in
// which the numerator r is a multiple of u, r = q u, to  (q / k) exprelr(u). The forms this
// covers include a/(exp(a/b) - 1) -> b exprelr(a/b), a/(1 - exp(-a/b)) -> b exprelr(-a/b),
// -a/(exp(-a/b) - 1), numerators written scaled or expanded (0.1 v + 4 against (v + 40) / 10),
// and products such as z F v / (R T). A product is left alone when q would have a denominator
// the original did not (1 / (exp(u) - 1) is genuinely singular at u = 0). Values are unchanged
// away from u = 0 up to rounding; at u = 0 the result is finite.
Expr rewrite_exprelr(Context& ctx, Expr e);

} // namespace ranvier::sym
