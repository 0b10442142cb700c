// The exprelr rewrite on the rate functions NMODL files actually contain, and the runtime's
// exprelr / exprelr_d1 against a long-double reference.
#include "ranvier/kernel/math.h"
#include "sym/differentiate.h"
#include "sym/evaluate.h"
#include "sym/exprelr.h"
#include "sym/print.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ranvier::sym {
namespace {

long double exprelr_reference(long double x) {
    return x == 0 ? 1.0L : x / std::expm1(x);
}

long double exprelr_d1_reference(long double x) {
    if (std::fabs(x) < 1e-3L) // the series, exact to long double rounding here
        return -0.5L + x / 6 - x * x * x / 180 + x * x * x * x * x / 5040;
    long double em1 = std::expm1(x);
    return (em1 - x * (em1 + 1)) / (em1 * em1);
}

TEST(KernelMath, ExprelrMatchesReference) {
    EXPECT_EQ(kernel::exprelr(0.0), 1.0);
    EXPECT_EQ(kernel::exprelr_d1(0.0), -0.5);
    for (double x = -60; x <= 60; x += 0.0137) {
        for (double s : {1.0, 1e-2, 1e-4, 1e-5, 1e-6, 1e-9}) {
            double p = x * s;
            EXPECT_NEAR(kernel::exprelr(p), static_cast<double>(exprelr_reference(p)),
                        4e-16 * std::max(1.0, std::fabs(p)))
                << p;
            double d1 = static_cast<double>(exprelr_d1_reference(p));
            EXPECT_NEAR(kernel::exprelr_d1(p), d1, 5e-15 * std::max(std::fabs(d1), 1e-3)) << p;
        }
    }
    EXPECT_EQ(kernel::exprelr(800.0), 0.0); // x / inf, not NaN
    EXPECT_EQ(kernel::exprelr(-800.0), 800.0);
    EXPECT_EQ(kernel::exprelr_d1(800.0), 0.0);
    EXPECT_EQ(kernel::exprelr_d1(-800.0), -1.0);
}

class Rewrite : public ::testing::Test {
  protected:
    Expr c(double x) { return ctx.constant(x); }
    Expr exp(Expr u) { return ctx.call(Kind::Exp, u); }
    Expr exprelr(Expr u) { return ctx.call(Kind::Exprelr, u); }

    // The rewritten form equals the original away from the singularity at v = v0, is finite at
    // it with the given limit, and contains exprelr.
    void check(Expr original, double v0, double limit) {
        Expr r = rewrite_exprelr(ctx, original);
        EXPECT_NE(to_string(r).find("exprelr("), std::string::npos) << to_string(r);
        EXPECT_TRUE(std::isnan(evaluate(original, values(v0))) ||
                    std::isinf(evaluate(original, values(v0))));
        EXPECT_NEAR(evaluate(r, values(v0)), limit, 1e-12 * std::max(1.0, std::fabs(limit)));
        std::mt19937 rng(7);
        for (int i = 0; i < 500; ++i) {
            double p = std::uniform_real_distribution<double>(-120, 60)(rng);
            if (std::fabs(p - v0) < 1e-3)
                continue;
            double want = evaluate(original, values(p));
            EXPECT_NEAR(evaluate(r, values(p)), want, 1e-10 * std::max(1.0, std::fabs(want))) << p;
        }
        // Its derivative is finite at the singularity too, and matches finite differences.
        Expr d = diff(ctx, r, v);
        EXPECT_TRUE(std::isfinite(evaluate(d, values(v0)))) << to_string(d);
        for (double p : {v0 - 7.3, v0, v0 + 0.01, v0 + 11.0})
            EXPECT_TRUE(
                test::close(evaluate(d, values(p)), test::finite_difference(r, values(p), 0), 1e-6))
                << p;
    }
    test::Values values(double vv) { return {vv, 10.0, 2.0}; }

