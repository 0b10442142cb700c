// The units checker's insides, private to compiler/sema: the value the checker computes for an
// expression, the small rules shared by its passes, and the UnitChecker class itself.
// unit_check.cpp holds the entry point and the module, declaration and statement passes;
// unit_expr.cpp holds the expression rules. The public interface is unit_check.h.
#pragma once

#include "sema/unit_check.h"
#include "sema/units.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ranvier::sema::detail {

// What the checker knows of an expression's unit.
struct Value {
    enum class Kind { Unknown, Literal, Known };
    Kind kind = Kind::Unknown;
    Unit unit;                    // Known only
    bool exact = true;            // Known: the factor is meaningful (no conversion factor hid it)
    std::string text;             // the unit as written, when the value has one ("mA/cm2")
    std::optional<double> number; // Literal: its value, when it is one number

    bool known() const { return kind == Kind::Known; }
    bool literal() const { return kind == Kind::Literal; }
};

inline Value unknown() {
    return {};
}

inline Value literal(std::optional<double> number = std::nullopt) {
    Value v;
    v.kind = Value::Kind::Literal;
    v.number = number;
    return v;
}

// Amounts of substance are not tracked, a deliberate departure from a strict SI check to match
// NEURON: it writes concentrations as (milli/liter) and FARADAY in coulombs, so the mol exponent
// is dropped when a unit enters the checker.
inline Value known(Unit unit, std::string text = {}, bool exact = true) {
    unit.exponent(BaseDim::Mole) = 0; // NEURON's convention: moles do not appear in units
    Value v;
    v.kind = Value::Kind::Known;
    v.unit = unit;
    v.exact = exact;
    v.text = std::move(text);
    return v;
}

inline Value dimensionless() {
    return known(Unit{});
}

// A value's unit for messages: as written when it was written, else computed; a factor that a
// conversion literal made meaningless is left out.
inline std::string show(const Value& v) {
    if (!v.text.empty())
        return "(" + v.text + ")";
    return "(" + (v.exact ? describe(v.unit) : v.unit.dimension_string()) + ")";
}

enum class Fit { Ok, Dimension, Factor };

// Whether `value` may stand where `target` is expected.
inline Fit fit(const Value& target, const Value& value) {
    if (!target.known() || !value.known())
        return Fit::Ok;
    if (!target.unit.same_dimension(value.unit))
        return Fit::Dimension;
    if (target.exact && value.exact && !same_factor(target.unit.factor, value.unit.factor)) {
        return Fit::Factor;
    }
    return Fit::Ok;
}

// How builtin maths functions treat units.
enum class MathRule { Dimensionless, Same, SquareRoot, Power, Atan2, Pair };

struct Signature {
    std::vector<std::pair<std::string, Value>> formals;
    Value result; // Unknown for PROCEDUREs
};

struct Slot {
    Value value;
    bool local = false; // a LOCAL or formal: its unit follows assignments
};
using Scope = std::map<std::string, Slot, std::less<>>;

class UnitChecker {
  public:
    UnitChecker(DiagnosticEngine& diags, UnitsMode mode)
        : diags_(diags), mode_(mode), table_(UnitTable::builtin()) {
        scopes_.emplace_back(); // module-level LOCALs
    }

    void run(const ast::Module& module) {
        read_units(module);
        read_declarations(module);
        add_neuron_variables();
        time_ = lookup(independent_.empty() ? "t" : independent_);
        check_bodies(module);
    }

  private:
    // Pass 1 (unit_check.cpp) --------------------------------------------------------------
    void read_units(const ast::Module& module);
    void read_units_entry(const ast::UnitsEntry& entry);

    // Pass 2 (unit_check.cpp) --------------------------------------------------------------
    void read_declarations(const ast::Module& module);
    void declare(const std::string& name, const std::optional<ast::UnitText>& unit);
    void read_neuron(const ast::NeuronItem& neuron);
    void read_signature(const ast::CallableItem& callable);
    void add_neuron_variables();

    // Pass 3 (unit_check.cpp) --------------------------------------------------------------
    void check_bodies(const ast::Module& module);
    void check_callable(const ast::CallableItem& callable);
    void check_block(const ast::Block& block, Scope scope = {});
    void check_stmt(const ast::Stmt& stmt);
    void check_assign(const ast::AssignStmt& assign);
    void check_reaction(const ast::ReactionStmt& reaction);

    // Expressions (unit_expr.cpp) ----------------------------------------------------------
    Value eval(const ast::Expr& expr);
    Value eval_var(const ast::VarExpr& var);
    Value eval_binary(const ast::BinaryExpr& binary);
    Value eval_power(const Value& base, const Value& power, const ast::Expr& exponent,
                     SourceRange range);
    Value eval_call(const ast::CallExpr& call);
    Value eval_math(const ast::CallExpr& call, MathRule rule);
    Value eval_user_call(const ast::CallExpr& call, const Signature& signature);
    Value combine(const Value& a, const Value& b, SourceRange range, const std::string& what);
    void require_dimensionless(const Value& value, SourceRange range, const std::string& what);

    // Names and units (the scope walks here, the rest in unit_check.cpp) -------------------
    Value lookup(std::string_view name) {
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            auto it = scope->find(name);
            if (it != scope->end())
                return it->second.value;
        }
        auto it = globals_.find(name);
        return it == globals_.end() ? unknown() : it->second;
    }

    Slot* find_slot(std::string_view name) {
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            auto it = scope->find(name);
            if (it != scope->end())
                return &it->second;
        }
        return nullptr;
    }

    std::optional<Unit> parse(const ast::UnitText& unit);
    Value declared(const std::optional<ast::UnitText>& unit);
    bool report(SourceRange range, std::string message);
    void explain(SourceRange range, const Value& a, const Value& b);

    DiagnosticEngine& diags_;
    UnitsMode mode_;
    UnitTable table_;
    bool units_on_ = true;
    bool point_process_ = false;
    std::vector<std::string> ions_;
    std::vector<std::string> currents_;
    std::map<std::string, Value, std::less<>> globals_;
    std::map<std::string, bool, std::less<>> has_unit_text_;
    std::map<std::string, Signature, std::less<>> signatures_;
    std::vector<Scope> scopes_;
    std::string independent_; // the INDEPENDENT variable, when declared (NEURON's is t)
    Value time_;              // its unit, for x'
};

} // namespace ranvier::sema::detail
