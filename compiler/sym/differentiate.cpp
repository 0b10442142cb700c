// Symbolic differentiation (differentiate.h). One memo per diff() call maps each node to its
// derivative, so a shared subterm is differentiated once and its derivative is shared too; the
// memo is only probed, never iterated. Subterms free of the variable are cut off in O(1) by
// depends_on, which is what keeps the derivative of a large right-hand side cheap.
#include "sym/differentiate.h"

#include "support/internal_error.h"

#include <array>
#include <numbers>
#include <unordered_map>
#include <vector>

namespace ranvier::sym {

namespace {

class Differentiator {
  public:
    Differentiator(Context& ctx, Expr var) : ctx_(ctx), var_(var) {}

    Expr operator()(Expr f) {
        if (!depends_on(f, var_))
            return ctx_.zero();
        if (auto it = memo_.find(f.node()); it != memo_.end())
            return it->second;
        Expr d = compute(f);
        memo_.emplace(f.node(), d);
        return d;
    }

  private:
    Expr compute(Expr f);
    Expr product_rule(Expr f);
    Expr power_rule(Expr f);
    Expr outer_derivative(Expr f);
    Expr exprelr_d2(Expr u, Expr d1);

    Expr c(double v) { return ctx_.constant(v); }

    Context& ctx_;
    Expr var_;
    std::unordered_map<const detail::Node*, Expr> memo_;
};

Expr Differentiator::compute(Expr f) {
    Kind k = f.kind();
    if (k == Kind::Variable)
        return ctx_.one(); // the only variable f can depend on is var_
    if (k == Kind::Add) {
        std::vector<Expr> terms;
        for (Expr t : f.operands())
            terms.push_back((*this)(t));
        return ctx_.add(terms);
    }
    if (k == Kind::Mul)
        return product_rule(f);
    if (k == Kind::Pow)
        return power_rule(f);
    if (is_unary_function(k))
        return ctx_.mul({outer_derivative(f), (*this)(f.operand(0))});
    if (is_comparison(k) || is_logical(k))
        return ctx_.zero();

    // Operands are built into locals or braced lists, which C++ sequences left to right, so node
    // ids do not depend on the compiler's choice of argument evaluation order.
    Expr a = f.operand(0);
    Expr b = f.operand(1);
    if (k == Kind::Select) {
        Expr da = (*this)(b);
        Expr db = (*this)(f.operand(2));
        return ctx_.select(a, da, db);
    }
    Expr da = (*this)(a);
    Expr db = (*this)(b);
    switch (k) {
    case Kind::Fmin:
        return ctx_.select(ctx_.compare(Kind::Le, a, b), da, db);
    case Kind::Fmax:
        return ctx_.select(ctx_.compare(Kind::Ge, a, b), da, db);
    case Kind::Lookup: // piecewise linear in x; the table itself is constant
        return ctx_.mul(ctx_.call(Kind::LookupSlope, a, b), db);
    case Kind::LookupSlope:
        return ctx_.zero();
    case Kind::Atan2: { // atan2(y, x)' = (x y' - y x') / (x^2 + y^2)
        Expr numerator = ctx_.add({ctx_.mul(b, da), ctx_.mul({c(-1), a, db})});
        Expr norm2 = ctx_.add({ctx_.pow(a, c(2)), ctx_.pow(b, c(2))});
        return ctx_.div(numerator, norm2);
    }
    default:
        break;
    }
    RANVIER_ASSERT(false, "diff: unhandled kind " + std::string(kind_name(k)));
    return ctx_.zero();
}

// (c f1 ... fn)' = sum_i c f1 ... fi' ... fn. Dividing f by fi instead would add a singularity
// wherever fi = 0.
Expr Differentiator::product_rule(Expr f) {
    auto ops = f.operands();
    std::vector<Expr> terms;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (!depends_on(ops[i], var_))
            continue;
        std::vector<Expr> factors(ops.begin(), ops.end());
        factors[i] = (*this)(ops[i]);
        terms.push_back(ctx_.mul(factors));
    }
    return ctx_.add(terms);
}

// (b^e)' = e b^(e-1) b' + b^e log(b) e'; each half only when its operand depends on var, so a
// constant exponent never brings in log(b) (undefined for b <= 0).
Expr Differentiator::power_rule(Expr f) {
    Expr b = f.operand(0);
    Expr e = f.operand(1);
    std::vector<Expr> terms;
    if (depends_on(b, var_))
        terms.push_back(ctx_.mul({e, ctx_.pow(b, ctx_.sub(e, ctx_.one())), (*this)(b)}));
    if (depends_on(e, var_))
        terms.push_back(ctx_.mul({f, ctx_.call(Kind::Log, b), (*this)(e)}));
    return ctx_.add(terms);
}

// d fn(u) / du for f = fn(u), reusing f where the derivative contains it.
Expr Differentiator::outer_derivative(Expr f) {
    Expr u = f.operand(0);
    auto one_minus_u2 = [&] { return ctx_.add({ctx_.one(), ctx_.mul(c(-1), ctx_.pow(u, c(2)))}); };
    switch (f.kind()) {
    case Kind::Exp:
        return f;
    case Kind::Log:
        return ctx_.pow(u, c(-1));
    case Kind::Log10:
        return ctx_.mul({c(1.0 / std::numbers::ln10), ctx_.pow(u, c(-1))});
    case Kind::Sqrt:
        return ctx_.mul({c(0.5), ctx_.pow(f, c(-1))});
    case Kind::Sin:
        return ctx_.call(Kind::Cos, u);
    case Kind::Cos:
        return ctx_.neg(ctx_.call(Kind::Sin, u));
    case Kind::Tan:
        return ctx_.add({ctx_.one(), ctx_.pow(f, c(2))});
    case Kind::Sinh:
        return ctx_.call(Kind::Cosh, u);
    case Kind::Cosh:
        return ctx_.call(Kind::Sinh, u);
    case Kind::Tanh:
        return ctx_.add({ctx_.one(), ctx_.mul(c(-1), ctx_.pow(f, c(2)))});
    case Kind::Asin:
        return ctx_.pow(one_minus_u2(), c(-0.5));
    case Kind::Acos:
        return ctx_.neg(ctx_.pow(one_minus_u2(), c(-0.5)));
    case Kind::Atan:
        return ctx_.pow(ctx_.add({ctx_.one(), ctx_.pow(u, c(2))}), c(-1));
    case Kind::Fabs: {
        Expr non_negative = ctx_.compare(Kind::Ge, u, ctx_.zero());
        Expr one = ctx_.one();
        return ctx_.select(non_negative, one, c(-1));
    }
    case Kind::Floor:
    case Kind::Ceil:
        return ctx_.zero(); // piecewise constant: the jumps are events, not slopes
    case Kind::Exprelr:
        return ctx_.call(Kind::ExprelrD1, u);
    case Kind::ExprelrD1:
        return exprelr_d2(u, f);
    default:
        break;
    }
    RANVIER_ASSERT(false, "diff: unhandled function " + std::string(kind_name(f.kind())));
    return ctx_.zero();
}

// exprelr''(u). With E = exprelr(u), u E' = E - u E - E^2; differentiating once more gives
// E'' = -(2 E E' + E + u E') / u, which is 0/0 at u = 0 and cancels near it. For |u| < 0.1 the
// Taylor series 1/6 - u^2/60 + u^4/1008 - u^6/21600 + u^8/532224 (B_n / (n-2)!) is used
// instead: its first omitted term is below 1e-17 there, and the closed form loses at most ~2
// digits beyond it.
Expr Differentiator::exprelr_d2(Expr u, Expr d1) {
    Expr e = ctx_.call(Kind::Exprelr, u);
    Expr sum = ctx_.add({ctx_.mul({c(2), e, d1}), e, ctx_.mul(u, d1)});
    Expr closed = ctx_.mul({c(-1), sum, ctx_.pow(u, c(-1))});

    Expr u2 = ctx_.pow(u, c(2));
    constexpr std::array coefficients = {1.0 / 6.0, -1.0 / 60.0, 1.0 / 1008.0, -1.0 / 21600.0,
                                         1.0 / 532224.0};
    std::vector<Expr> series;
    series.reserve(coefficients.size());
    for (std::size_t i = 0; i < coefficients.size(); ++i)
        series.push_back(ctx_.mul({c(coefficients[i]), ctx_.pow(u2, c(static_cast<double>(i)))}));
    Expr polynomial = ctx_.add(series);
    Expr near_zero = ctx_.compare(Kind::Lt, ctx_.call(Kind::Fabs, u), c(0.1));
    return ctx_.select(near_zero, polynomial, closed);
}

} // namespace

Expr diff(Context& ctx, Expr f, Expr var) {
    RANVIER_ASSERT(var.is_variable(), "diff: differentiation is with respect to a variable");
    return Differentiator(ctx, var)(f);
}

} // namespace ranvier::sym
