// The exprelr rewrite (exprelr.h). It works on canonical products: a division by exp(u) - 1 is
// the factor (c + k exp(u))^-1 with c = -k, and the rest of the product is divided by u with the
// simplifier's exponent merging, which cancels u exactly when the numerator contains it.
#include "sym/exprelr.h"

#include "sym/simplify.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace ranvier::sym {

namespace {

using detail::split_factor;
using detail::split_term;

// e as constant + sum of coefficient * rest, with constant multiples of sums expanded, so that
// 0.1 v + 4 and 0.1 (v + 40) have the same form. Keyed by rest id.
struct LinearForm {
    double constant = 0.0;
    std::map<std::uint32_t, double> coefficients;
};

void expand(Context& ctx, Expr e, double scale, LinearForm& out) {
    if (e.is_constant()) {
        out.constant += scale * e.value();
    } else if (e.kind() == Kind::Add) {
        for (Expr t : e.operands())
            expand(ctx, t, scale, out);
    } else {
        detail::Term t = split_term(ctx, e);
        if (t.rest.kind() == Kind::Add)
            expand(ctx, t.rest, scale * t.coefficient, out);
        else
            out.coefficients[t.rest.id()] += scale * t.coefficient;
    }
}

// lambda with g = lambda w, when the linear forms of g and w are proportional (to 1e-12,
// since the two may have been scaled by different roundings of the same constant).
std::optional<double> proportion(Context& ctx, Expr g, Expr w) {
    LinearForm a, b;
    expand(ctx, g, 1.0, a);
    expand(ctx, w, 1.0, b);
    std::erase_if(a.coefficients, [](const auto& kv) { return kv.second == 0.0; });
    std::erase_if(b.coefficients, [](const auto& kv) { return kv.second == 0.0; });
    if (a.coefficients.empty() || a.coefficients.size() != b.coefficients.size())
        return std::nullopt;
    double ratio = a.coefficients.begin()->second / b.coefficients.begin()->second;
    auto agrees = [&](double x, double y) {
        return std::fabs(x - ratio * y) <= 1e-12 * std::fabs(ratio * y);
    };
    for (auto ia = a.coefficients.begin(), ib = b.coefficients.begin(); ia != a.coefficients.end();
         ++ia, ++ib)
        if (ia->first != ib->first || !agrees(ia->second, ib->second))
            return std::nullopt;
    if (!agrees(a.constant, b.constant))
        return std::nullopt;
    return ratio;
}

std::vector<Expr> factors_of(Expr e) {
    if (e.kind() != Kind::Mul)
        return {e};
    return {e.operands().begin(), e.operands().end()};
}

// (k, u) when d = k (exp(u) - 1), i.e. the canonical sum (-k) + k exp(u).
std::optional<std::pair<double, Expr>> match_denominator(Expr d) {
    if (d.kind() != Kind::Add || d.arity() != 2 || !d.operand(0).is_constant())
        return std::nullopt;
    Expr term = d.operand(1);
    double k = 1.0;
    if (term.kind() == Kind::Mul && term.arity() == 2 && term.operand(0).is_constant()) {
        k = term.operand(0).value();
        term = term.operand(1);
    }
    if (term.kind() != Kind::Exp || d.operand(0).value() != -k)
        return std::nullopt;
    return std::pair{k, term.operand(0)};
}

// True when q has a denominator r does not: a factor b^e, e < 0, that r lacks with an exponent
// at least as negative, or a symbolic power r lacks.
bool adds_singularity(Context& ctx, Expr q, Expr r) {
    std::vector<Expr> r_factors = factors_of(r);
    for (Expr f : factors_of(q)) {
        if (f.is_constant() || std::find(r_factors.begin(), r_factors.end(), f) != r_factors.end())
            continue;
        detail::Factor qf = split_factor(ctx, f);
        if (!qf.exponent.is_constant())
            return true;
        if (qf.exponent.value() >= 0.0)
            continue;
        bool covered = false;
        for (Expr g : r_factors) {
            detail::Factor rf = split_factor(ctx, g);
            covered = covered || (rf.base == qf.base && rf.exponent.is_constant() &&
                                  rf.exponent.value() <= qf.exponent.value());
        }
        if (!covered)
            return true;
    }
    return false;
}

// r / u with u cancelled, or null when it does not cancel. When u = c w for a sum w and r
// contains a sum proportional to w but spelled differently, that factor is respelled as w first.
Expr quotient(Context& ctx, Expr r, Expr u) {
    Expr w = split_term(ctx, u).rest;
    Expr numerator = r;
    if (w.kind() == Kind::Add) {
        for (Expr g : factors_of(r)) {
            if (g == w || g.is_constant())
                continue;
            if (auto lambda = proportion(ctx, g, w)) {
                numerator = ctx.mul({r, ctx.pow(g, ctx.constant(-1.0)), ctx.constant(*lambda), w});
                break;
            }
        }
    }
    Expr q = ctx.div(numerator, u);
    return adds_singularity(ctx, q, numerator) ? Expr() : q;
}

std::optional<Expr> rewrite_product(Context& ctx, Expr m) {
    auto ops = m.operands();
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].kind() != Kind::Pow || !ops[i].operand(1).is_constant(-1.0))
            continue;
        auto denominator = match_denominator(ops[i].operand(0));
        if (!denominator)
            continue;
        auto [k, u] = *denominator;
        std::vector<Expr> rest(ops.begin(), ops.end());
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        Expr q = quotient(ctx, ctx.mul(rest), u);
        if (q.is_null())
            continue;
        return ctx.mul({q, ctx.constant(1.0 / k), ctx.call(Kind::Exprelr, u)});
    }
    return std::nullopt;
}

class Rewriter {
  public:
    explicit Rewriter(Context& ctx) : ctx_(ctx) {}

    Expr operator()(Expr e) {
        if (e.arity() == 0)
            return e;
        if (auto it = memo_.find(e.node()); it != memo_.end())
            return it->second;
        std::vector<Expr> ops;
        bool changed = false;
        for (Expr op : e.operands()) {
            ops.push_back((*this)(op));
            changed = changed || ops.back() != op;
        }
        Expr r = changed ? ctx_.make(e.kind(), ops) : e;
        // Each success removes one (exp(u) - 1)^-1 factor; the bound only guards against a u that
        // itself contains such a factor, which cancelling would bring back.
        for (int round = 0; round < 16 && r.kind() == Kind::Mul; ++round) {
            std::optional<Expr> next = rewrite_product(ctx_, r);
            if (!next)
                break;
            r = *next;
        }
        memo_.emplace(e.node(), r);
        return r;
    }

  private:
    Context& ctx_;
    std::unordered_map<const detail::Node*, Expr> memo_;
};

} // namespace

Expr rewrite_exprelr(Context& ctx, Expr e) {
    return Rewriter(ctx)(e);
}

} // namespace ranvier::sym
