// The DAG and its Context: hash-consing, ids, variables, depends_on, rebuilding with make().
#include "support/internal_error.h"
#include "sym/context.h"
#include "sym/expr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ranvier::sym {
namespace {

TEST(Expr, EqualStructureIsTheSameNode) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr a = ctx.mul(ctx.add(x, ctx.constant(1)), ctx.call(Kind::Exp, y));
    Expr b = ctx.mul(ctx.call(Kind::Exp, y), ctx.add(ctx.constant(1), x));
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.node(), b.node());
    EXPECT_EQ(ctx.call(Kind::Atan2, x, y), ctx.call(Kind::Atan2, x, y));
    EXPECT_NE(ctx.call(Kind::Atan2, x, y), ctx.call(Kind::Atan2, y, x)); // not commutative
    EXPECT_EQ(ctx.select(ctx.compare(Kind::Lt, x, y), x, y),
              ctx.select(ctx.compare(Kind::Lt, x, y), x, y));
}

TEST(Expr, RebuildingCreatesNoNodes) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr f = ctx.add(ctx.pow(x, ctx.constant(2)), ctx.call(Kind::Sin, x));
    std::size_t count = ctx.node_count();
    Expr g = ctx.add(ctx.call(Kind::Sin, x), ctx.pow(x, ctx.constant(2)));
    EXPECT_EQ(f, g);
    EXPECT_EQ(ctx.node_count(), count);
}

TEST(Expr, VariablesAreInternedByNameWithIdsInCreationOrder) {
    Context ctx;
    Expr v = ctx.variable("v");
    Expr m = ctx.variable("m");
    EXPECT_EQ(ctx.variable("v"), v);
    EXPECT_EQ(v.var_id(), 0u);
    EXPECT_EQ(m.var_id(), 1u);
    EXPECT_EQ(v.name(), "v");
    EXPECT_EQ(ctx.variable_count(), 2u);
    EXPECT_EQ(ctx.variable_by_id(1), m);
    EXPECT_LT(v.id(), m.id());
    EXPECT_THROW(ctx.variable_by_id(2), InternalError);
}

TEST(Expr, ConstantsInternByValue) {
    Context ctx;
    EXPECT_EQ(ctx.constant(2.5), ctx.constant(2.5));
    EXPECT_EQ(ctx.constant(-0.0), ctx.zero());
    Expr nan = ctx.constant(std::numeric_limits<double>::quiet_NaN());
    EXPECT_EQ(nan, ctx.constant(-std::numeric_limits<double>::quiet_NaN()));
    EXPECT_TRUE(std::isnan(nan.value()));
    EXPECT_TRUE(ctx.one().is_constant(1.0));
}

TEST(Expr, IdsAreDeterministicAcrossContexts) {
    auto ids = [] {
        Context ctx;
        Expr v = ctx.variable("v");
        Expr e = ctx.div(ctx.add(v, ctx.constant(40)), ctx.sub(ctx.one(), ctx.call(Kind::Exp, v)));
        std::vector<std::uint32_t> out{e.id()};
        for (Expr op : e.operands())
            out.push_back(op.id());
        out.push_back(static_cast<std::uint32_t>(ctx.node_count()));
        return out;
    };
    EXPECT_EQ(ids(), ids());
}

TEST(Expr, DependsOn) {
    Context ctx;
    std::vector<Expr> vars;
    for (int i = 0; i < 130; ++i)
        vars.push_back(ctx.variable("y" + std::to_string(i)));
    Expr f = ctx.mul(ctx.call(Kind::Exp, vars[3]), vars[129]);
    EXPECT_TRUE(depends_on(f, vars[3]));
    EXPECT_TRUE(depends_on(f, vars[129]));
    EXPECT_FALSE(depends_on(f, vars[4]));
    EXPECT_FALSE(depends_on(ctx.constant(3), vars[0]));
    Expr late = ctx.variable("late"); // created after f: f cannot depend on it
    EXPECT_FALSE(depends_on(f, late));
    EXPECT_TRUE(depends_on(ctx.compare(Kind::Lt, late, f), late));
    EXPECT_THROW(depends_on(f, f), InternalError);
}

TEST(Expr, MakeRebuildsEveryKind) {
    Context ctx;
    Expr x = ctx.variable("x");
    Expr y = ctx.variable("y");
    Expr c = ctx.compare(Kind::Lt, x, y);
    const Expr samples[] = {ctx.add(x, y),
                            ctx.mul(x, y),
                            ctx.pow(x, y),
                            ctx.call(Kind::Tanh, x),
                            ctx.call(Kind::Fmax, x, y),
                            c,
                            ctx.logical_and(c, ctx.compare(Kind::Gt, x, ctx.zero())),
                            ctx.logical_or(c, ctx.compare(Kind::Gt, x, ctx.zero())),
                            ctx.logical_not(ctx.logical_and(c, c.operand(0))),
                            ctx.select(c, x, y)};
    for (Expr e : samples)
        EXPECT_EQ(ctx.make(e.kind(), e.operands()), e) << kind_name(e.kind());
    EXPECT_THROW(ctx.make(Kind::Variable, {}), InternalError);
    const Expr one_operand[] = {x};
    EXPECT_THROW(ctx.make(Kind::Pow, one_operand), InternalError);
}

TEST(Expr, KindTables) {
    EXPECT_TRUE(is_unary_function(Kind::Exp));
    EXPECT_TRUE(is_unary_function(Kind::ExprelrD1));
    EXPECT_FALSE(is_unary_function(Kind::Atan2));
    EXPECT_TRUE(is_binary_function(Kind::Fmin));
    EXPECT_TRUE(is_comparison(Kind::Ne));
    EXPECT_TRUE(is_logical(Kind::Not));
    EXPECT_EQ(kind_name(Kind::ExprelrD1), "exprelr_d1");
    EXPECT_EQ(kind_name(Kind::Le), "<=");
}

TEST(Expr, ContextMoveKeepsNodes) {
    Context a;
    Expr x = a.variable("x");
    Expr e = a.add(x, a.one());
    Context b = std::move(a);
    EXPECT_EQ(b.add(b.variable("x"), b.one()), e);
}

} // namespace
} // namespace ranvier::sym
