// evaluate(): the reference semantics of every kind, C's truth rules and select's laziness.
#include "support/internal_error.h"
#include "sym/context.h"
#include "sym/evaluate.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ranvier::sym {
namespace {

TEST(Evaluate, ArithmeticAndFunctions) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    EXPECT_DOUBLE_EQ(evaluate(ctx.div(ctx.sub(x, y), ctx.add(x, y)), {3, 1}), 0.5);
    EXPECT_DOUBLE_EQ(evaluate(ctx.pow(x, y), {2, 0.5}), std::sqrt(2.0));
    EXPECT_DOUBLE_EQ(evaluate(ctx.call(Kind::Atan2, x, y), {1, -1}), std::atan2(1.0, -1.0));
    EXPECT_DOUBLE_EQ(evaluate(ctx.call(Kind::Log10, x), {1000, 0}), 3.0);
    EXPECT_DOUBLE_EQ(evaluate(ctx.call(Kind::Exprelr, x), {0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(evaluate(ctx.call(Kind::Fmax, x, y), {1, 2}), 2.0);
}

TEST(Evaluate, TruthFollowsC) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    EXPECT_EQ(evaluate(ctx.logical_and(x, y), {2, -3}), 1.0);
    EXPECT_EQ(evaluate(ctx.logical_or(x, y), {0, 0}), 0.0);
    EXPECT_EQ(evaluate(ctx.logical_not(x), {0, 0}), 1.0);
    EXPECT_EQ(evaluate(ctx.compare(Kind::Ne, x, y), {1, 1}), 0.0);
    EXPECT_EQ(evaluate(ctx.select(x, y, ctx.zero()), {NAN, 5}), 5.0); // NaN is true
}

TEST(Evaluate, SelectTakesOneBranch) {
    Context ctx;
    Expr x = ctx.variable("x");
    // The untaken branch would be log of a negative number: never evaluated, so no NaN.
    Expr safe = ctx.select(ctx.compare(Kind::Gt, x, ctx.zero()), ctx.call(Kind::Log, x), x);
    EXPECT_EQ(evaluate(safe, {-2}), -2.0);
    EXPECT_DOUBLE_EQ(evaluate(safe, {std::exp(1.0)}), 1.0);
}

TEST(Evaluate, SharedNodesAndMissingValues) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr g = x;
    for (int i = 0; i < 200; ++i)
        g = ctx.mul(ctx.constant(0.5), ctx.add(g, ctx.call(Kind::Cos, g)));
    EXPECT_TRUE(std::isfinite(evaluate(g, {1.0}))); // linear time thanks to the memo
    Expr y = ctx.variable("y");
    EXPECT_THROW(evaluate(ctx.add(x, y), {1.0}), InternalError);
}

} // namespace
} // namespace ranvier::sym
