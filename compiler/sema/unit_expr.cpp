// The units checker's expression rules (see unit_checker.h; the passes that call them are in
// unit_check.cpp): the unit of each kind of expression, of calls to FUNCTIONs and to the builtin
// maths functions, and the checks that sums, comparisons and powers make.
// One deliberate departure from a strict SI check, to match NEURON: a bare number is
// unit-polymorphic. It takes the unit of what it is added to or compared with, and is
// dimensionless in products. A power of ten may be a conversion factor, as in
// `-(1e4)*ica/(2*FARADAY*depth)`, so it leaves the product's factor unchecked (modlunit tells
// conversion factors by their parentheses, which the AST does not keep).
#include "sema/unit_checker.h"

#include "sema/units.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::sema::detail {

namespace {

// 10, 1e4, 0.001: a number that may be a unit conversion rather than a quantity. Zero too,
// since it scales away any factor.
bool may_be_conversion(std::optional<double> number) {
    if (!number)
        return true;
    double magnitude = std::fabs(*number);
    if (magnitude == 0.0)
        return true;
    double decades = std::log10(magnitude);
    return magnitude != 1.0 && std::fabs(decades - std::round(decades)) < 1e-9;
}

// The value of an exponent written as a constant: 2, -1, +3, 0.5.
std::optional<double> literal_exponent(const ast::Expr& expr) {
    if (const auto* n = ast::dyn_cast<ast::NumberExpr>(&expr)) {
        if (n->unit)
            return std::nullopt;
        return n->number.value;
    }
    if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(&expr)) {
        if (u->op == ast::UnaryOp::Not)
            return std::nullopt;
        std::optional<double> inner = literal_exponent(*u->operand);
        if (inner && u->op == ast::UnaryOp::Neg)
            return -*inner;
        return inner;
    }
    return std::nullopt;
}

std::optional<MathRule> math_rule(const std::string& name) {
    static const std::map<std::string, MathRule, std::less<>> kRules = {
        {"exp", MathRule::Dimensionless},   {"expm1", MathRule::Dimensionless},
        {"log", MathRule::Dimensionless},   {"log10", MathRule::Dimensionless},
        {"log1p", MathRule::Dimensionless}, {"log2", MathRule::Dimensionless},
        {"sin", MathRule::Dimensionless},   {"cos", MathRule::Dimensionless},
        {"tan", MathRule::Dimensionless},   {"asin", MathRule::Dimensionless},
        {"acos", MathRule::Dimensionless},  {"atan", MathRule::Dimensionless},
        {"sinh", MathRule::Dimensionless},  {"cosh", MathRule::Dimensionless},
        {"tanh", MathRule::Dimensionless},  {"exprelr", MathRule::Dimensionless},
        {"erf", MathRule::Dimensionless},   {"erfc", MathRule::Dimensionless},
        {"fabs", MathRule::Same},           {"floor", MathRule::Same},
        {"ceil", MathRule::Same},           {"sqrt", MathRule::SquareRoot},
        {"pow", MathRule::Power},           {"atan2", MathRule::Atan2},
        {"fmin", MathRule::Pair},           {"fmax", MathRule::Pair},
        {"fmod", MathRule::Pair},
    };
    auto it = kRules.find(name);
    if (it == kRules.end())
        return std::nullopt;
    return it->second;
}

} // namespace

Value UnitChecker::eval(const ast::Expr& expr) {
    switch (expr.kind) {
    case ast::ExprKind::Number: {
        const auto& n = ast::cast<ast::NumberExpr>(expr);
        if (!n.unit)
            return literal(n.number.value);
        std::optional<Unit> unit = parse(*n.unit);
        return unit ? known(*unit, n.unit->text) : unknown();
    }
    case ast::ExprKind::String:
        return unknown();
    case ast::ExprKind::Var:
        return eval_var(ast::cast<ast::VarExpr>(expr));
    case ast::ExprKind::Call:
        return eval_call(ast::cast<ast::CallExpr>(expr));
    case ast::ExprKind::Unary: {
        const auto& u = ast::cast<ast::UnaryExpr>(expr);
        Value operand = eval(*u.operand);
        if (u.op == ast::UnaryOp::Not)
            return literal();
        if (u.op == ast::UnaryOp::Neg && operand.number)
            operand.number = -*operand.number;
        return operand;
    }
    case ast::ExprKind::Binary:
        return eval_binary(ast::cast<ast::BinaryExpr>(expr));
    }
    return unknown();
}

