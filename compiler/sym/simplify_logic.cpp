// Simplification of functions, comparisons, logic and select (the value policy is in
// simplify.h). Constant arguments fold through apply_unary / apply_binary (evaluate.h), the same
// code evaluation uses.
#include "sym/evaluate.h"
#include "sym/simplify.h"

#include <cmath>
#include <utility>

namespace ranvier::sym::detail {

namespace {

// `e` as a 0/1 value: what `!!e` would give in C.
Expr as_boolean(Context& ctx, Expr e) {
    return is_boolean_valued(e) ? e : ctx.compare(Kind::Ne, e, ctx.zero());
}

Kind negated_comparison(Kind op) {
    switch (op) {
    case Kind::Lt:
        return Kind::Ge;
    case Kind::Le:
        return Kind::Gt;
    case Kind::Gt:
        return Kind::Le;
    case Kind::Ge:
        return Kind::Lt;
    case Kind::Eq:
        return Kind::Ne;
    default:
        return Kind::Eq;
    }
}

void sort_by_id(Expr& a, Expr& b) {
    if (b.id() < a.id())
        std::swap(a, b);
}

} // namespace

Expr simplify_unary(Context& ctx, Kind fn, Expr x) {
    if (x.is_constant())
        return ctx.constant(apply_unary(fn, x.value()));
    switch (fn) {
    case Kind::Log:
        // log(exp(u)) = u for every real u; the converse, exp(log(u)) = u, fails for u <= 0.
        if (x.kind() == Kind::Exp)
            return x.operand(0);
        break;
    case Kind::Fabs:
        if (x.kind() == Kind::Fabs || x.kind() == Kind::Exp)
            return x;
        // |c * u| = |c| * |u|: folds the sign of -u and c*u into one canonical node.
        if (x.kind() == Kind::Mul && x.operand(0).is_constant()) {
            Term t = split_term(ctx, x);
            return ctx.mul({ctx.constant(std::fabs(t.coefficient)), ctx.call(Kind::Fabs, t.rest)});
        }
        break;
    default:
        break;
    }
    return intern(ctx, fn, {x});
}

Expr simplify_binary(Context& ctx, Kind fn, Expr a, Expr b) {
    if (fn == Kind::Lookup || fn == Kind::LookupSlope)
        return intern(ctx, fn, {a, b}); // no value before the run
    if (a.is_constant() && b.is_constant())
        return ctx.constant(apply_binary(fn, a.value(), b.value()));
    if (fn == Kind::Fmin || fn == Kind::Fmax) {
        if (a == b)
            return a;
        sort_by_id(a, b); // commutative, NaN handling included
    }
    return intern(ctx, fn, {a, b});
}

Expr simplify_compare(Context& ctx, Kind op, Expr a, Expr b) {
    if (a.is_constant() && b.is_constant())
        return ctx.constant(apply_binary(op, a.value(), b.value()));
    if (a == b) { // x op x, for finite x
        bool reflexive = op == Kind::Le || op == Kind::Ge || op == Kind::Eq;
        return ctx.constant(reflexive ? 1.0 : 0.0);
    }
    if (op == Kind::Eq || op == Kind::Ne)
        sort_by_id(a, b);
    return intern(ctx, op, {a, b});
}

Expr simplify_logic(Context& ctx, Kind op, Expr a, Expr b) {
    if (a.is_constant() && b.is_constant())
        return ctx.constant(apply_binary(op, a.value(), b.value()));
    if (b.is_constant())
        std::swap(a, b);
    if (a.is_constant()) {
        bool truth = a.value() != 0.0; // NaN is true, as in C
        if (op == Kind::And)
            return truth ? as_boolean(ctx, b) : ctx.zero();
        return truth ? ctx.one() : as_boolean(ctx, b);
    }
    if (a == b)
        return as_boolean(ctx, a);
    sort_by_id(a, b);
    return intern(ctx, op, {a, b});
}

Expr simplify_not(Context& ctx, Expr a) {
    if (a.is_constant())
        return ctx.constant(apply_unary(Kind::Not, a.value()));
    if (a.kind() == Kind::Not)
        return as_boolean(ctx, a.operand(0));
    // !(x < y) = x >= y for ordered (non-NaN) operands.
    if (is_comparison(a.kind()))
        return ctx.compare(negated_comparison(a.kind()), a.operand(0), a.operand(1));
    return intern(ctx, Kind::Not, {a});
}

Expr simplify_select(Context& ctx, Expr cond, Expr if_true, Expr if_false) {
    if (cond.is_constant())
        return cond.value() != 0.0 ? if_true : if_false;
    if (if_true == if_false)
        return if_true;
    if (cond.kind() == Kind::Not)
        return ctx.select(cond.operand(0), if_false, if_true);
    return intern(ctx, Kind::Select, {cond, if_true, if_false});
}

} // namespace ranvier::sym::detail
