// CSE: which nodes become temporaries, their order and names, values of the straight-line
// program, and determinism across Contexts.
#include "hh_model.h"
#include "sym/cse.h"
#include "sym/evaluate.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>

namespace ranvier::sym {
namespace {

// Evaluates e as generated code would: temporaries already computed are read, not recomputed.
double eval_program(Expr e, const test::Values& x, const std::unordered_map<Expr, double>& computed,
                    bool expand_self) {
    if (!expand_self)
        if (auto it = computed.find(e); it != computed.end())
            return it->second;
    auto sub = [&](Expr op) { return eval_program(op, x, computed, false); };
    switch (e.kind()) {
    case Kind::Constant:
        return e.value();
    case Kind::Variable:
        return x[e.var_id()];
    case Kind::Add: {
        double s = 0;
        for (Expr t : e.operands())
            s += sub(t);
        return s;
    }
    case Kind::Mul: {
        double p = 1;
        for (Expr f : e.operands())
            p *= sub(f);
        return p;
    }
    case Kind::Pow:
        return std::pow(sub(e.operand(0)), sub(e.operand(1)));
    case Kind::Select:
        return sub(e.operand(0)) != 0 ? sub(e.operand(1)) : sub(e.operand(2));
    default:
        break;
    }
    if (e.arity() == 1)
        return apply_unary(e.kind(), sub(e.operand(0)));
    return apply_binary(e.kind(), sub(e.operand(0)), sub(e.operand(1)));
}

// Uses of each node from the roots, counted as the header defines them.
void count_uses(Expr e, std::unordered_map<Expr, int>& uses) {
    if (uses[e]++ > 0)
        return;
    for (Expr op : e.operands())
        count_uses(op, uses);
}

TEST(Cse, SharedNodesBecomeTemporaries) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr ex = ctx.call(Kind::Exp, x);
    const Expr roots[] = {ctx.mul(ex, y), ctx.add(ex, ctx.one()), ctx.mul(x, y)};
    auto temps = common_subexpressions(roots);
    ASSERT_EQ(temps.size(), 1u); // x, y and 1 are shared too, but trivial
    EXPECT_EQ(temps[0].value, ex);
    EXPECT_EQ(temps[0].name, "t_1");