    Context ctx;
    Expr v = ctx.variable("v");
    Expr vt = ctx.variable("vt"); // 10 in values()
    Expr q = ctx.variable("q");   // 2 in values()
};

TEST_F(Rewrite, HodgkinHuxleyAlphaM) {
    // alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40) / 10)), limit 1 at v = -40
    Expr v40 = ctx.add(v, c(40));
    Expr alpha_m = ctx.div(ctx.mul(c(0.1), v40), ctx.sub(c(1), exp(ctx.div(ctx.neg(v40), c(10)))));
    check(alpha_m, -40, 1.0);
    EXPECT_EQ(rewrite_exprelr(ctx, alpha_m), exprelr(ctx.div(ctx.neg(v40), c(10))));
}

TEST_F(Rewrite, HodgkinHuxleyAlphaN) {
    // alpha_n = 0.01 (v + 55) / (1 - exp(-(v + 55) / 10)), limit 0.1 at v = -55
    Expr v55 = ctx.add(v, c(55));
    check(ctx.div(ctx.mul(c(0.01), v55), ctx.sub(c(1), exp(ctx.div(ctx.neg(v55), c(10))))), -55,
          0.1);
}

TEST_F(Rewrite, SymbolicScale) {
    // a / (exp(a / b) - 1) -> b exprelr(a / b), with a = v + 40 and b = q
    Expr a = ctx.add(v, c(40));
    Expr f = ctx.div(a, ctx.sub(exp(ctx.div(a, q)), c(1)));
    EXPECT_EQ(rewrite_exprelr(ctx, f), ctx.mul(q, exprelr(ctx.div(a, q))));
    check(f, -40, 2.0);
    // a / (1 - exp(-a / b)) -> b exprelr(-a / b), and -a / (exp(-a / b) - 1) likewise.
    Expr minus_a_over_b = ctx.div(ctx.neg(a), q);
    Expr g = ctx.div(a, ctx.sub(c(1), exp(minus_a_over_b)));
    EXPECT_EQ(rewrite_exprelr(ctx, g), ctx.mul(q, exprelr(minus_a_over_b)));
    Expr h = ctx.div(ctx.neg(a), ctx.sub(exp(minus_a_over_b), c(1)));
    EXPECT_EQ(rewrite_exprelr(ctx, h), ctx.mul(q, exprelr(minus_a_over_b)));
}

TEST_F(Rewrite, TraubStyleWithParameter) {
    // 0.32 (13 - v + vt) / (exp((13 - v + vt) / 4) - 1), singular at v = 23 (vt = 10)
    Expr w = ctx.add({c(13), ctx.neg(v), vt});
    check(ctx.div(ctx.mul(c(0.32), w), ctx.sub(exp(ctx.div(w, c(4))), c(1))), 23, 1.28);
}

TEST_F(Rewrite, ExpandedNumerator) {
    // (0.1 v + 4) / (1 - exp(-(v + 40) / 10)): the numerator spelled out, proportional to u.
    Expr num = ctx.add(ctx.mul(c(0.1), v), c(4));
    Expr den = ctx.sub(c(1), exp(ctx.div(ctx.neg(ctx.add(v, c(40))), c(10))));
    check(ctx.div(num, den), -40, 1.0);
}

TEST_F(Rewrite, ScaledDenominatorAndGhkProduct) {
    // 2 (v + 40) / (2 exp((v + 40) / 5) - 2)
    Expr a = ctx.add(v, c(40));
    check(ctx.div(ctx.mul(c(2), a), ctx.sub(ctx.mul(c(2), exp(ctx.div(a, c(5)))), c(2))), -40, 5.0);
    // GHK-like: z F v / (R T) over exp(z F v / (R T)) - 1, with T a variable.
    Expr t = ctx.add(vt, c(273.15));
    Expr w = ctx.div(ctx.mul({c(2 * 96485.3), v}), ctx.mul(c(8.314), t));
    check(ctx.div(w, ctx.sub(exp(w), c(1))), 0.0, 1.0);
}

TEST_F(Rewrite, LeavesGenuineSingularitiesAlone) {
    Expr a = ctx.add(v, c(40));
    Expr f = ctx.div(c(1), ctx.sub(exp(a), c(1))); // 1 / (exp(u) - 1): no u to cancel
    EXPECT_EQ(rewrite_exprelr(ctx, f), f);
    Expr g = ctx.div(v, ctx.sub(exp(a), c(1))); // numerator not a multiple of u
    EXPECT_EQ(rewrite_exprelr(ctx, g), g);
    Expr h = ctx.div(ctx.pow(a, c(2)), ctx.sub(exp(a), c(1))); // u^2 / (exp(u) - 1) = u exprelr(u)
    EXPECT_EQ(rewrite_exprelr(ctx, h), ctx.mul(a, exprelr(a)));
}

TEST_F(Rewrite, InsideLargerExpressions) {
    // minf = alpha / (alpha + beta) with the alpha of hh: rewritten where it occurs, shared.
    Expr v40 = ctx.add(v, c(40));
    Expr alpha = ctx.div(ctx.mul(c(0.1), v40), ctx.sub(c(1), exp(ctx.div(ctx.neg(v40), c(10)))));
    Expr beta = ctx.mul(c(4), exp(ctx.div(ctx.neg(ctx.add(v, c(65))), c(18))));
    Expr minf = ctx.div(alpha, ctx.add(alpha, beta));
    Expr r = rewrite_exprelr(ctx, minf);
    EXPECT_TRUE(std::isfinite(evaluate(r, values(-40))));
    EXPECT_NEAR(evaluate(r, values(-30)), evaluate(minf, values(-30)), 1e-14);
    EXPECT_EQ(rewrite_exprelr(ctx, r), r); // idempotent
}

} // namespace
} // namespace ranvier::sym
