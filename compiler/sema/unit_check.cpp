// The units checker (see unit_check.h). Three passes over the module and its INCLUDEs:
//   1. UNITS blocks: aliases extend the unit table, named constants get their units;
//   2. declarations: every declared name, FUNCTION signature and NEURON-supplied variable gets
//      a unit (a declaration without unit text is dimensionless, as in modlunit);
//   3. bodies, in file order so that UNITSOFF/UNITSON regions are followed: each expression's
//      unit is computed and assignments, sums, comparisons and arguments are checked.
// Two deliberate departures from a strict SI check, both to match NEURON:
//   - amounts of substance are not tracked: NEURON writes concentrations as (milli/liter) and
//     FARADAY in coulombs, so the mol exponent is dropped when a unit enters the checker;
//   - a bare number is unit-polymorphic: it takes the unit of what it is added to or compared
//     with, and is dimensionless in products. A power of ten may be a conversion factor, as in
//     `-(1e4)*ica/(2*FARADAY*depth)`, so it leaves the product's factor unchecked (modlunit
//     tells conversion factors by their parentheses, which the AST does not keep).
// Locals follow modlunit too: a LOCAL (or a formal) takes the unit of the value last assigned
// to it, in text order. Whatever cannot be resolved (undeclared names, unknown calls,
// VERBATIM) is skipped silently.
#include "sema/unit_check.h"

#include "sema/units.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::sema {