    NameMap hints{{ex, "ex"}};
    temps = common_subexpressions(roots, hints);
    EXPECT_EQ(temps[0].name, "ex");
    // A root used inside another root is a temporary too; a root used once is not.
    const Expr nested[] = {ex, ctx.mul(ex, y)};
    temps = common_subexpressions(nested);
    ASSERT_EQ(temps.size(), 1u);
    EXPECT_EQ(temps[0].value, ex);
    const Expr single[] = {ctx.mul(ex, y)};
    EXPECT_TRUE(common_subexpressions(single).empty());
}

TEST(Cse, NamesComeFromHints) {
    Context ctx;
    Expr v = ctx.variable("v");
    Expr exp_v = ctx.call(Kind::Exp, ctx.mul(ctx.constant(-0.1), v));
    Expr alpha = ctx.mul(ctx.constant(2), ctx.add(exp_v, ctx.call(Kind::Sqrt, exp_v)));
    Expr other = ctx.call(Kind::Sin, v);
    const Expr roots[] = {ctx.call(Kind::Sin, alpha), ctx.add(ctx.call(Kind::Cos, alpha), other),
                          ctx.mul(other, v)};
    NameMap hints{{alpha, "alpha_m"}};
    auto temps = common_subexpressions(roots, hints);
    std::map<std::string, Expr> by_name;
    for (const auto& t : temps)
        by_name[t.name] = t.value;
    EXPECT_EQ(by_name.at("alpha_m"), alpha);
    EXPECT_EQ(by_name.at("alpha_m_1"), exp_v); // inside alpha_m: named after it
    EXPECT_EQ(by_name.at("t_1"), other);       // nothing better exists
    EXPECT_EQ(temps.size(), 3u);
}

TEST(Cse, NamesNeverClash) {
    Context ctx;
    Expr v = ctx.variable("v");
    Expr a = ctx.call(Kind::Exp, v);
    Expr b = ctx.call(Kind::Sin, v);
    Expr c = ctx.call(Kind::Cos, v);
    Expr d = ctx.call(Kind::Tan, v);
    const Expr roots[] = {ctx.add(a, b), ctx.mul(a, b), ctx.add(c, d), ctx.mul(c, d)};
    NameMap hints{{a, "v"}, {b, "exp"}, {c, "g"}, {d, "g"}};
    CseOptions options;
    options.reserved = {"i"};
    auto temps = common_subexpressions(roots, hints, options);
    std::vector<std::string> names;
    for (const auto& t : temps)
        names.push_back(t.name);
    EXPECT_EQ(names, (std::vector<std::string>{"v_1", "exp_1", "g", "g_1"}));
    NameMap weird{{a, "2nd-rate"}, {b, "i"}};
    temps = common_subexpressions(roots, weird, options);
    EXPECT_EQ(temps[0].name, "t_2nd_rate");
    EXPECT_EQ(temps[1].name, "i_1");
}

TEST(Cse, NameHintedKeepsSingleUseNames) {
    Context ctx;
    Expr v = ctx.variable("v");
    Expr rate = ctx.call(Kind::Exp, v);
    const Expr roots[] = {ctx.mul(ctx.constant(2), rate)};
    NameMap hints{{rate, "rate"}, {roots[0], "root"}};
    EXPECT_TRUE(common_subexpressions(roots, hints).empty());
    CseOptions options;
    options.name_hinted = true;
    auto temps = common_subexpressions(roots, hints, options);
    ASSERT_EQ(temps.size(), 1u); // the root itself is assigned by the caller
    EXPECT_EQ(temps[0].name, "rate");
}

TEST(Cse, HodgkinHuxleyOrderUsesAndValues) {
    Context ctx;
    test::Model model = test::hh_model(ctx);
    auto temps = common_subexpressions(model.roots, model.hints);
    ASSERT_FALSE(temps.empty());

    std::unordered_map<Expr, int> uses;
    for (Expr r : model.roots)
        count_uses(r, uses);
    std::unordered_map<Expr, std::size_t> position;
    std::set<std::string> names;
    for (std::size_t i = 0; i < temps.size(); ++i) {
        Expr e = temps[i].value;
        EXPECT_GE(uses[e], 2) << temps[i].name;
        EXPECT_GT(e.arity(), 0u) << temps[i].name;
        EXPECT_TRUE(names.insert(temps[i].name).second) << "duplicate " << temps[i].name;
        position[e] = i;
    }
    // Valid order: every temporary inside a temporary's definition comes before it.
    for (std::size_t i = 0; i < temps.size(); ++i) {
        std::unordered_map<Expr, int> inside;
        for (Expr op : temps[i].value.operands())
            count_uses(op, inside);
        for (const auto& [e, n] : inside)
            if (position.contains(e)) {
                EXPECT_LT(position[e], i) << temps[i].name;
            }
    }
    EXPECT_TRUE(names.contains("alpha_m"));
    EXPECT_TRUE(names.contains("q10"));
    for (const auto& n : names)
        EXPECT_NE(n.rfind("t_", 0), 0u) << n << ": every temp has a hint";

    // The straight-line program computes the same values as the DAG.
    std::mt19937 rng(99);
    for (int k = 0; k < 200; ++k) {
        test::Values x = {std::uniform_real_distribution<double>(-100, 50)(rng),
                          0.1,
                          0.6,
                          0.3,
                          6.3 + 20 * std::uniform_real_distribution<double>(0, 1)(rng),
                          0.12,
                          0.036,
                          50,
                          -77};
        std::unordered_map<Expr, double> computed;
        for (const auto& t : temps)
            computed[t.value] = eval_program(t.value, x, computed, true);
        for (Expr r : model.roots) {
            double want = evaluate(r, x);
            EXPECT_NEAR(eval_program(r, x, computed, false), want,
                        1e-12 * std::max(1.0, std::fabs(want)));
        }
    }
}

// CSE never changes a value: random systems of expressions, evaluated as straight-line programs.
TEST(Cse, RandomSystemsKeepTheirValues) {
    Context ctx;
    test::RandomExprs gen(ctx, 4242);
    for (int system = 0; system < 200; ++system) {
        std::vector<Expr> roots;
        for (int r = 0; r < 6; ++r)
            roots.push_back(gen.make(5).expr);
        auto temps = common_subexpressions(roots);
        for (int k = 0; k < 5; ++k) {
            test::Values x = test::random_point(gen.rng(), 3, -2.0, 2.0);
            std::unordered_map<Expr, double> computed;
            for (const auto& t : temps)
                computed[t.value] = eval_program(t.value, x, computed, true);
            for (Expr r : roots) {
                double want = evaluate(r, x);
                double got = eval_program(r, x, computed, false);
                EXPECT_TRUE(got == want || (std::isnan(got) && std::isnan(want)));
            }
        }
    }
}

TEST(Cse, DeterministicAcrossContexts) {
    auto run = [] {
        Context ctx;
        test::Model model = test::hh_model(ctx);
        auto temps = common_subexpressions(model.roots, model.hints);
        NameMap names = temporary_names(temps);
        std::string out;
        for (const auto& t : temps)
            out += t.name + " = " + to_c_definition(t.value, names) + ";\n";
        for (std::size_t i = 0; i < model.roots.size(); ++i)
            out += model.root_names[i] + " = " + to_c(model.roots[i], names) + ";\n";
        return out;
    };
    std::string first = run();
    EXPECT_EQ(first, run());
    EXPECT_NE(first.find("alpha_m = exprelr("), std::string::npos) << first;
}

} // namespace
} // namespace ranvier::sym
