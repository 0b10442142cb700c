// The expression DAG of the symbolic stage (pipeline stage 5). Nodes are immutable and
// hash-consed by a Context (context.h), so an `Expr` is just a pointer to an interned node and two
// structurally equal expressions are the same pointer. Subtrees are shared, which is what keeps
// Jacobians (where d(f)/dy reuses most of f) small.
//
// Every node evaluates to a double. Comparisons and logic yield 1.0 / 0.0 and treat any non-zero
// operand as true, as C does; select(c, a, b) is C's `c ? a : b`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace ranvier::sym {

enum class Kind : std::uint8_t {
    Constant,
    Variable,
    // n-ary, canonical (see simplify.h): Add is a sum of terms, Mul a coefficient times factors
    Add,
    Mul,
    Pow,
    // unary functions
    Exp,
    Log,
    Log10,
    Sqrt,
    Sin,
    Cos,
    Tan,
    Sinh,
    Cosh,
    Tanh,
    Asin,
    Acos,
    Atan,
    Fabs,
    Floor,
    Ceil,
    Exprelr,   // x / (exp(x) - 1), 1 at x = 0
    ExprelrD1, // d/dx exprelr(x), -1/2 at x = 0
    // binary functions
    Atan2,
    Fmin,
    Fmax,
    Lookup,      // lookup(k, x): FUNCTION_TABLE k, interpolated at x (tables come at run time)
    LookupSlope, // d/dx lookup(k, x): the slope of the table's segment at x
    // comparisons
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    // logic
    And,
    Or,
    Not,
    Select,
};

bool is_unary_function(Kind kind);
bool is_binary_function(Kind kind);
bool is_comparison(Kind kind);
// And, Or, Not.
bool is_logical(Kind kind);
// The C spelling: "exp", "exprelr_d1", "+", "<", "&&", "select", ...
std::string_view kind_name(Kind kind);

namespace detail {
struct Node;
}

// A handle to an interned node: cheap to copy, compared by identity (which, thanks to
// hash-consing, is structural equality within one Context). Null only when default-constructed.
class Expr {
  public:
    Expr() = default;
    explicit Expr(const detail::Node* node) : node_(node) {}

    bool is_null() const { return node_ == nullptr; }
    const detail::Node* node() const { return node_; }

    Kind kind() const;
    // Creation order within the Context: deterministic, and the order of commutative operands.
    std::uint32_t id() const;
    std::span<const Expr> operands() const;
    Expr operand(std::size_t i) const { return operands()[i]; }
    std::size_t arity() const { return operands().size(); }

    double value() const;          // Constant only
    std::string_view name() const; // Variable only
    std::uint32_t var_id() const;  // Variable only: 0, 1, 2, ... in creation order

    bool is_constant() const { return kind() == Kind::Constant; }
    bool is_constant(double v) const { return is_constant() && value() == v; }
    bool is_variable() const { return kind() == Kind::Variable; }

    friend bool operator==(Expr a, Expr b) = default;

  private:
    const detail::Node* node_ = nullptr;
};

namespace detail {

// Owned by the Context's arena; never mutated after interning.
struct Node {
    Kind kind = Kind::Constant;
    std::uint32_t id = 0;
    double value = 0.0;       // Constant
    std::uint32_t var_id = 0; // Variable
    std::string_view name;    // Variable; the string lives in the Context
    std::vector<Expr> operands;
    // Bit i set iff the node depends on the variable with var_id i: the memo behind depends_on,
    // computed once at interning as the union of the operands' sets.
    std::vector<std::uint64_t> vars;
    std::size_t hash = 0;
};

} // namespace detail

inline Kind Expr::kind() const {
    return node_->kind;
}
inline std::uint32_t Expr::id() const {
    return node_->id;
}
inline std::span<const Expr> Expr::operands() const {
    return node_->operands;
}
inline double Expr::value() const {
    return node_->value;
}
inline std::string_view Expr::name() const {
    return node_->name;
}
inline std::uint32_t Expr::var_id() const {
    return node_->var_id;
}

// True iff `f` mentions the variable `var`. O(1): reads the set stored in the node, which is what
// makes Jacobian structure detection (one query per (f_i, y_j) pair) cheap.
bool depends_on(Expr f, Expr var);

// True for comparisons, logic and the constants 0 and 1: the values C's `!` and `&&` produce.
bool is_boolean_valued(Expr e);

// Orders by creation id: the deterministic order used wherever Exprs are sorted.
struct ExprIdLess {
    bool operator()(Expr a, Expr b) const { return a.id() < b.id(); }
};

} // namespace ranvier::sym

template <> struct std::hash<ranvier::sym::Expr> {
    std::size_t operator()(ranvier::sym::Expr e) const noexcept {
        return std::hash<const void*>{}(e.node());
    }
};
