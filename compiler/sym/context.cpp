// The Context's arena and intern table (context.h). Nodes live in a deque, so their addresses
// never move; the intern table maps a structural hash to the nodes with that hash. The hash is
// computed from operand ids, not addresses, and the table is only ever probed, never iterated, so
// nothing about it can reach the output.
#include "sym/context.h"

#include "support/internal_error.h"
#include "sym/simplify.h"

#include <bit>
#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <unordered_map>

namespace ranvier::sym {

namespace {

std::size_t mix(std::size_t seed, std::uint64_t value) {
    // boost::hash_combine's mixing step, widened to 64 bits.
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

std::size_t structural_hash(const detail::Node& n) {
    std::size_t h = mix(0, static_cast<std::uint64_t>(n.kind));
    h = mix(h, std::bit_cast<std::uint64_t>(n.value));
    h = mix(h, n.var_id);
    for (Expr op : n.operands)
        h = mix(h, op.id());
    return h;
}

bool same_structure(const detail::Node& a, const detail::Node& b) {
    return a.kind == b.kind &&
           std::bit_cast<std::uint64_t>(a.value) == std::bit_cast<std::uint64_t>(b.value) &&
           a.var_id == b.var_id && a.operands == b.operands;
}

} // namespace

struct Context::Impl {
    std::deque<detail::Node> nodes;
    std::unordered_multimap<std::size_t, const detail::Node*> table;
    std::deque<std::string> names; // stable storage for Node::name
    std::unordered_map<std::string, Expr> variables_by_name;
    std::vector<Expr> variables;

    Expr insert(detail::Node candidate) {
        candidate.hash = structural_hash(candidate);
        auto [first, last] = table.equal_range(candidate.hash);
        for (auto it = first; it != last; ++it)
            if (same_structure(*it->second, candidate))
                return Expr(it->second);
        RANVIER_ASSERT(nodes.size() < std::numeric_limits<std::uint32_t>::max(),
                       "too many symbolic nodes");
        candidate.id = static_cast<std::uint32_t>(nodes.size());
        for (Expr op : candidate.operands) {
            const auto& bits = op.node()->vars;
            if (candidate.vars.size() < bits.size())
                candidate.vars.resize(bits.size(), 0);
            for (std::size_t i = 0; i < bits.size(); ++i)
                candidate.vars[i] |= bits[i];
        }
        const detail::Node& stored = nodes.emplace_back(std::move(candidate));
        table.emplace(stored.hash, &stored);
        return Expr(&stored);
    }
};

Context::Context() : impl_(std::make_unique<Impl>()) {}
Context::~Context() = default;
Context::Context(Context&&) noexcept = default;
Context& Context::operator=(Context&&) noexcept = default;

Expr detail::intern(Context& ctx, Kind kind, std::vector<Expr> operands) {
    RANVIER_ASSERT(kind != Kind::Constant && kind != Kind::Variable,
                   "intern: constants and variables have their own constructors");
    detail::Node n;
    n.kind = kind;
    n.operands = std::move(operands);
    return ctx.impl_->insert(std::move(n));
}

Expr Context::constant(double value) {
    if (value == 0.0)
        value = 0.0; // folds -0.0 into +0.0
    if (std::isnan(value))
        value = std::numeric_limits<double>::quiet_NaN();
    detail::Node n;
    n.kind = Kind::Constant;
    n.value = value;
    return impl_->insert(std::move(n));
}

Expr Context::variable(std::string_view name) {
    std::string key(name);
    if (auto it = impl_->variables_by_name.find(key); it != impl_->variables_by_name.end())
        return it->second;
    detail::Node n;
    n.kind = Kind::Variable;
    n.var_id = static_cast<std::uint32_t>(impl_->variables.size());
    n.name = impl_->names.emplace_back(key);
    n.vars.assign(n.var_id / 64 + 1, 0);
    n.vars[n.var_id / 64] = std::uint64_t{1} << (n.var_id % 64);
    Expr e = impl_->insert(std::move(n));
    impl_->variables.push_back(e);
    impl_->variables_by_name.emplace(std::move(key), e);
    return e;
}

std::size_t Context::variable_count() const {
    return impl_->variables.size();
}

Expr Context::variable_by_id(std::uint32_t var_id) const {
    RANVIER_ASSERT(var_id < impl_->variables.size(), "variable_by_id: no such variable");
    return impl_->variables[var_id];
}

std::size_t Context::node_count() const {
    return impl_->nodes.size();
}

Expr Context::add(Expr a, Expr b) {
    return add({a, b});
}
Expr Context::add(std::span<const Expr> terms) {
    return detail::simplify_add(*this, terms);
}
Expr Context::sub(Expr a, Expr b) {
    return add(a, neg(b));
}
Expr Context::neg(Expr a) {
    return mul(constant(-1.0), a);
}
Expr Context::mul(Expr a, Expr b) {
    return mul({a, b});
}
Expr Context::mul(std::span<const Expr> factors) {
    return detail::simplify_mul(*this, factors);
}
Expr Context::div(Expr a, Expr b) {
    return mul(a, pow(b, constant(-1.0)));
}
Expr Context::pow(Expr base, Expr exponent) {
    return detail::simplify_pow(*this, base, exponent);
}

Expr Context::call(Kind function, Expr x) {
    RANVIER_ASSERT(is_unary_function(function), "call: not a unary function");
    return detail::simplify_unary(*this, function, x);
}

Expr Context::call(Kind function, Expr a, Expr b) {
    RANVIER_ASSERT(is_binary_function(function), "call: not a binary function");
    return detail::simplify_binary(*this, function, a, b);
}

Expr Context::compare(Kind op, Expr a, Expr b) {
    RANVIER_ASSERT(is_comparison(op), "compare: not a comparison");
    return detail::simplify_compare(*this, op, a, b);
}

Expr Context::logical_and(Expr a, Expr b) {
    return detail::simplify_logic(*this, Kind::And, a, b);
}
Expr Context::logical_or(Expr a, Expr b) {
    return detail::simplify_logic(*this, Kind::Or, a, b);
}
Expr Context::logical_not(Expr a) {
    return detail::simplify_not(*this, a);
}

Expr Context::select(Expr cond, Expr if_true, Expr if_false) {
    return detail::simplify_select(*this, cond, if_true, if_false);
}

Expr Context::make(Kind kind, std::span<const Expr> ops) {
    auto need = [&](std::size_t n) {
        RANVIER_ASSERT(ops.size() == n, std::string("make: wrong operand count for ") +
                                            std::string(kind_name(kind)));
    };
    switch (kind) {
    case Kind::Constant:
    case Kind::Variable:
        RANVIER_ASSERT(false, "make: leaves cannot be rebuilt");
        break;
    case Kind::Add:
        return add(ops);
    case Kind::Mul:
        return mul(ops);
    case Kind::Pow:
        need(2);
        return pow(ops[0], ops[1]);
    case Kind::And:
    case Kind::Or:
        need(2);
        return detail::simplify_logic(*this, kind, ops[0], ops[1]);
    case Kind::Not:
        need(1);
        return logical_not(ops[0]);
    case Kind::Select:
        need(3);
        return select(ops[0], ops[1], ops[2]);
    default:
        break;
    }
    if (is_unary_function(kind)) {
        need(1);
        return call(kind, ops[0]);
    }
    need(2);
    if (is_binary_function(kind))
        return call(kind, ops[0], ops[1]);
    return compare(kind, ops[0], ops[1]);
}

} // namespace ranvier::sym
