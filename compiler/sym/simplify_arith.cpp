// Canonical sums, products and powers (the rules are stated in simplify.h). Like terms and like
// factors are grouped in std::maps keyed by node id, which yields the deterministic operand order
// directly.
#include "sym/simplify.h"

#include <cmath>
#include <map>

namespace ranvier::sym::detail {

std::optional<double> integer_value(Expr e) {
    if (!e.is_constant() || !std::isfinite(e.value()))
        return std::nullopt;
    if (std::trunc(e.value()) != e.value())
        return std::nullopt;
    return e.value();
}

Term split_term(Context& ctx, Expr term) {
    if (term.is_constant())
        return {term.value(), ctx.one()};
    if (term.kind() != Kind::Mul || !term.operand(0).is_constant())
        return {1.0, term};
    auto rest = term.operands().subspan(1);
    // The factors are already canonical and sorted, so they intern as they stand.
    Expr r = rest.size() == 1 ? rest[0] : intern(ctx, Kind::Mul, {rest.begin(), rest.end()});
    return {term.operand(0).value(), r};
}

Factor split_factor(Context& ctx, Expr factor) {
    if (factor.kind() == Kind::Pow)
        return {factor.operand(0), factor.operand(1)};
    return {factor, ctx.one()};
}

namespace {

// c * rest, in canonical form, for a rest produced by split_term (a constant only when it is 1,
// never a product with a coefficient of its own).
Expr scale(Context& ctx, double c, Expr rest) {
    if (rest.is_constant())
        return ctx.constant(c * rest.value());
    if (c == 0.0)
        return ctx.zero();
    if (c == 1.0)
        return rest;
    std::vector<Expr> ops{ctx.constant(c)};
    if (rest.kind() == Kind::Mul)
        ops.insert(ops.end(), rest.operands().begin(), rest.operands().end());
    else
        ops.push_back(rest);
    return intern(ctx, Kind::Mul, std::move(ops));
}

} // namespace

Expr simplify_add(Context& ctx, std::span<const Expr> terms) {
    double constant = 0.0;
    std::map<std::uint32_t, Term> by_rest; // keyed by the id of the coefficient-free part
    auto absorb = [&](Expr t) {
        if (t.is_constant()) {
            constant += t.value();
            return;
        }
        Term term = split_term(ctx, t);
        auto [it, inserted] = by_rest.try_emplace(term.rest.id(), term);
        if (!inserted)
            it->second.coefficient += term.coefficient;
    };
    // A sum of one term is that term: 2*(x + y) + 0 must stay 2*(x + y), not become 2x + 2y.
    std::size_t nonzero = 0;
    for (Expr t : terms)
        nonzero += t.is_constant(0.0) ? 0 : 1;
    if (nonzero == 1)
        for (Expr t : terms)
            if (!t.is_constant(0.0))
                return t;
    for (Expr t : terms) {
        if (t.kind() == Kind::Add) {
            for (Expr inner : t.operands())
                absorb(inner);
            continue;
        }
        // Inside a sum, c*(a + b) is expanded to c*a + c*b, so that the sum is a flat linear
        // combination and x - (y + z) - x + y + z cancels to 0. The operands of a canonical sum
        // are never themselves such products, so one level of expansion suffices.
        Term term = split_term(ctx, t);
        if (term.rest.kind() == Kind::Add) {
            for (Expr inner : term.rest.operands()) {
                Term part = split_term(ctx, inner);
                absorb(scale(ctx, term.coefficient * part.coefficient, part.rest));
            }
            continue;
        }
        absorb(t);
    }
    std::vector<Expr> out;
    if (constant != 0.0)
        out.push_back(ctx.constant(constant));
    for (const auto& [id, term] : by_rest)
        if (term.coefficient != 0.0)
            out.push_back(scale(ctx, term.coefficient, term.rest));
    if (out.empty())
        return ctx.zero();
    if (out.size() == 1)
        return out[0];
    return intern(ctx, Kind::Add, std::move(out));
}

Expr simplify_mul(Context& ctx, std::span<const Expr> factors) {
    double coefficient = 1.0;
    std::map<std::uint32_t, Factor> by_base; // keyed by base id
    std::vector<Expr> pending(factors.begin(), factors.end());
    for (std::size_t i = 0; i < pending.size(); ++i) { // grows while products are flattened
        Expr f = pending[i];
        if (f.is_constant()) {
            coefficient *= f.value();
        } else if (f.kind() == Kind::Mul) {
            pending.insert(pending.end(), f.operands().begin(), f.operands().end());
        } else {
            Factor factor = split_factor(ctx, f);
            auto [it, inserted] = by_base.try_emplace(factor.base.id(), factor);
            if (!inserted)
                it->second.exponent = ctx.add(it->second.exponent, factor.exponent);
        }
    }
    if (coefficient == 0.0)
        return ctx.zero(); // the structural zero: see the policy in simplify.h

    std::vector<Expr> out;
    bool nested = false;
    for (const auto& [id, factor] : by_base) {
        Expr p = simplify_pow(ctx, factor.base, factor.exponent);
        if (p.is_constant()) {
            coefficient *= p.value();
            continue;
        }
        // Merged exponents can turn a power of a product back into a product: flatten again.
        nested = nested || p.kind() == Kind::Mul;
        out.push_back(p);
    }
    if (nested) {
        out.push_back(ctx.constant(coefficient));
        return simplify_mul(ctx, out);
    }
    if (coefficient == 0.0)
        return ctx.zero();
    if (out.empty())
        return ctx.constant(coefficient);
    if (coefficient == 1.0 && out.size() == 1)
        return out[0];
    if (coefficient != 1.0)
        out.insert(out.begin(), ctx.constant(coefficient));
    return intern(ctx, Kind::Mul, std::move(out));
}

Expr simplify_pow(Context& ctx, Expr base, Expr exponent) {
    if (exponent.is_constant(0.0))
        return ctx.one(); // as C's pow, even for 0 and NaN bases
    if (exponent.is_constant(1.0))
        return base;
    if (base.is_constant() && exponent.is_constant())
        return ctx.constant(std::pow(base.value(), exponent.value()));
    if (base.is_constant(1.0))
        return ctx.one(); // pow(1, y) is 1 for every y, NaN included

    // Integer powers distribute over products and compose with powers. For integer k these are
    // identities wherever the original is finite: (x^a)^k = x^(ak), (x*y)^k = x^k * y^k.
    if (integer_value(exponent)) {
        if (base.kind() == Kind::Pow)
            return simplify_pow(ctx, base.operand(0), ctx.mul(base.operand(1), exponent));
        if (base.kind() == Kind::Mul) {
            std::vector<Expr> factors;
            for (Expr f : base.operands())
                factors.push_back(simplify_pow(ctx, f, exponent));
            return simplify_mul(ctx, factors);
        }
    }
    return intern(ctx, Kind::Pow, {base, exponent});
}

} // namespace ranvier::sym::detail
