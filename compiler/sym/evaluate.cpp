// Numeric evaluation of the DAG (evaluate.h): the reference semantics, used by constant folding
// and by the tests that check every rewrite against the original expression.
#include "sym/evaluate.h"

#include "ranvier/kernel/math.h"
#include "support/internal_error.h"

#include <cmath>
#include <string>
#include <unordered_map>

namespace ranvier::sym {

double apply_unary(Kind kind, double x) {
    switch (kind) {
    case Kind::Exp:
        return std::exp(x);
    case Kind::Log:
        return std::log(x);
    case Kind::Log10:
        return std::log10(x);
    case Kind::Sqrt:
        return std::sqrt(x);
    case Kind::Sin:
        return std::sin(x);
    case Kind::Cos:
        return std::cos(x);
    case Kind::Tan:
        return std::tan(x);
    case Kind::Sinh:
        return std::sinh(x);
    case Kind::Cosh:
        return std::cosh(x);
    case Kind::Tanh:
        return std::tanh(x);
    case Kind::Asin:
        return std::asin(x);
    case Kind::Acos:
        return std::acos(x);
    case Kind::Atan:
        return std::atan(x);
    case Kind::Fabs:
        return std::fabs(x);
    case Kind::Floor:
        return std::floor(x);
    case Kind::Ceil:
        return std::ceil(x);
    case Kind::Exprelr:
        return kernel::exprelr(x);
    case Kind::ExprelrD1:
        return kernel::exprelr_d1(x);
    case Kind::Not:
        return x == 0.0 ? 1.0 : 0.0;
    default:
        break;
    }
    RANVIER_ASSERT(false,
                   std::string("apply_unary: not a unary kind: ") + std::string(kind_name(kind)));
    return 0.0;
}

double apply_binary(Kind kind, double a, double b) {
    auto truth = [](bool t) { return t ? 1.0 : 0.0; };
    switch (kind) {
    case Kind::Lookup: // the table's values arrive at run time
    case Kind::LookupSlope:
        return std::nan("");
    case Kind::Atan2:
        return std::atan2(a, b);
    case Kind::Fmin:
        return std::fmin(a, b);
    case Kind::Fmax:
        return std::fmax(a, b);
    case Kind::Lt:
        return truth(a < b);
    case Kind::Le:
        return truth(a <= b);
    case Kind::Gt:
        return truth(a > b);
    case Kind::Ge:
        return truth(a >= b);
    case Kind::Eq:
        return truth(a == b);
    case Kind::Ne:
        return truth(a != b);
    case Kind::And:
        return truth(a != 0.0 && b != 0.0);
    case Kind::Or:
        return truth(a != 0.0 || b != 0.0);
    default:
        break;
    }
    RANVIER_ASSERT(false,
                   std::string("apply_binary: not a binary kind: ") + std::string(kind_name(kind)));
    return 0.0;
}

namespace {

class Evaluator {
  public:
    explicit Evaluator(const std::vector<double>& values) : values_(values) {}

    double operator()(Expr e) {
        if (auto it = memo_.find(e.node()); it != memo_.end())
            return it->second;
        double v = compute(e);
        memo_.emplace(e.node(), v);
        return v;
    }

  private:
    double compute(Expr e) {
        switch (e.kind()) {
        case Kind::Constant:
            return e.value();
        case Kind::Variable:
            RANVIER_ASSERT(e.var_id() < values_.size(),
                           "evaluate: no value for variable " + std::string(e.name()));
            return values_[e.var_id()];
        case Kind::Add: {
            double sum = 0.0;
            for (Expr t : e.operands())
                sum += (*this)(t);
            return sum;
        }
        case Kind::Mul: {
            double product = 1.0;
            for (Expr f : e.operands())
                product *= (*this)(f);
            return product;
        }
        case Kind::Pow:
            return std::pow((*this)(e.operand(0)), (*this)(e.operand(1)));
        case Kind::Select:
            return (*this)(e.operand(0)) != 0.0 ? (*this)(e.operand(1)) : (*this)(e.operand(2));
        default:
            break;
        }
        if (e.arity() == 1)
            return apply_unary(e.kind(), (*this)(e.operand(0)));
        return apply_binary(e.kind(), (*this)(e.operand(0)), (*this)(e.operand(1)));
    }

    const std::vector<double>& values_;
    std::unordered_map<const detail::Node*, double> memo_;
};

} // namespace

double evaluate(Expr e, const std::vector<double>& values_by_variable_id) {
    return Evaluator(values_by_variable_id)(e);
}

} // namespace ranvier::sym