namespace {

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

Value unknown() { return {}; }

Value literal(std::optional<double> number = std::nullopt) {
    Value v;
    v.kind = Value::Kind::Literal;
    v.number = number;
    return v;
}

Value known(Unit unit, std::string text = {}, bool exact = true) {
    unit.exponent(BaseDim::Mole) = 0; // NEURON's convention: moles do not appear in units
    Value v;
    v.kind = Value::Kind::Known;
    v.unit = unit;
    v.exact = exact;
    v.text = std::move(text);
    return v;
}

Value dimensionless() { return known(Unit{}); }

// A value's unit for messages: as written when it was written, else computed; a factor that a
// conversion literal made meaningless is left out.
std::string show(const Value& v) {
    if (!v.text.empty()) return "(" + v.text + ")";
    return "(" + (v.exact ? describe(v.unit) : v.unit.dimension_string()) + ")";
}

// 10, 1e4, 0.001: a number that may be a unit conversion rather than a quantity. Zero too,
// since it scales away any factor.
bool may_be_conversion(std::optional<double> number) {
    if (!number) return true;
    double magnitude = std::fabs(*number);
    if (magnitude == 0.0) return true;
    double decades = std::log10(magnitude);
    return magnitude != 1.0 && std::fabs(decades - std::round(decades)) < 1e-9;
}

// The value of an exponent written as a constant: 2, -1, +3, 0.5.
std::optional<double> literal_exponent(const ast::Expr& expr) {
    if (const auto* n = ast::dyn_cast<ast::NumberExpr>(&expr)) {
        if (n->unit) return std::nullopt;
        return n->number.value;
    }
    if (const auto* u = ast::dyn_cast<ast::UnaryExpr>(&expr)) {
        if (u->op == ast::UnaryOp::Not) return std::nullopt;
        std::optional<double> inner = literal_exponent(*u->operand);
        if (inner && u->op == ast::UnaryOp::Neg) return -*inner;
        return inner;
    }
    return std::nullopt;
}

enum class Fit { Ok, Dimension, Factor };

// Whether `value` may stand where `target` is expected.
Fit fit(const Value& target, const Value& value) {
    if (!target.known() || !value.known()) return Fit::Ok;
    if (!target.unit.same_dimension(value.unit)) return Fit::Dimension;
    if (target.exact && value.exact && !same_factor(target.unit.factor, value.unit.factor)) {
        return Fit::Factor;
    }
    return Fit::Ok;
}

// How builtin maths functions treat units.
enum class MathRule { Dimensionless, Same, SquareRoot, Power, Atan2, Pair };

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
    if (it == kRules.end()) return std::nullopt;
    return it->second;
}

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
    // Pass 1 -------------------------------------------------------------------------------
    void read_units(const ast::Module& module) {
        for (const ast::ItemPtr& item : module.items) {
            if (const auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
                if (include->included) read_units(*include->included);
            } else if (const auto* units = ast::dyn_cast<ast::UnitsItem>(item.get())) {
                for (const ast::UnitsEntry& entry : units->entries) read_units_entry(entry);
            }
        }
    }

    void read_units_entry(const ast::UnitsEntry& entry) {
        switch (entry.kind) {
        case ast::UnitsEntryKind::Alias: {
            if (!entry.alias || !entry.unit) return;
            std::optional<Unit> unit = parse(*entry.unit);
            if (unit) {
                table_.define(entry.alias->text, *unit);
            } else {
                table_.poison(entry.alias->text); // one error, at the definition
            }
            return;
        }
        case ast::UnitsEntryKind::NamedUnit: {
            if (!entry.name || !entry.unit) return;
            std::optional<Unit> unit = parse(*entry.unit);
            std::optional<Unit> target = entry.target ? parse(*entry.target) : std::nullopt;
            Value value = unknown();
            if (unit && !entry.target) {
                // `PI = (pi)`: the constant is the unit's value in SI base units.
                Unit base = *unit;
                base.factor = 1.0;
                value = known(base);
            } else if (unit && target) {
                value = known(*target, entry.target->text);
                if (fit(value, known(*unit)) == Fit::Dimension) {
                    report(entry.range, "unit mismatch: (" + entry.unit->text + ") cannot be " +
                                            "expressed in (" + entry.target->text + ")");
                }
            }
            globals_[entry.name->name] = value;
            has_unit_text_[entry.name->name] = true;
            return;
        }
        case ast::UnitsEntryKind::NamedNumber:
            // `KTOMV = .0853 (mV/degC)`: the unit is the one the number is expressed in.
            if (!entry.name) return;
            globals_[entry.name->name] = declared(entry.target ? entry.target : entry.unit);
            has_unit_text_[entry.name->name] = true;
            return;
        default: return;
        }
    }

    // Pass 2 -------------------------------------------------------------------------------
    void read_declarations(const ast::Module& module) {
        for (const ast::ItemPtr& item : module.items) {
            const ast::Item* it = item.get();
            if (const auto* include = ast::dyn_cast<ast::IncludeItem>(it)) {
                if (include->included) read_declarations(*include->included);
            } else if (const auto* decls = ast::dyn_cast<ast::DeclItem>(it)) {
                for (const ast::DeclEntry& entry : decls->entries) {
                    if (entry.decl) declare(entry.decl->name.name, entry.decl->unit);
                }
            } else if (const auto* indep = ast::dyn_cast<ast::IndependentItem>(it)) {
                for (const ast::IndependentEntry& entry : indep->entries) {
                    if (entry.name.name.empty()) continue;
                    declare(entry.name.name, entry.unit);
                    if (independent_.empty()) independent_ = entry.name.name;
                }
            } else if (const auto* neuron = ast::dyn_cast<ast::NeuronItem>(it)) {
                read_neuron(*neuron);
            } else if (const auto* callable = ast::dyn_cast<ast::CallableItem>(it)) {
                read_signature(*callable);
            } else if (const auto* define = ast::dyn_cast<ast::DefineItem>(it)) {
                globals_[define->name.name] = literal(define->value.value);
            } else if (const auto* local = ast::dyn_cast<ast::LocalItem>(it)) {
                for (const ast::LocalName& name : local->names) {
                    scopes_.front()[name.name.name] = {literal(), true};
                }
            }
        }
    }

    // The first declaration with unit text wins; without any, the name is dimensionless.
    void declare(const std::string& name, const std::optional<ast::UnitText>& unit) {
        bool& has_text = has_unit_text_[name];
        if (has_text) {
            if (unit) parse(*unit); // still report an unknown unit
            return;
        }
        globals_[name] = declared(unit);
        has_text = unit.has_value();
    }

    void read_neuron(const ast::NeuronItem& neuron) {
        for (const ast::NeuronStmt& stmt : neuron.stmts) {
            switch (stmt.kind) {
            case ast::NeuronStmtKind::PointProcess:
            case ast::NeuronStmtKind::ArtificialCell: point_process_ = true; break;
            case ast::NeuronStmtKind::UseIon:
                if (stmt.name) ions_.push_back(stmt.name->name);
                break;
            case ast::NeuronStmtKind::NonspecificCurrent:
            case ast::NeuronStmtKind::ElectrodeCurrent:
                for (const ast::Identifier& name : stmt.names) currents_.push_back(name.name);
                break;
            default: break;
            }
        }
    }

    void read_signature(const ast::CallableItem& callable) {
        Signature signature;
        for (const ast::Formal& formal : callable.formals) {
            signature.formals.emplace_back(formal.name.name, declared(formal.unit));
        }
        bool function = callable.callable_kind == ast::CallableKind::Function ||
                        callable.callable_kind == ast::CallableKind::FunctionTable;
        signature.result = function ? declared(callable.unit) : unknown();
        if (!function && callable.unit) parse(*callable.unit);
        signatures_[callable.name.name] = std::move(signature);
    }

    // NEURON supplies these with fixed units; a declaration with unit text overrides them.
    void add_neuron_variables() {
        std::string current = point_process_ ? "nA" : "mA/cm2";
        std::vector<std::pair<std::string, std::string>> fixed = {
            {"v", "mV"}, {"t", "ms"}, {"dt", "ms"}, {"celsius", "degC"}, {"diam", "um"},
            {"area", "um2"}};
        for (const std::string& ion : ions_) {
            fixed.emplace_back("e" + ion, "mV");
            fixed.emplace_back("i" + ion, current);
            fixed.emplace_back(ion + "i", "mM");
            fixed.emplace_back(ion + "o", "mM");
        }
        for (const std::string& name : currents_) fixed.emplace_back(name, current);
        for (const auto& [name, text] : fixed) {
            if (has_unit_text_[name]) continue;
            std::string error;
            std::optional<Unit> unit = table_.parse(text, error);
            globals_[name] = unit ? known(*unit, text) : unknown();
        }
    }

    // Pass 3 -------------------------------------------------------------------------------
    void check_bodies(const ast::Module& module) {
        for (const ast::ItemPtr& item : module.items) {
            const ast::Item* it = item.get();
            if (const auto* include = ast::dyn_cast<ast::IncludeItem>(it)) {
                if (include->included) check_bodies(*include->included);
            } else if (const auto* sw = ast::dyn_cast<ast::UnitsSwitchItem>(it)) {
                units_on_ = sw->on;
            } else if (const auto* decls = ast::dyn_cast<ast::DeclItem>(it)) {
                for (const ast::DeclEntry& entry : decls->entries) {
                    if (entry.units_on) units_on_ = *entry.units_on;
                }
            } else if (const auto* units = ast::dyn_cast<ast::UnitsItem>(it)) {
                for (const ast::UnitsEntry& entry : units->entries) {
                    if (entry.kind == ast::UnitsEntryKind::UnitsOn) units_on_ = true;
                    if (entry.kind == ast::UnitsEntryKind::UnitsOff) units_on_ = false;
                }
            } else if (const auto* neuron = ast::dyn_cast<ast::NeuronItem>(it)) {
                for (const ast::NeuronStmt& stmt : neuron->stmts) {
                    if (stmt.kind == ast::NeuronStmtKind::UnitsOn) units_on_ = true;
                    if (stmt.kind == ast::NeuronStmtKind::UnitsOff) units_on_ = false;
                }
            } else if (const auto* proc = ast::dyn_cast<ast::ProceduralItem>(it)) {
                check_block(proc->body);
            } else if (const auto* named = ast::dyn_cast<ast::NamedItem>(it)) {
                check_block(named->body);
            } else if (const auto* ba = ast::dyn_cast<ast::BeforeAfterItem>(it)) {
                check_block(ba->body);
            } else if (const auto* callable = ast::dyn_cast<ast::CallableItem>(it)) {
                check_callable(*callable);
            }
        }
    }

    void check_callable(const ast::CallableItem& callable) {
        if (!callable.body) return;
        Scope scope;
        const Signature& signature = signatures_[callable.name.name];
        // Formals start with their declared units but, as in modlunit, an assignment gives
        // them new ones like a LOCAL's (NET_RECEIVE's `w = weight*...` is the common case).
        for (const auto& [name, value] : signature.formals) scope[name] = {value, true};
        if (signature.result.known()) scope[callable.name.name] = {signature.result, false};
        check_block(*callable.body, std::move(scope));
    }

    void check_block(const ast::Block& block, Scope scope = {}) {
        scopes_.push_back(std::move(scope));
        for (const ast::StmtPtr& stmt : block.stmts) check_stmt(*stmt);
        scopes_.pop_back();
    }

    void check_stmt(const ast::Stmt& stmt);
    void check_assign(const ast::AssignStmt& assign);
    void check_reaction(const ast::ReactionStmt& reaction);

    // Expressions --------------------------------------------------------------------------
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

    // Names and units ----------------------------------------------------------------------
    Value lookup(std::string_view name) {
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            auto it = scope->find(name);
            if (it != scope->end()) return it->second.value;
        }
        auto it = globals_.find(name);
        return it == globals_.end() ? unknown() : it->second;
    }

    Slot* find_slot(std::string_view name) {
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            auto it = scope->find(name);
            if (it != scope->end()) return &it->second;
        }
        return nullptr;
    }

    // Unknown unit names are reported whatever UNITSOFF says: a unit nobody can read is a
    // typo, not a style choice. Like mismatches they are errors only with --units=strict,
    // since NEURON's translator accepts them (ModelDB files write `(mv)`).
    std::optional<Unit> parse(const ast::UnitText& unit) {
        std::string error;
        std::optional<Unit> result = table_.parse(unit.text, error);
        if (!result && !error.empty()) {
            if (mode_ == UnitsMode::Strict) {
                diags_.error(unit.range, error);
            } else {
                diags_.warning(unit.range, error);
            }
        }
        return result;
    }

    Value declared(const std::optional<ast::UnitText>& unit) {
        if (!unit) return dimensionless();
        std::optional<Unit> parsed = parse(*unit);
        return parsed ? known(*parsed, unit->text) : unknown();
    }

    // A mismatch: a warning or an error by mode, nothing inside UNITSOFF. Returns whether it
    // was reported, so that a note can follow.
    bool report(SourceRange range, std::string message) {
        if (!units_on_) return false;
        if (mode_ == UnitsMode::Strict) {
            diags_.error(range, std::move(message));
        } else {
            diags_.warning(range, std::move(message));
        }
        return true;
    }

    void explain(SourceRange range, const Value& a, const Value& b) {
        if (a.text.empty() || b.text.empty()) return;
        diags_.note(range, "in SI base units, " + show(a) + " is " + describe(a.unit) + " and " +
                               show(b) + " is " + describe(b.unit));
    }

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

