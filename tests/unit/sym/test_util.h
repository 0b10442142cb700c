// Helpers for the sym tests: random points, a random expression generator that also evaluates
// its expression directly (without the simplifier) as the reference, and finite differences.
#pragma once

#include "sym/context.h"
#include "sym/evaluate.h"

#include <cmath>
#include <functional>
#include <random>
#include <vector>

namespace ranvier::sym::test {

using Values = std::vector<double>;

inline Values random_point(std::mt19937& rng, std::size_t n, double lo, double hi) {
    std::uniform_real_distribution<double> dist(lo, hi);
    Values v(n);
    for (double& x : v)
        x = dist(rng);
    return v;
}

// |a - b| small relative to the larger of the two (or to 1 when both are small).
inline bool close(double a, double b, double tolerance) {
    return std::fabs(a - b) <= tolerance * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// What the reference evaluation learnt besides the value: whether the point is valid for the
// expression (every evaluated intermediate finite, no comparison or truth test decided by a
// rounding-sized margin, where simplification may legitimately land on the other side), and
// the largest intermediate magnitude, which bounds the rounding error of a cancellation.
struct Trace {
    bool valid = true;
    double scale = 1.0;

    double note(double v) {
        if (!std::isfinite(v))
            valid = false;
        else
            scale = std::max(scale, std::fabs(v));
        return v;
    }
    bool truth(double v) {
        if (v != 0.0 && std::fabs(v) < 1e-9 * scale)
            valid = false;
        return v != 0.0;
    }
    void compared(double a, double b) {
        if (a != b && std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}))
            valid = false;
    }
};

// An expression together with a direct evaluation of the same formula, built operation by
// operation with plain doubles: the reference that no simplification has touched.
struct Sample {
    Expr expr;
    std::function<double(const Values&, Trace&)> reference;
};

// Random expressions over variables x0, x1, x2 with small constants, exercising every kind.
class RandomExprs {
  public:
    RandomExprs(Context& ctx, unsigned seed) : ctx_(ctx), rng_(seed) {
        for (int i = 0; i < 3; ++i)
            vars_.push_back(ctx.variable("x" + std::to_string(i)));
    }

    Sample make(int depth) {
        std::uniform_int_distribution<int> pick(0, depth <= 0 ? 1 : 13);
        switch (pick(rng_)) {
        case 0: {
            Expr v = vars_[std::uniform_int_distribution<std::size_t>(0, 2)(rng_)];
            std::uint32_t id = v.var_id();
            return {v, [id](const Values& x, Trace& t) { return t.note(x[id]); }};
        }
        case 1: {
            static const double pool[] = {0.0, 1.0, -1.0, 2.0, 0.5, 3.0, -2.5};
            double c = pool[std::uniform_int_distribution<int>(0, 6)(rng_)];
            return {ctx_.constant(c), [c](const Values&, Trace&) { return c; }};
        }
        case 2:
            return binary(
                depth, [&](Expr a, Expr b) { return ctx_.add(a, b); }, std::plus<>());
        case 3:
            return binary(
                depth, [&](Expr a, Expr b) { return ctx_.sub(a, b); }, std::minus<>());
        case 4:
            return binary(
                depth, [&](Expr a, Expr b) { return ctx_.mul(a, b); }, std::multiplies<>());
        case 5:
            return binary(
                depth, [&](Expr a, Expr b) { return ctx_.div(a, b); }, std::divides<>());
        case 6: {
            Sample a = make(depth - 1);
            static const double exps[] = {-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 0.5};
            double e = exps[std::uniform_int_distribution<int>(0, 6)(rng_)];
            return {ctx_.pow(a.expr, ctx_.constant(e)), [a, e](const Values& x, Trace& t) {
                        return t.note(std::pow(a.reference(x, t), e));
                    }};
        }
        case 7: {
            Sample a = make(depth - 1);
            return {ctx_.neg(a.expr),
                    [a](const Values& x, Trace& t) { return -a.reference(x, t); }};
        }
        case 8: {
            static const Kind fns[] = {Kind::Exp,  Kind::Log,      Kind::Sin,  Kind::Cos,
                                       Kind::Fabs, Kind::Tanh,     Kind::Sqrt, Kind::Exprelr,
                                       Kind::Atan, Kind::ExprelrD1};
            Kind fn = fns[std::uniform_int_distribution<int>(0, 9)(rng_)];
            Sample a = make(depth - 1);
            return {ctx_.call(fn, a.expr), [a, fn](const Values& x, Trace& t) {
                        return t.note(apply_unary(fn, a.reference(x, t)));
                    }};
        }
        case 9:
        case 10:
            return binary_kind(depth);
        case 11: {
            Sample a = make(depth - 1);
            return {ctx_.logical_not(a.expr), [a](const Values& x, Trace& t) {
                        return t.truth(a.reference(x, t)) ? 0.0 : 1.0;
                    }};
        }
        default: {
            Sample c = make(depth - 1);
            Sample a = make(depth - 1);
            Sample b = make(depth - 1);
            return {ctx_.select(c.expr, a.expr, b.expr), [c, a, b](const Values& x, Trace& t) {
                        return t.truth(c.reference(x, t)) ? a.reference(x, t) : b.reference(x, t);
                    }};
        }
        }
    }