Value UnitChecker::eval_var(const ast::VarExpr& var) {
    if (var.index)
        eval(*var.index);
    Value value = lookup(var.name.name);
    if (var.primes == 0 || !value.known() || !time_.known()) {
        return var.primes == 0 || value.literal() ? value : unknown();
    }
    // Spelled "mM/ms" for messages; "mA/cm2/ms" reads right since '/' divides all that follows.
    bool plain = value.unit.dimensionless() && same_factor(value.unit.factor, 1.0);
    std::string base = value.text.empty() && plain ? "1" : value.text;
    std::string text;
    if (!base.empty() && !time_.text.empty()) {
        text = base + "/" + time_.text + (var.primes > 1 ? std::to_string(var.primes) : "");
    }
    return known(value.unit / pow(time_.unit, var.primes), text);
}

Value UnitChecker::eval_binary(const ast::BinaryExpr& binary) {
    using Op = ast::BinaryOp;
    Value a = eval(*binary.lhs);
    Value b = eval(*binary.rhs);
    switch (binary.op) {
    case Op::Pow:
        return eval_power(a, b, *binary.rhs, binary.range);
    case Op::Add:
    case Op::Sub:
        return combine(a, b, binary.range, std::string("'") + spelling(binary.op) + "'");
    case Op::And:
    case Op::Or:
        return literal();
    case Op::Mul:
    case Op::Div:
        break;
    default: // comparisons
        combine(a, b, binary.range, std::string("'") + spelling(binary.op) + "'");
        return literal();
    }
    if (a.kind == Value::Kind::Unknown || b.kind == Value::Kind::Unknown)
        return unknown();
    if (a.literal() && b.literal())
        return literal();
    bool exact = (a.known() ? a.exact : !may_be_conversion(a.number)) &&
                 (b.known() ? b.exact : !may_be_conversion(b.number));
    Unit ua = a.known() ? a.unit : Unit{};
    Unit ub = b.known() ? b.unit : Unit{};
    // A number leaves the unit as written: 2*v is still in (mV), up to a conversion factor
    // that `exact` accounts for.
    std::string text = b.literal() ? a.text : a.literal() && binary.op == Op::Mul ? b.text : "";
    return known(binary.op == Op::Mul ? ua * ub : ua / ub, text, exact);
}

// Checks that two values may be added or compared; returns the sum's value.
Value UnitChecker::combine(const Value& a, const Value& b, SourceRange range,
                           const std::string& what) {
    if (a.kind == Value::Kind::Unknown || b.kind == Value::Kind::Unknown)
        return unknown();
    if (a.literal())
        return b;
    if (b.literal())
        return a;
    Fit f = fit(a, b);
    if (f == Fit::Dimension) {
        if (report(range, "unit mismatch in " + what + ": " + show(a) + " and " + show(b))) {
            explain(range, a, b);
        }
        return unknown();
    }
    if (f == Fit::Factor) {
        report(range, "conversion factor needed in " + what + ": " + show(b) + " is " +
                          describe(Unit{b.unit.factor / a.unit.factor, {}}) + " times " + show(a));
        return unknown();
    }
    return known(a.unit, a.text == b.text ? a.text : std::string(), a.exact && b.exact);
}

void UnitChecker::require_dimensionless(const Value& value, SourceRange range,
                                        const std::string& what) {
    if (!value.known())
        return;
    if (!value.unit.dimensionless()) {
        report(range, what + " must be dimensionless, not " + show(value));
    } else if (value.exact && !same_factor(value.unit.factor, 1.0)) {
        report(range, "conversion factor needed: " + what + " is a pure number only once " +
                          "multiplied by " + describe(value.unit));
    }
}