void UnitChecker::check_stmt(const ast::Stmt& stmt) {
    using K = ast::StmtKind;
    switch (stmt.kind) {
    case K::Local:
        for (const ast::LocalName& name : ast::cast<ast::LocalStmt>(stmt).names) {
            scopes_.back()[name.name.name] = {literal(), true};
        }
        return;
    case K::Assign: check_assign(ast::cast<ast::AssignStmt>(stmt)); return;
    case K::Reaction: check_reaction(ast::cast<ast::ReactionStmt>(stmt)); return;
    case K::Conserve: {
        const auto& conserve = ast::cast<ast::ConserveStmt>(stmt);
        eval(*conserve.lhs);
        eval(*conserve.rhs);
        return;
    }
    case K::Compartment: {
        const auto& compartment = ast::cast<ast::CompartmentStmt>(stmt);
        if (compartment.volume) eval(*compartment.volume);
        return;
    }
    case K::If: {
        const auto& s = ast::cast<ast::IfStmt>(stmt);
        eval(*s.condition);
        check_block(s.then_block);
        if (s.else_branch) check_stmt(*s.else_branch);
        return;
    }
    case K::While: {
        const auto& s = ast::cast<ast::WhileStmt>(stmt);
        eval(*s.condition);
        check_block(s.body);
        return;
    }
    case K::From: {
        const auto& s = ast::cast<ast::FromStmt>(stmt);
        for (const ast::ExprPtr* e : {&s.from, &s.to, &s.by}) {
            if (*e) eval(**e);
        }
        check_block(s.body);
        return;
    }
    case K::ForNetcons: {
        const auto& s = ast::cast<ast::ForNetconsStmt>(stmt);
        Scope scope;
        for (const ast::Formal& formal : s.formals) {
            scope[formal.name.name] = {declared(formal.unit), true};
        }
        check_block(s.body, std::move(scope));
        return;
    }
    case K::Solve: {
        const auto& s = ast::cast<ast::SolveStmt>(stmt);
        if (s.if_error) check_block(*s.if_error);
        return;
    }
    case K::Watch:
        for (const ast::WatchItem& item : ast::cast<ast::WatchStmt>(stmt).items) {
            if (item.condition) eval(*item.condition);
        }
        return;
    case K::Call: eval(*ast::cast<ast::CallStmt>(stmt).call); return;
    case K::Initial: check_block(ast::cast<ast::InitialStmt>(stmt).body); return;
    case K::Block: check_block(ast::cast<ast::BlockStmt>(stmt).body); return;
    case K::Text:
        // VERBATIM code may assign any local: forget what they held.
        if (ast::cast<ast::TextStmt>(stmt).text_kind == ast::TextKind::Verbatim) {
            for (Scope& scope : scopes_) {
                for (auto& [name, slot] : scope) {
                    if (slot.local) slot.value = unknown();
                }
            }
        }
        return;
    case K::UnitsSwitch: units_on_ = ast::cast<ast::UnitsSwitchStmt>(stmt).on; return;
    case K::Table: // its FROM/TO/WITH only describe the table's range
    case K::Keyword:
    case K::Lag:
    case K::Conductance:
    case K::Sens: return;
    }
}

