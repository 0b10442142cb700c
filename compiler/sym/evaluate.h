// Numeric evaluation of the DAG: the reference semantics that the generated C/CUDA must match.
// Constant folding (simplify_*.cpp) and evaluate() share apply_*, so a folded constant is exactly
// what the expression evaluates to; exprelr and exprelr_d1 come from the runtime's kernel maths
// header, the very functions generated code calls.
#pragma once

#include "sym/expr.h"

#include <vector>

namespace ranvier::sym {

// One unary function (Exp ... ExprelrD1, Not) applied to a number.
double apply_unary(Kind kind, double x);
// One binary kind (Atan2, Fmin, Fmax, the comparisons, And, Or) applied to numbers.
double apply_binary(Kind kind, double a, double b);

// Evaluates `e` with variable i bound to values_by_variable_id[i]. Each shared node is evaluated
// once; select evaluates only the branch it takes, like C's `?:`.
double evaluate(Expr e, const std::vector<double>& values_by_variable_id);

} // namespace ranvier::sym