Value UnitChecker::eval_power(const Value& base, const Value& power, const ast::Expr& exponent,
                              SourceRange range) {
    // A constant exponent raises the unit to that power: m^2, (cm2)^0.5 = cm, s^-1.
    std::optional<double> constant = literal_exponent(exponent);
    std::optional<Unit> raised;
    if (constant && std::fabs(*constant) <= 64 && base.known()) {
        Unit unit{std::pow(base.unit.factor, *constant), {}};
        bool whole = true;
        for (std::size_t i = 0; i < unit.exponents.size(); ++i) {
            double e = base.unit.exponents[i] * *constant;
            whole = whole && e == std::round(e);
            unit.exponents[i] = static_cast<int>(std::round(e));
        }
        if (whole)
            raised = unit;
    }
    if (!constant)
        require_dimensionless(power, exponent.range, "the exponent of '^'");
    if (base.kind == Value::Kind::Unknown)
        return unknown();
    if (base.literal())
        return literal();
    if (raised)
        return known(*raised, {}, base.exact);
    if (!base.unit.dimensionless()) {
        report(range, "the base of '^' must be dimensionless unless the exponent is a constant, "
                      "not " +
                          show(base));
        return unknown();
    }
    return known(Unit{}, {}, false);
}

Value UnitChecker::eval_call(const ast::CallExpr& call) {
    const std::string& name = call.callee.name;
    auto signature = signatures_.find(name);
    if (signature != signatures_.end())
        return eval_user_call(call, signature->second);
    if (std::optional<MathRule> rule = math_rule(name))
        return eval_math(call, *rule);
    for (const ast::ExprPtr& arg : call.args)
        eval(*arg);
    return unknown();
}

Value UnitChecker::eval_user_call(const ast::CallExpr& call, const Signature& signature) {
    bool arity_ok = call.args.size() == signature.formals.size();
    for (std::size_t i = 0; i < call.args.size(); ++i) {
        Value arg = eval(*call.args[i]);
        if (!arity_ok)
            continue; // the arity error belongs to the name checks
        const auto& [formal, target] = signature.formals[i];
        std::string subject = "argument " + std::to_string(i + 1) + " of '" + call.callee.name +
                              "' in " + show(arg) + " where '" + formal + "' is in " + show(target);
        Fit f = fit(target, arg);
        if (f == Fit::Dimension) {
            report(call.args[i]->range, "unit mismatch: " + subject);
        } else if (f == Fit::Factor) {
            report(call.args[i]->range,
                   "conversion factor needed: " + subject + "; multiply the argument by " +
                       describe(Unit{arg.unit.factor / target.unit.factor, {}}));
        }
    }
    return signature.result;
}

Value UnitChecker::eval_math(const ast::CallExpr& call, MathRule rule) {
    std::vector<Value> args;
    for (const ast::ExprPtr& arg : call.args)
        args.push_back(eval(*arg));
    std::size_t arity =
        rule == MathRule::Power || rule == MathRule::Atan2 || rule == MathRule::Pair ? 2 : 1;
    if (args.size() != arity)
        return unknown();
    const std::string what = "the argument of '" + call.callee.name + "'";
    switch (rule) {
    case MathRule::Dimensionless:
        require_dimensionless(args[0], call.args[0]->range, what);
        return args[0].literal() ? literal() : dimensionless();
    case MathRule::Same:
        return args[0];
    case MathRule::SquareRoot: {
        if (!args[0].known())
            return args[0];
        Unit root{std::sqrt(args[0].unit.factor), {}};
        for (std::size_t i = 0; i < root.exponents.size(); ++i) {
            if (args[0].unit.exponents[i] % 2 != 0)
                return unknown();
            root.exponents[i] = args[0].unit.exponents[i] / 2;
        }
        return known(root, {}, args[0].exact);
    }
    case MathRule::Power:
        return eval_power(args[0], args[1], *call.args[1], call.range);
    case MathRule::Atan2:
        combine(args[0], args[1], call.range, "'" + call.callee.name + "'");
        return args[0].literal() && args[1].literal() ? literal() : dimensionless();
    case MathRule::Pair:
        return combine(args[0], args[1], call.range, "'" + call.callee.name + "'");
    }
    return unknown();
}

} // namespace ranvier::sema::detail