void UnitChecker::check_assign(const ast::AssignStmt& assign) {
    Value value = eval(*assign.rhs);
    const ast::VarExpr& lhs = *assign.lhs;
    Slot* slot = lhs.primes == 0 ? find_slot(lhs.name.name) : nullptr;
    if (slot && slot->local) {
        if (lhs.index) eval(*lhs.index);
        // Code under UNITSOFF is not unit-clean by its author's word: what it leaves in a local
        // is not trusted later.
        slot->value = units_on_ ? value : unknown();
        return;
    }
    Value target = eval_var(lhs);
    std::string name = lhs.name.name + std::string(static_cast<std::size_t>(lhs.primes), '\'');
    Fit f = fit(target, value);
    if (f == Fit::Dimension) {
        if (report(assign.rhs->range, "unit mismatch: '" + name + "' in " + show(target) +
                                          " assigned a value in " + show(value))) {
            explain(assign.rhs->range, target, value);
        }
    } else if (f == Fit::Factor) {
        report(assign.rhs->range,
               "conversion factor needed: '" + name + "' in " + show(target) +
                   " assigned a value in " + show(value) + "; multiply the value by " +
                   describe(Unit{value.unit.factor / target.unit.factor, {}}));
    }
}

// Rate expressions are checked inside themselves; species and rates are not matched against
// each other (modlunit's compartment rules are not modelled). Equations of LINEAR and
// NONLINEAR blocks are checked like comparisons.
void UnitChecker::check_reaction(const ast::ReactionStmt& reaction) {
    for (const auto* side : {&reaction.lhs, &reaction.rhs}) {
        for (const ast::Reactant& r : *side) {
            if (r.species && r.species->index) eval(*r.species->index);
        }
    }
    Value first = reaction.rate1 ? eval(*reaction.rate1) : unknown();
    Value second = reaction.rate2 ? eval(*reaction.rate2) : unknown();
    if (reaction.op == ast::ReactionOp::Equation) {
        combine(first, second, reaction.range, "equation");
    }
}

