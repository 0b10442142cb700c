// Kind tables and the per-node queries of the expression DAG (expr.h).
#include "sym/expr.h"

#include "support/internal_error.h"

namespace ranvier::sym {

bool is_unary_function(Kind kind) {
    return kind >= Kind::Exp && kind <= Kind::ExprelrD1;
}

bool is_binary_function(Kind kind) {
    return kind >= Kind::Atan2 && kind <= Kind::LookupSlope;
}

bool is_comparison(Kind kind) {
    return kind >= Kind::Lt && kind <= Kind::Ne;
}

bool is_logical(Kind kind) {
    return kind == Kind::And || kind == Kind::Or || kind == Kind::Not;
}

std::string_view kind_name(Kind kind) {
    switch (kind) {
    case Kind::Constant:
        return "constant";
    case Kind::Variable:
        return "variable";
    case Kind::Add:
        return "+";
    case Kind::Mul:
        return "*";
    case Kind::Pow:
        return "pow";
    case Kind::Exp:
        return "exp";
    case Kind::Log:
        return "log";
    case Kind::Log10:
        return "log10";
    case Kind::Sqrt:
        return "sqrt";
    case Kind::Sin:
        return "sin";
    case Kind::Cos:
        return "cos";
    case Kind::Tan:
        return "tan";
    case Kind::Sinh:
        return "sinh";
    case Kind::Cosh:
        return "cosh";
    case Kind::Tanh:
        return "tanh";
    case Kind::Asin:
        return "asin";
    case Kind::Acos:
        return "acos";
    case Kind::Atan:
        return "atan";
    case Kind::Fabs:
        return "fabs";
    case Kind::Floor:
        return "floor";
    case Kind::Ceil:
        return "ceil";
    case Kind::Exprelr:
        return "exprelr";
    case Kind::ExprelrD1:
        return "exprelr_d1";
    case Kind::Atan2:
        return "atan2";
    case Kind::Fmin:
        return "fmin";
    case Kind::Fmax:
        return "fmax";
    case Kind::Lookup:
        return "table_lookup";
    case Kind::LookupSlope:
        return "table_slope";
    case Kind::Lt:
        return "<";
    case Kind::Le:
        return "<=";
    case Kind::Gt:
        return ">";
    case Kind::Ge:
        return ">=";
    case Kind::Eq:
        return "==";
    case Kind::Ne:
        return "!=";
    case Kind::And:
        return "&&";
    case Kind::Or:
        return "||";
    case Kind::Not:
        return "!";
    case Kind::Select:
        return "select";
    }
    return "?";
}

bool depends_on(Expr f, Expr var) {
    RANVIER_ASSERT(var.is_variable(), "depends_on: the second argument must be a variable");
    const auto& bits = f.node()->vars;
    std::uint32_t word = var.var_id() / 64;
    return word < bits.size() && ((bits[word] >> (var.var_id() % 64)) & 1u) != 0;
}

bool is_boolean_valued(Expr e) {
    return is_comparison(e.kind()) || is_logical(e.kind()) || e.is_constant(0.0) ||
           e.is_constant(1.0);
}

} // namespace ranvier::sym
