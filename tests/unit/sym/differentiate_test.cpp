// diff(): every node kind against central finite differences at random points, structural
// zeros, and a Jacobian's sparsity pattern.
#include "ranvier/kernel/math.h"
#include "sym/differentiate.h"
#include "sym/evaluate.h"
#include "sym/print.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace ranvier::sym {
namespace {

struct Case {
    std::string name;
    std::function<Expr(Context&, Expr u, Expr x, Expr y)> build;
    double lo, hi; // range of x; y is drawn from [0.5, 1], so u = 0.75 x + 0.25 x y is in
                   // x * [0.875, 1]
};

Expr c(Context& ctx, double v) {
    return ctx.constant(v);
}

std::vector<Case> cases() {
    auto unary = [](Kind k) {
        return [k](Context& ctx, Expr u, Expr, Expr) { return ctx.call(k, u); };
    };
    auto binary = [](Kind k) {
        return [k](Context& ctx, Expr u, Expr, Expr y) { return ctx.call(k, u, ctx.mul(y, y)); };
    };
    return {
        {"add",
         [](Context& ctx, Expr u, Expr x, Expr y) {
             return ctx.add({u, x, y});
         },
         -3, 3},
        {"mul",
         [](Context& ctx, Expr u, Expr x, Expr y) {
             return ctx.mul({c(ctx, 3), u, x, y});
         },
         -3, 3},
        {"div", [](Context& ctx, Expr u, Expr, Expr y) { return ctx.div(y, u); }, 0.5, 3},
        {"pow_int", [](Context& ctx, Expr u, Expr, Expr) { return ctx.pow(u, c(ctx, 3)); }, -2, 2},
        {"pow_real", [](Context& ctx, Expr u, Expr, Expr) { return ctx.pow(u, c(ctx, 2.5)); }, 0.2,
         2},
        {"pow_var", [](Context& ctx, Expr u, Expr, Expr y) { return ctx.pow(u, y); }, 0.2, 3},
        {"pow_exponent", [](Context& ctx, Expr u, Expr, Expr) { return ctx.pow(c(ctx, 2), u); }, -2,
         2},
        {"exp", unary(Kind::Exp), -3, 3},
        {"log", unary(Kind::Log), 0.1, 5},
        {"log10", unary(Kind::Log10), 0.1, 5},
        {"sqrt", unary(Kind::Sqrt), 0.1, 5},
        {"sin", unary(Kind::Sin), -3, 3},
        {"cos", unary(Kind::Cos), -3, 3},
        {"tan", unary(Kind::Tan), -1.2, 1.2},
        {"sinh", unary(Kind::Sinh), -3, 3},
        {"cosh", unary(Kind::Cosh), -3, 3},
        {"tanh", unary(Kind::Tanh), -3, 3},
        {"asin", unary(Kind::Asin), -0.9, 0.9},
        {"acos", unary(Kind::Acos), -0.9, 0.9},
        {"atan", unary(Kind::Atan), -3, 3},
        {"fabs_negative", unary(Kind::Fabs), -3, -0.1},
        {"fabs_positive", unary(Kind::Fabs), 0.1, 3},
        {"exprelr", unary(Kind::Exprelr), -5, 5},
        {"exprelr_near_0", unary(Kind::Exprelr), -0.01, 0.01},
        {"exprelr_d1", unary(Kind::ExprelrD1), -5, 5},
        {"exprelr_d1_near_0", unary(Kind::ExprelrD1), -0.2, 0.2},
        {"atan2", binary(Kind::Atan2), -3, 3},
        {"fmin", binary(Kind::Fmin), -3, 3},
        {"fmax", binary(Kind::Fmax), -3, 3},
        {"select",
         [](Context& ctx, Expr u, Expr x, Expr y) {
             return ctx.select(ctx.compare(Kind::Lt, x, c(ctx, 0)), ctx.mul(u, y),
                               ctx.call(Kind::Sin, u));
         },
         -3, 3},
        {"comparison_in_product",
         [](Context& ctx, Expr u, Expr x, Expr y) {
             return ctx.mul(ctx.compare(Kind::Ge, x, c(ctx, 0)), ctx.pow(u, c(ctx, 2)));
         },
         -3, 3},
        {"logic_in_product",
         [](Context& ctx, Expr u, Expr x, Expr y) {
             Expr a = ctx.compare(Kind::Gt, x, c(ctx, -1));
             Expr b = ctx.logical_not(ctx.compare(Kind::Gt, y, c(ctx, 0.9)));
             return ctx.mul(ctx.logical_or(ctx.logical_and(a, b), a), u);
         },
         -3, 3},
    };
}

// Nowhere within a step of a kink: fmin/fmax ties, the select's switch at x = 0.
bool near_kink(const std::string& name, double x, double y) {
    double u = 0.75 * x + 0.25 * x * y;
    if (name == "fmin" || name == "fmax")
        return std::fabs(u - y * y) < 0.05;
    if (name != "select" && name != "comparison_in_product" && name != "logic_in_product")
        return false;
    return std::fabs(x) < 0.05 || std::fabs(x + 1) < 0.05 || std::fabs(y - 0.9) < 0.05;
}

TEST(Differentiate, EveryKindMatchesFiniteDifferences) {
    std::mt19937 rng(2024);
    for (const Case& k : cases()) {
        Context ctx;
        Expr x = ctx.variable("x");
        Expr y = ctx.variable("y");
        Expr u = ctx.add(ctx.mul(c(ctx, 0.75), x), ctx.mul({c(ctx, 0.25), x, y}));
        Expr f = k.build(ctx, u, x, y);
        const Expr vars[] = {x, y};
        Expr d[] = {diff(ctx, f, x), diff(ctx, f, y)};
        int checked = 0;
        while (checked < 50) {
            test::Values p = {std::uniform_real_distribution<double>(k.lo, k.hi)(rng),
                              std::uniform_real_distribution<double>(0.5, 1.0)(rng)};
            if (near_kink(k.name, p[0], p[1]))
                continue;
            ++checked;
            for (int i = 0; i < 2; ++i) {
                double exact = evaluate(d[i], p);
                double fd = test::finite_difference(f, p, vars[i].var_id());
                ASSERT_LE(std::fabs(exact - fd), 1e-6 * std::max(std::fabs(exact), 1e-3))
                    << k.name << " d/d" << vars[i].name() << " at x=" << p[0] << " y=" << p[1]
                    << ": " << to_string(d[i]);
            }
        }
    }
}

TEST(Differentiate, ExprelrDerivativesAreFiniteAndContinuousAtZero) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr d1 = diff(ctx, ctx.call(Kind::Exprelr, x), x);
    EXPECT_EQ(d1, ctx.call(Kind::ExprelrD1, x));
    Expr d2 = diff(ctx, d1, x);
    EXPECT_DOUBLE_EQ(evaluate(d1, {0.0}), -0.5);
    EXPECT_DOUBLE_EQ(evaluate(d2, {0.0}), 1.0 / 6.0);
    // Both sides of the series/closed-form switch at |x| = 0.1 agree to rounding.
    for (double edge : {-0.1, 0.1}) {
        double below = evaluate(d2, {std::nextafter(edge, 0.0)});
        double above = evaluate(d2, {std::nextafter(edge, 2 * edge)});
        EXPECT_NEAR(below, above, 1e-13) << edge;
    }
    // d/dx exprelr_d1 by finite differences of the runtime function itself.
    for (double p : {-3.0, -0.5, -0.05, 0.0, 1e-4, 0.07, 0.3, 2.0}) {
        double h = 1e-3;
        double fd = (kernel::exprelr_d1(p - 2 * h) - 8 * kernel::exprelr_d1(p - h) +
                     8 * kernel::exprelr_d1(p + h) - kernel::exprelr_d1(p + 2 * h)) /
                    (12 * h);
        EXPECT_NEAR(evaluate(d2, {p}), fd, 1e-9) << p;
    }
}

