// The C and debug printers: exact text for the forms that matter, and printed C re-evaluated by a
// C-grammar evaluator for random expressions and for a CSE'd mechanism.
#include "c_eval.h"
#include "hh_model.h"
#include "sym/cse.h"
#include "sym/print.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace ranvier::sym {
namespace {

class Print : public ::testing::Test {
  protected:
    Expr c(double value) { return ctx.constant(value); }
    Expr cmp(Kind k, Expr a, Expr b) { return ctx.compare(k, a, b); }

    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr z = ctx.variable("z");
    Expr v = ctx.variable("v");
};

TEST_F(Print, Arithmetic) {
    EXPECT_EQ(to_c(ctx.add(x, y)), "x + y");
    EXPECT_EQ(to_c(ctx.sub(x, y)), "x - y");
    EXPECT_EQ(to_c(ctx.sub(y, x)), "y - x");
    EXPECT_EQ(to_c(ctx.sub(x, ctx.mul(c(2), y))), "x - 2.0 * y");
    EXPECT_EQ(to_c(ctx.neg(x)), "-x");
    EXPECT_EQ(to_c(ctx.sub(ctx.neg(x), y)), "-x - y");
    EXPECT_EQ(to_c(ctx.add(v, c(40))), "v + 40.0");
    EXPECT_EQ(to_c(ctx.sub(v, c(40))), "v - 40.0");
    EXPECT_EQ(to_c(ctx.sub(c(1), v)), "1.0 - v");
    // Operands are ordered by creation, so build them in sequence (argument evaluation order is
    // unspecified in C++).
    Expr xy = ctx.add(x, y);
    Expr zv = ctx.add(z, v);
    EXPECT_EQ(to_c(ctx.mul(zv, xy)), "(x + y) * (z + v)");
    EXPECT_EQ(to_c(ctx.sub(x, ctx.add(y, z))), "x - y - z");
    EXPECT_EQ(to_c(ctx.neg(ctx.mul(c(3), ctx.add(x, y)))), "-3.0 * (x + y)");
    EXPECT_EQ(to_c(ctx.sub(z, ctx.mul(c(3), ctx.add(x, y)))), "z - 3.0 * x - 3.0 * y");
    EXPECT_EQ(to_c(ctx.div(ctx.neg(ctx.add(v, c(40))), c(10))), "-0.1 * (v + 40.0)");
}

TEST_F(Print, Division) {
    EXPECT_EQ(to_c(ctx.div(x, y)), "x / y");
    EXPECT_EQ(to_c(ctx.div(x, ctx.mul(y, z))), "x / (y * z)");
    EXPECT_EQ(to_c(ctx.div(c(1), x)), "1.0 / x");
    EXPECT_EQ(to_c(ctx.div(c(-1), x)), "-1.0 / x");
    EXPECT_EQ(to_c(ctx.div(c(2), ctx.add(x, y))), "2.0 / (x + y)");
    EXPECT_EQ(to_c(ctx.div(x, ctx.pow(y, c(2)))), "x / (y * y)");
    EXPECT_EQ(to_c(ctx.div(ctx.mul(x, y), ctx.call(Kind::Exp, z))), "x * y / exp(z)");
    EXPECT_EQ(to_c(ctx.mul(z, ctx.div(c(1), ctx.add(x, y)))), "z / (x + y)");
}

TEST_F(Print, Powers) {
    EXPECT_EQ(to_c(ctx.mul(x, x)), "x * x");
    EXPECT_EQ(to_c(ctx.pow(x, c(3))), "x * x * x");
    EXPECT_EQ(to_c(ctx.mul(c(2), ctx.pow(x, c(4)))), "2.0 * x * x * x * x");
    EXPECT_EQ(to_c(ctx.pow(x, c(5))), "pow(x, 5.0)");
    EXPECT_EQ(to_c(ctx.pow(x, c(-2))), "1.0 / (x * x)");
    EXPECT_EQ(to_c(ctx.pow(x, c(0.5))), "sqrt(x)");
    EXPECT_EQ(to_c(ctx.pow(x, c(-0.5))), "1.0 / sqrt(x)");
    EXPECT_EQ(to_c(ctx.pow(x, y)), "pow(x, y)");
    EXPECT_EQ(to_c(ctx.pow(c(3), ctx.mul(c(0.1), x))), "pow(3.0, 0.1 * x)");
    // A compound base is not repeated: pow keeps it computed once.
    EXPECT_EQ(to_c(ctx.pow(ctx.add(x, y), c(2))), "pow(x + y, 2.0)");
    // ... unless it is a temporary, which reads as a name.
    Expr s = ctx.add(x, y);
    EXPECT_EQ(to_c(ctx.pow(s, c(2)), {{s, "s"}}), "s * s");
}

TEST_F(Print, Constants) {
    EXPECT_EQ(to_c(c(40)), "40.0");
    EXPECT_EQ(to_c(c(-3)), "-3.0");
    EXPECT_EQ(to_c(c(0.1)), "0.1");
    EXPECT_EQ(to_c(c(1e-5)), "1e-05");
    EXPECT_EQ(to_c(c(1.0 / 3.0)), "0.3333333333333333");
    EXPECT_EQ(to_c(c(6.02214076e23)), "6.02214076e+23");
    EXPECT_EQ(to_c(c(INFINITY)), "INFINITY");
    EXPECT_EQ(to_c(c(NAN)), "NAN");
    EXPECT_EQ(to_c(ctx.call(Kind::Fmin, x, c(-3))), "fmin(x, -3.0)");
    EXPECT_EQ(to_c(cmp(Kind::Lt, x, c(-3))), "x < -3.0");
    EXPECT_EQ(to_c(ctx.add(x, c(-3))), "x - 3.0");
    EXPECT_EQ(to_c(ctx.add(ctx.neg(x), c(-3))), "-x - 3.0");
}

TEST_F(Print, LogicAndSelect) {
    Expr lt = cmp(Kind::Lt, x, y);
    Expr ge = cmp(Kind::Ge, y, z);
    EXPECT_EQ(to_c(ctx.select(lt, x, y)), "x < y ? x : y");
    EXPECT_EQ(to_c(ctx.logical_and(lt, ge)), "x < y && y >= z");
    Expr both = ctx.logical_and(lt, ge);
    Expr z0 = cmp(Kind::Eq, z, c(0));
    EXPECT_EQ(to_c(ctx.logical_or(z0, both)), "(x < y && y >= z) || z == 0.0");
    EXPECT_EQ(to_c(ctx.logical_not(x)), "!x");
    EXPECT_EQ(to_c(cmp(Kind::Eq, lt, ge)), "(x < y) == (y >= z)");
    EXPECT_EQ(to_c(ctx.mul(ctx.select(lt, x, y), z)), "z * (x < y ? x : y)");
    EXPECT_EQ(to_c(ctx.select(lt, x, ctx.select(ge, y, z))), "x < y ? x : y >= z ? y : z");
    EXPECT_EQ(to_c(ctx.select(ctx.select(lt, x, y), z, v)), "(x < y ? x : y) ? z : v");
    EXPECT_EQ(to_c(ctx.call(Kind::ExprelrD1, ctx.call(Kind::Atan2, x, y))),
              "exprelr_d1(atan2(x, y))");
}

TEST_F(Print, NamesAndDefinitions) {
    Expr s = ctx.add(x, y);
    Expr e = ctx.mul(s, ctx.call(Kind::Exp, s));
    NameMap names{{s, "s"}, {x, "y_[0]"}};
    EXPECT_EQ(to_c(e, names), "s * exp(s)");
    EXPECT_EQ(to_c(s, names), "s");
    EXPECT_EQ(to_c_definition(s, names), "y_[0] + y");
}

TEST_F(Print, DebugForm) {
    EXPECT_EQ(to_string(ctx.div(x, ctx.add(y, c(40)))), "x * (y + 40)^-1");
    EXPECT_EQ(to_string(ctx.pow(x, c(0.5))), "x^0.5");
    EXPECT_EQ(to_string(ctx.select(cmp(Kind::Lt, x, y), x, c(-1))), "select(x < y, x, -1)");
    EXPECT_EQ(to_string(ctx.neg(ctx.pow(x, c(2)))), "-x^2");
}

// Printed C evaluates to the DAG's value, for random expressions of every kind.
TEST(PrintRandom, PrintedCEvaluatesToTheSameValue) {
    Context ctx;
    test::RandomExprs gen(ctx, 777);
    int compared = 0;
    for (int i = 0; i < 2000; ++i) {
        test::Sample s = gen.make(4);
        std::string text = to_c(s.expr);
        for (int k = 0; k < 5; ++k) {
            test::Values x = test::random_point(gen.rng(), 3, -2.0, 2.0);
            test::Trace trace;
            s.reference(x, trace);
            double want = evaluate(s.expr, x);
            if (!trace.valid || !std::isfinite(want))
                continue;
            std::map<std::string, double> names{{"x0", x[0]}, {"x1", x[1]}, {"x2", x[2]}};
            double got = test::CEval(names)(text);
            ++compared;
            ASSERT_LE(std::fabs(got - want), 1e-9 * trace.scale) << text << "\n"
                                                                 << to_string(s.expr);
        }
    }
    EXPECT_GT(compared, 3000);
}

// The whole CSE'd Hodgkin-Huxley program, printed and re-evaluated statement by statement.
TEST(PrintRandom, CseProgramEvaluatesToTheSameValues) {
    Context ctx;
    test::Model model = test::hh_model(ctx);
    auto temps = common_subexpressions(model.roots, model.hints);
    NameMap names = temporary_names(temps);
    const char* vars[] = {"v", "m", "h", "n", "celsius", "gnabar", "gkbar", "ena", "ek"};
    for (double v : {-80.0, -55.0, -40.0, -12.5, 30.0}) {
        test::Values x = {v, 0.1, 0.6, 0.3, 16.3, 0.12, 0.036, 50, -77};
        std::map<std::string, double> env;
        for (int i = 0; i < 9; ++i)
            env[vars[i]] = x[i];
        for (const auto& t : temps)
            env[t.name] = test::CEval(env)(to_c_definition(t.value, names));
        for (std::size_t r = 0; r < model.roots.size(); ++r) {
            double want = evaluate(model.roots[r], x);
            double got = test::CEval(env)(to_c(model.roots[r], names));
            EXPECT_TRUE(std::isfinite(got)) << model.root_names[r] << " at v = " << v;
            EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::fabs(want))) << model.root_names[r];
        }
    }
}

} // namespace
} // namespace ranvier::sym
