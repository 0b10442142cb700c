// The Context owns every node of one mechanism's expressions (an arena plus the intern table)
// and is the only way to make them. Every constructor simplifies to the canonical form described
// in simplify.h before interning, so equal subterms meet in the intern table and become one node.
//
// Node ids and variable ids are handed out in creation order, so building the same expressions in
// the same order in two Contexts gives identical ids, orderings and printed output. "The same
// order" is the caller's to keep: in `ctx.add(f(a), f(b))` C++ leaves unspecified which argument
// is built first, so code whose output must not depend on the compiler builds operands into named
// locals, or passes them in a braced list (`ctx.add({f(a), f(b)})`), which C++ sequences.
//
// An Expr belongs to the Context that made it and lives as long as it; Exprs of two Contexts
// must not be combined.
#pragma once

#include "sym/expr.h"

#include <initializer_list>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace ranvier::sym {

class Context;

namespace detail {
// Interns a node exactly as given, without simplification. Only the simplifier calls it, with
// operands already in canonical form and order.
Expr intern(Context& ctx, Kind kind, std::vector<Expr> operands);
} // namespace detail

class Context {
  public:
    Context();
    ~Context();
    Context(Context&&) noexcept;
    Context& operator=(Context&&) noexcept;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // -0.0 is stored as 0.0 and every NaN as one quiet NaN, so constants intern by value.
    Expr constant(double value);
    Expr zero() { return constant(0.0); }
    Expr one() { return constant(1.0); }

    // The same name always gives the same node; a new name gets the next var_id.
    Expr variable(std::string_view name);
    std::size_t variable_count() const;
    Expr variable_by_id(std::uint32_t var_id) const;
    std::size_t node_count() const;

    // Arithmetic. Subtraction, division and negation are spelled with add, mul and pow:
    // a - b = a + (-1)*b, a / b = a * b^-1, -a = (-1)*a.
    Expr add(Expr a, Expr b);
    Expr add(std::span<const Expr> terms);
    Expr add(std::initializer_list<Expr> terms) {
        return add(std::span(terms.begin(), terms.end()));
    }
    Expr sub(Expr a, Expr b);
    Expr neg(Expr a);
    Expr mul(Expr a, Expr b);
    Expr mul(std::span<const Expr> factors);
    Expr mul(std::initializer_list<Expr> factors) {
        return mul(std::span(factors.begin(), factors.end()));
    }
    Expr div(Expr a, Expr b);
    Expr pow(Expr base, Expr exponent);

    // Exp ... ExprelrD1.
    Expr call(Kind function, Expr x);
    // Atan2 (y, x), Fmin, Fmax.
    Expr call(Kind function, Expr a, Expr b);
    // Lt, Le, Gt, Ge, Eq, Ne.
    Expr compare(Kind op, Expr a, Expr b);
    Expr logical_and(Expr a, Expr b);
    Expr logical_or(Expr a, Expr b);
    Expr logical_not(Expr a);
    // Piecewise: `cond ? if_true : if_false`; NMODL IF/ELSE lowers to it.
    Expr select(Expr cond, Expr if_true, Expr if_false);

    // Rebuilds a node of `kind` from new operands, simplifying: what passes that rewrite
    // subterms use. Constants and variables have no operands and cannot be rebuilt this way.
    Expr make(Kind kind, std::span<const Expr> operands);

  private:
    friend Expr detail::intern(Context& ctx, Kind kind, std::vector<Expr> operands);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ranvier::sym