TEST(Differentiate, StructuralZeros) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr zero = ctx.zero();
    EXPECT_EQ(diff(ctx, ctx.call(Kind::Exp, y), x), zero);
    EXPECT_EQ(diff(ctx, ctx.constant(3), x), zero);
    EXPECT_EQ(diff(ctx, ctx.compare(Kind::Lt, x, y), x), zero);
    EXPECT_EQ(diff(ctx, ctx.logical_not(ctx.compare(Kind::Lt, x, y)), x), zero);
    // Branches free of x: the select's condition depends on x, the derivative still vanishes.
    Expr s = ctx.select(ctx.compare(Kind::Lt, x, ctx.zero()), y, ctx.mul(ctx.constant(2), y));
    EXPECT_TRUE(depends_on(s, x));
    EXPECT_EQ(diff(ctx, s, x), zero);
    // Cancellation inside the function gives an exact zero, not 0 * something.
    EXPECT_EQ(diff(ctx, ctx.add(ctx.mul(x, y), ctx.mul(ctx.constant(-1), ctx.mul(y, x))), x), zero);
    EXPECT_EQ(diff(ctx, x, x), ctx.one());
    EXPECT_EQ(diff(ctx, ctx.pow(x, ctx.constant(3)), x),
              ctx.mul(ctx.constant(3), ctx.pow(x, ctx.constant(2))));
}

TEST(Differentiate, JacobianStructure) {
    Context ctx;
    Expr v = ctx.variable("v");
    Expr m = ctx.variable("m");
    Expr h = ctx.variable("h");
    Expr gna = ctx.variable("gnabar");
    // dm/dt = (minf(v) - m) / tau, dh/dt likewise, i = gnabar m^3 h (v - 50)
    auto rate = [&](Expr state, double k) {
        Expr inf = ctx.div(ctx.one(),
                           ctx.add(ctx.one(), ctx.call(Kind::Exp, ctx.mul(ctx.constant(k), v))));
        return ctx.sub(inf, state);
    };
    Expr i = ctx.mul({gna, ctx.pow(m, ctx.constant(3)), h, ctx.sub(v, ctx.constant(50))});
    const Expr f[] = {rate(m, -0.1), rate(h, 0.2), i};
    const Expr y[] = {m, h, v};
    const bool expected[3][3] = {{true, false, true}, {false, true, true}, {true, true, true}};
    for (int r = 0; r < 3; ++r)
        for (int col = 0; col < 3; ++col) {
            EXPECT_EQ(depends_on(f[r], y[col]), expected[r][col]) << r << "," << col;
            EXPECT_EQ(diff(ctx, f[r], y[col]) != ctx.zero(), expected[r][col]) << r << "," << col;
        }
    EXPECT_FALSE(depends_on(f[0], gna));
}

TEST(Differentiate, SharedSubtermsAreDifferentiatedOnce) {
    Context ctx;
    Expr x = ctx.variable("x");
    // f = g^2 with g a deep chain; the derivative reuses g and the derivative of g.
    Expr g = x;
    for (int i = 0; i < 40; ++i)
        g = ctx.call(Kind::Sin, ctx.add(g, ctx.mul(g, g)));
    Expr f = ctx.mul(g, g);
    std::size_t before = ctx.node_count();
    Expr d = diff(ctx, f, x);
    EXPECT_LT(ctx.node_count() - before, 40u * 12u); // linear in the chain, not exponential
    EXPECT_TRUE(std::isfinite(evaluate(d, {0.1})));
}

} // namespace
} // namespace ranvier::sym