Value UnitChecker::eval(const ast::Expr& expr) {
    switch (expr.kind) {
    case ast::ExprKind::Number: {
        const auto& n = ast::cast<ast::NumberExpr>(expr);
        if (!n.unit) return literal(n.number.value);
        std::optional<Unit> unit = parse(*n.unit);
        return unit ? known(*unit, n.unit->text) : unknown();
    }
    case ast::ExprKind::String: return unknown();
    case ast::ExprKind::Var: return eval_var(ast::cast<ast::VarExpr>(expr));
    case ast::ExprKind::Call: return eval_call(ast::cast<ast::CallExpr>(expr));
    case ast::ExprKind::Unary: {
        const auto& u = ast::cast<ast::UnaryExpr>(expr);
        Value operand = eval(*u.operand);
        if (u.op == ast::UnaryOp::Not) return literal();
        if (u.op == ast::UnaryOp::Neg && operand.number) operand.number = -*operand.number;
        return operand;
    }
    case ast::ExprKind::Binary: return eval_binary(ast::cast<ast::BinaryExpr>(expr));
    }
    return unknown();
}

Value UnitChecker::eval_var(const ast::VarExpr& var) {
    if (var.index) eval(*var.index);
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
    case Op::Pow: return eval_power(a, b, *binary.rhs, binary.range);
    case Op::Add:
    case Op::Sub: return combine(a, b, binary.range, std::string("'") + spelling(binary.op) + "'");
    case Op::And:
    case Op::Or: return literal();
    case Op::Mul:
    case Op::Div: break;
    default: // comparisons
        combine(a, b, binary.range, std::string("'") + spelling(binary.op) + "'");
        return literal();
    }
    if (a.kind == Value::Kind::Unknown || b.kind == Value::Kind::Unknown) return unknown();
    if (a.literal() && b.literal()) return literal();
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
    if (a.kind == Value::Kind::Unknown || b.kind == Value::Kind::Unknown) return unknown();
    if (a.literal()) return b;
    if (b.literal()) return a;
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
    if (!value.known()) return;
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
        if (whole) raised = unit;
    }
    if (!constant) require_dimensionless(power, exponent.range, "the exponent of '^'");
    if (base.kind == Value::Kind::Unknown) return unknown();
    if (base.literal()) return literal();
    if (raised) return known(*raised, {}, base.exact);
    if (!base.unit.dimensionless()) {
        report(range, "the base of '^' must be dimensionless unless the exponent is a constant, "
                      "not " + show(base));
        return unknown();
    }
    return known(Unit{}, {}, false);
}

