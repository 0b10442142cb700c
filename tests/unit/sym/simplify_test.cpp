// Simplification at construction: one test per rule, then random expressions checked against
// an unsimplified reference evaluation at many points.
#include "sym/context.h"
#include "sym/evaluate.h"
#include "sym/print.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace ranvier::sym {
namespace {

class Simplify : public ::testing::Test {
  protected:
    Expr c(double v) { return ctx.constant(v); }
    Expr call(Kind k, Expr a) { return ctx.call(k, a); }
    Expr cmp(Kind k, Expr a, Expr b) { return ctx.compare(k, a, b); }

    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr z = ctx.variable("z");
};

TEST_F(Simplify, ConstantFolding) {
    EXPECT_EQ(ctx.add(c(2), c(3)), c(5));
    EXPECT_EQ(ctx.mul(c(2), c(3)), c(6));
    EXPECT_EQ(ctx.div(c(1), c(4)), c(0.25));
    EXPECT_EQ(ctx.pow(c(2), c(10)), c(1024));
    EXPECT_EQ(call(Kind::Exp, c(0)), c(1));
    EXPECT_EQ(call(Kind::Exprelr, c(0)), c(1));
    EXPECT_EQ(call(Kind::ExprelrD1, c(0)), c(-0.5));
    EXPECT_EQ(ctx.call(Kind::Fmin, c(1), c(2)), c(1));
    EXPECT_EQ(cmp(Kind::Lt, c(1), c(2)), c(1));
    EXPECT_EQ(ctx.logical_and(c(1), c(0)), c(0));
    EXPECT_EQ(ctx.logical_not(c(3)), c(0));
    // Folding computes what the runtime would: log(-1) is NaN, and so is the folded constant.
    EXPECT_TRUE(std::isnan(call(Kind::Log, c(-1)).value()));
    // Constants fold across a flattened sum: (x + 1) + 2 = x + 3.
    EXPECT_EQ(ctx.add(ctx.add(x, c(1)), c(2)), ctx.add(x, c(3)));
}

TEST_F(Simplify, Identities) {
    EXPECT_EQ(ctx.add(x, c(0)), x);
    EXPECT_EQ(ctx.mul(x, c(1)), x);
    EXPECT_EQ(ctx.mul(x, c(0)), c(0)); // the structural zero, even for x = inf (policy)
    EXPECT_EQ(ctx.mul(ctx.call(Kind::Log, x), c(0)), c(0));
    EXPECT_EQ(ctx.pow(x, c(1)), x);
    EXPECT_EQ(ctx.pow(x, c(0)), c(1));
    EXPECT_EQ(ctx.pow(c(1), x), c(1));
    EXPECT_EQ(ctx.div(x, c(1)), x);
    EXPECT_EQ(ctx.neg(ctx.neg(x)), x);
    EXPECT_EQ(ctx.sub(x, c(0)), x);
}

TEST_F(Simplify, FlatteningAndOrder) {
    EXPECT_EQ(ctx.add(ctx.add(x, y), z), ctx.add(x, ctx.add(y, z)));
    EXPECT_EQ(ctx.mul(ctx.mul(x, y), z), ctx.mul(x, ctx.mul(z, y)));
    Expr s = ctx.add(z, x);
    ASSERT_EQ(s.kind(), Kind::Add);
    EXPECT_EQ(s.operand(0), x); // x was created first
    EXPECT_EQ(s.operand(1), z);
    Expr p = ctx.mul(ctx.add(z, c(4)), ctx.mul(c(2), x));
    ASSERT_EQ(p.kind(), Kind::Mul);
    EXPECT_EQ(p.operand(0), c(2)); // the coefficient leads
    EXPECT_EQ(p.operand(1), x);
    EXPECT_EQ(to_string(p), "2 * x * (z + 4)");
}

TEST_F(Simplify, LikeTerms) {
    EXPECT_EQ(ctx.add(ctx.mul(c(2), x), ctx.mul(c(3), x)), ctx.mul(c(5), x));
    EXPECT_EQ(ctx.sub(x, x), c(0));
    EXPECT_EQ(ctx.add(x, x), ctx.mul(c(2), x));
    Expr xy = ctx.mul(x, y);
    EXPECT_EQ(ctx.add(ctx.mul(c(2), xy), ctx.mul(ctx.mul(y, c(3)), x)), ctx.mul(c(5), xy));
    // A constant times a sum stays a product on its own, and is expanded inside a sum.
    Expr s = ctx.add(x, y);
    Expr twice = ctx.mul(c(2), s);
    ASSERT_EQ(twice.kind(), Kind::Mul);
    EXPECT_EQ(ctx.add(twice, c(0)), twice);
    EXPECT_EQ(ctx.add(twice, s), ctx.add(ctx.mul(c(3), x), ctx.mul(c(3), y)));
    EXPECT_EQ(ctx.add(twice, ctx.mul(c(-2), s)), c(0));
    EXPECT_EQ(ctx.sub(ctx.add(x, y), ctx.add(y, x)), c(0));
    EXPECT_EQ(ctx.add(ctx.sub(x, ctx.add(y, z)), ctx.add(y, z)), x);
    EXPECT_EQ(ctx.sub(ctx.mul(c(2), ctx.add(x, c(1))), c(2)), ctx.mul(c(2), x));
}

TEST_F(Simplify, LikeFactors) {
    EXPECT_EQ(ctx.mul(x, x), ctx.pow(x, c(2)));
    EXPECT_EQ(ctx.div(x, x), c(1));
    EXPECT_EQ(ctx.mul(ctx.pow(x, c(2)), ctx.pow(x, c(-1))), x);
    EXPECT_EQ(ctx.mul(ctx.pow(x, y), ctx.pow(x, z)), ctx.pow(x, ctx.add(y, z)));
    EXPECT_EQ(ctx.div(ctx.mul(c(6), x), ctx.mul(c(2), x)), c(3));
    EXPECT_EQ(ctx.mul(c(2), ctx.mul(c(3), x)), ctx.mul(c(6), x));
    EXPECT_EQ(to_string(ctx.div(x, y)), "x * y^-1");
    EXPECT_EQ(to_string(ctx.div(c(1), c(10))), "0.1");
}

TEST_F(Simplify, IntegerPowers) {
    EXPECT_EQ(ctx.pow(ctx.pow(x, c(2)), c(3)), ctx.pow(x, c(6)));
    EXPECT_EQ(ctx.pow(ctx.mul(x, y), c(-1)), ctx.mul(ctx.pow(x, c(-1)), ctx.pow(y, c(-1))));
    EXPECT_EQ(ctx.pow(ctx.mul(c(2), x), c(-1)), ctx.mul(c(0.5), ctx.pow(x, c(-1))));
    EXPECT_EQ(ctx.div(x, ctx.mul(c(2), x)), c(0.5));
    // (x^2)^0.5 is |x|, not x: a non-integer power of a power is left alone.
    Expr root = ctx.pow(ctx.pow(x, c(2)), c(0.5));
    ASSERT_EQ(root.kind(), Kind::Pow);
    EXPECT_EQ(root.operand(0), ctx.pow(x, c(2)));
}

TEST_F(Simplify, Functions) {
    // exp(log(x)) = x would be wrong for x <= 0; log(exp(x)) = x holds for every x.
    EXPECT_EQ(call(Kind::Exp, call(Kind::Log, x)).kind(), Kind::Exp);
    EXPECT_EQ(call(Kind::Log, call(Kind::Exp, x)), x);
    EXPECT_EQ(call(Kind::Fabs, call(Kind::Fabs, x)), call(Kind::Fabs, x));
    EXPECT_EQ(call(Kind::Fabs, call(Kind::Exp, x)), call(Kind::Exp, x));
    EXPECT_EQ(call(Kind::Fabs, ctx.neg(x)), call(Kind::Fabs, x));
    EXPECT_EQ(call(Kind::Fabs, ctx.mul(c(-2), x)), ctx.mul(c(2), call(Kind::Fabs, x)));
    EXPECT_EQ(ctx.call(Kind::Fmin, x, x), x);
    EXPECT_EQ(ctx.call(Kind::Fmax, y, x), ctx.call(Kind::Fmax, x, y));
}

TEST_F(Simplify, ComparisonsAndLogic) {
    EXPECT_EQ(cmp(Kind::Lt, x, x), c(0));
    EXPECT_EQ(cmp(Kind::Le, x, x), c(1));
    EXPECT_EQ(cmp(Kind::Eq, y, x), cmp(Kind::Eq, x, y));
    Expr lt = cmp(Kind::Lt, x, y);
    EXPECT_EQ(ctx.logical_not(lt), cmp(Kind::Ge, x, y));
    EXPECT_EQ(ctx.logical_not(ctx.logical_not(lt)), lt);
    EXPECT_EQ(ctx.logical_and(lt, c(1)), lt);
    EXPECT_EQ(ctx.logical_and(x, c(1)), cmp(Kind::Ne, x, c(0))); // keeps C's 0/1 result
    EXPECT_EQ(ctx.logical_and(lt, c(0)), c(0));
    EXPECT_EQ(ctx.logical_or(lt, c(2)), c(1));
    EXPECT_EQ(ctx.logical_or(c(0), lt), lt);
    EXPECT_EQ(ctx.logical_or(lt, lt), lt);
    Expr gt = cmp(Kind::Gt, y, z);
    EXPECT_EQ(ctx.logical_and(gt, lt), ctx.logical_and(lt, gt));
}

TEST_F(Simplify, Select) {
    Expr lt = cmp(Kind::Lt, x, y);
    EXPECT_EQ(ctx.select(c(1), x, y), x);
    EXPECT_EQ(ctx.select(c(0), x, y), y);
    EXPECT_EQ(ctx.select(lt, z, z), z);
    Expr flag = ctx.variable("flag");
    EXPECT_EQ(ctx.select(ctx.logical_not(flag), x, y), ctx.select(flag, y, x));
    EXPECT_EQ(ctx.select(ctx.logical_not(lt), x, y), ctx.select(cmp(Kind::Ge, x, y), x, y));
}

// Simplification never changes a value at a valid point: random expressions, each compared with
// a direct evaluation of the same formula that no simplifier has touched.
TEST(SimplifyRandom, ValuesAreUnchanged) {
    Context ctx;
    test::RandomExprs gen(ctx, 12345);
    int compared = 0;
    for (int i = 0; i < 3000; ++i) {
        test::Sample s = gen.make(4);
        for (int k = 0; k < 10; ++k) {
            test::Values x = test::random_point(gen.rng(), 3, -2.0, 2.0);
            test::Trace trace;
            double want = s.reference(x, trace);
            if (!trace.valid)
                continue;
            double got = evaluate(s.expr, x);
            ++compared;
            ASSERT_LE(std::fabs(got - want), 1e-9 * trace.scale)
                << to_string(s.expr) << " at x0=" << x[0] << " x1=" << x[1] << " x2=" << x[2];
        }
    }
    EXPECT_GT(compared, 10000);
}

} // namespace
} // namespace ranvier::sym