    std::mt19937& rng() { return rng_; }

  private:
    template <class Build, class Op> Sample binary(int depth, Build build, Op op) {
        Sample a = make(depth - 1);
        Sample b = make(depth - 1);
        return {build(a.expr, b.expr), [a, b, op](const Values& x, Trace& t) {
                    return t.note(op(a.reference(x, t), b.reference(x, t)));
                }};
    }

    Sample binary_kind(int depth) {
        static const Kind fns[] = {Kind::Fmin, Kind::Fmax, Kind::Atan2, Kind::Lt, Kind::Ge,
                                   Kind::Eq,   Kind::Ne,   Kind::And,   Kind::Or};
        Kind fn = fns[std::uniform_int_distribution<int>(0, 8)(rng_)];
        Sample a = make(depth - 1);
        Sample b = make(depth - 1);
        Expr e = is_comparison(fn) ? ctx_.compare(fn, a.expr, b.expr)
                 : fn == Kind::And ? ctx_.logical_and(a.expr, b.expr)
                 : fn == Kind::Or  ? ctx_.logical_or(a.expr, b.expr)
                                   : ctx_.call(fn, a.expr, b.expr);
        return {e, [a, b, fn](const Values& x, Trace& t) {
                    double u = a.reference(x, t);
                    double v = b.reference(x, t);
                    if (is_comparison(fn))
                        t.compared(u, v);
                    // atan2's branch cut: the sign of a zero y decides, and signed zeros are
                    // not preserved (simplify.h).
                    if (fn == Kind::Atan2 && u == 0.0 && !(v > 0.0))
                        t.valid = false;
                    if (fn == Kind::And || fn == Kind::Or) {
                        t.truth(u);
                        t.truth(v);
                    }
                    return t.note(apply_binary(fn, u, v));
                }};
    }

    Context& ctx_;
    std::mt19937 rng_;
    std::vector<Expr> vars_;
};

// d f / d x_i by the fourth-order central difference, with a step scaled to x_i.
inline double finite_difference(Expr f, Values x, std::size_t i) {
    double h = 1e-3 * std::max(1.0, std::fabs(x[i]));
    double x0 = x[i];
    auto at = [&](double xi) {
        x[i] = xi;
        return evaluate(f, x);
    };
    return (-at(x0 + 2 * h) + 8 * at(x0 + h) - 8 * at(x0 - h) + at(x0 - 2 * h)) / (12 * h);
}

} // namespace ranvier::sym::test