Value UnitChecker::eval_call(const ast::CallExpr& call) {
    const std::string& name = call.callee.name;
    auto signature = signatures_.find(name);
    if (signature != signatures_.end()) return eval_user_call(call, signature->second);
    if (std::optional<MathRule> rule = math_rule(name)) return eval_math(call, *rule);
    for (const ast::ExprPtr& arg : call.args) eval(*arg);
    return unknown();
}

Value UnitChecker::eval_user_call(const ast::CallExpr& call, const Signature& signature) {
    bool arity_ok = call.args.size() == signature.formals.size();
    for (std::size_t i = 0; i < call.args.size(); ++i) {
        Value arg = eval(*call.args[i]);
        if (!arity_ok) continue; // the arity error belongs to the name checks
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
    for (const ast::ExprPtr& arg : call.args) args.push_back(eval(*arg));
    std::size_t arity = rule == MathRule::Power || rule == MathRule::Atan2 || rule == MathRule::Pair
                            ? 2 : 1;
    if (args.size() != arity) return unknown();
    const std::string what = "the argument of '" + call.callee.name + "'";
    switch (rule) {
    case MathRule::Dimensionless:
        require_dimensionless(args[0], call.args[0]->range, what);
        return args[0].literal() ? literal() : dimensionless();
    case MathRule::Same: return args[0];
    case MathRule::SquareRoot: {
        if (!args[0].known()) return args[0];
        Unit root{std::sqrt(args[0].unit.factor), {}};
        for (std::size_t i = 0; i < root.exponents.size(); ++i) {
            if (args[0].unit.exponents[i] % 2 != 0) return unknown();
            root.exponents[i] = args[0].unit.exponents[i] / 2;
        }
        return known(root, {}, args[0].exact);
    }
    case MathRule::Power: return eval_power(args[0], args[1], *call.args[1], call.range);
    case MathRule::Atan2:
        combine(args[0], args[1], call.range, "'" + call.callee.name + "'");
        return args[0].literal() && args[1].literal() ? literal() : dimensionless();
    case MathRule::Pair: return combine(args[0], args[1], call.range, "'" + call.callee.name + "'");
    }
    return unknown();
}

} // namespace

void check_units(const ast::Module& module, DiagnosticEngine& diags, UnitsMode mode) {
    if (mode == UnitsMode::Off) return;
    UnitChecker checker(diags, mode);
    checker.run(module);
}

} // namespace ranvier::sema
