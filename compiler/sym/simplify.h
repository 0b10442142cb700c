// Simplification at construction: the Context calls these before interning, so every node in the
// DAG is in canonical form and hash-consing finds equal subterms. Internal to compiler/sym.
//
// Canonical form (a sum of products, in the manner of GiNaC and SymPy):
//   Add  = [c0] + t1 + ... + tn   flattened (no Add operand); the constant c0, if non-zero, is the
//          first operand; the terms are like-term-combined (2x + 3x = 5x) and sorted by the id of
//          their coefficient-free part, so 5x sits where x would. A term c*(a + b) of a larger
//          sum is expanded into it (c*a + c*b), so a sum is a flat linear combination and
//          x - (y + z) = x - y - z, (x + y) - (y + x) = 0.
//   Mul  = [c] * f1 * ... * fn    flattened; the coefficient c, if not 1, is the first operand;
//          factors with equal bases are merged by adding exponents (x * x = x^2, x * x^-1 = 1) and
//          sorted by base id. A constant times a sum that is not itself inside a sum stays a
//          product, c*(a + b): distributing would lose the shared (v + 40) that NMODL rate
//          expressions repeat (-(v + 40)/10 next to 0.1*(v + 40)).
//   Pow  = base^exponent with exponent not 0 or 1; an integer power of a product or of a power is
//          pushed inside ((x*y)^-1 = x^-1 * y^-1, (x^a)^2 = x^(2a)), which makes division
//          canonical.
//   Sub, div and neg are not kinds: a - b = a + (-1)b, a/b = a * b^-1, -a = (-1)a.
//
// Value policy. A rewrite must not change the value at any valid point, where a valid point is
// one at which every subexpression of the original is finite. Rules that are identities over the
// reals on that domain are applied even when they make the result defined at points where the
// original was not (x*0 = 0, x - x = 0, x/x = 1, x^0 = 1, the exprelr rewrite): structural zeros
// must be exact zeros, or Jacobians would lose their sparsity. The reverse never happens: no rule
// introduces a singularity, so exp(log(x)) = x (wrong for x <= 0) and (x^2)^0.5 = x (wrong for
// x < 0) are not applied, while log(exp(x)) = x is. Constant folding uses the same IEEE
// operations as the runtime, so a folded NaN or infinity is the value the code would compute.
// Signed zeros are not preserved.
#pragma once

#include "sym/context.h"

#include <optional>
#include <span>

namespace ranvier::sym::detail {

Expr simplify_add(Context& ctx, std::span<const Expr> terms);
Expr simplify_mul(Context& ctx, std::span<const Expr> factors);
Expr simplify_pow(Context& ctx, Expr base, Expr exponent);
Expr simplify_unary(Context& ctx, Kind function, Expr x);
Expr simplify_binary(Context& ctx, Kind function, Expr a, Expr b);
Expr simplify_compare(Context& ctx, Kind op, Expr a, Expr b);
Expr simplify_logic(Context& ctx, Kind op, Expr a, Expr b); // And, Or
Expr simplify_not(Context& ctx, Expr a);
Expr simplify_select(Context& ctx, Expr cond, Expr if_true, Expr if_false);

// A term of a sum as coefficient * rest: 5*x*y -> (5, x*y), x -> (1, x). `rest` is never a
// constant unless the term is one (then rest is 1).
struct Term {
    double coefficient = 1.0;
    Expr rest;
};
Term split_term(Context& ctx, Expr term);

// A factor of a product as base^exponent: x^2 -> (x, 2), x -> (x, 1).
struct Factor {
    Expr base;
    Expr exponent;
};
Factor split_factor(Context& ctx, Expr factor);

// The value of an integer constant, if `e` is one.
std::optional<double> integer_value(Expr e);

} // namespace ranvier::sym::detail
