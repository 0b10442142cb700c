// The units checker (see unit_check.h), in three passes over the module and its INCLUDEs:
//   1. UNITS blocks: aliases extend the unit table, named constants get their units;
//   2. declarations: every declared name, FUNCTION signature and NEURON-supplied variable gets
//      a unit (a declaration without unit text is dimensionless, as in modlunit);
//   3. bodies, in file order so that UNITSOFF/UNITSON regions are followed: each expression's
//      unit is computed and assignments, sums, comparisons and arguments are checked.
// This file holds the entry point, the passes and the statement rules; the unit of each
// expression comes from unit_expr.cpp, the checker's class and values from unit_checker.h.
// Locals follow modlunit: a LOCAL (or a formal) takes the unit of the value last assigned to
// it, in text order. Whatever cannot be resolved (undeclared names, unknown calls, VERBATIM) is
// skipped silently.
#include "sema/unit_check.h"

#include "sema/unit_checker.h"
#include "sema/units.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ranvier::sema {

namespace detail {

// Pass 1 ------------------------------------------------------------------------------------------
void UnitChecker::read_units(const ast::Module& module) {
    for (const ast::ItemPtr& item : module.items) {
        if (const auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
            if (include->included)
                read_units(*include->included);
        } else if (const auto* units = ast::dyn_cast<ast::UnitsItem>(item.get())) {
            for (const ast::UnitsEntry& entry : units->entries)
                read_units_entry(entry);
        }
    }
}

void UnitChecker::read_units_entry(const ast::UnitsEntry& entry) {
    switch (entry.kind) {
    case ast::UnitsEntryKind::Alias: {
        if (!entry.alias || !entry.unit)
            return;
        std::optional<Unit> unit = parse(*entry.unit);
        if (unit) {
            table_.define(entry.alias->text, *unit);
        } else {
            table_.poison(entry.alias->text); // one error, at the definition
        }
        return;
    }
    case ast::UnitsEntryKind::NamedUnit: {
        if (!entry.name || !entry.unit)
            return;
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
        if (!entry.name)
            return;
        globals_[entry.name->name] = declared(entry.target ? entry.target : entry.unit);
        has_unit_text_[entry.name->name] = true;
        return;
    default:
        return;
    }
}

// Pass 2 ------------------------------------------------------------------------------------------
void UnitChecker::read_declarations(const ast::Module& module) {
    for (const ast::ItemPtr& item : module.items) {
        const ast::Item* it = item.get();
        if (const auto* include = ast::dyn_cast<ast::IncludeItem>(it)) {
            if (include->included)
                read_declarations(*include->included);
        } else if (const auto* decls = ast::dyn_cast<ast::DeclItem>(it)) {
            for (const ast::DeclEntry& entry : decls->entries) {
                if (entry.decl)
                    declare(entry.decl->name.name, entry.decl->unit);
            }
        } else if (const auto* indep = ast::dyn_cast<ast::IndependentItem>(it)) {
            for (const ast::IndependentEntry& entry : indep->entries) {
                if (entry.name.name.empty())
                    continue;
                declare(entry.name.name, entry.unit);
                if (independent_.empty())
                    independent_ = entry.name.name;
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
void UnitChecker::declare(const std::string& name, const std::optional<ast::UnitText>& unit) {
    bool& has_text = has_unit_text_[name];
    if (has_text) {
        if (unit)
            parse(*unit); // still report an unknown unit
        return;
    }
    globals_[name] = declared(unit);
    has_text = unit.has_value();
}

void UnitChecker::read_neuron(const ast::NeuronItem& neuron) {
    for (const ast::NeuronStmt& stmt : neuron.stmts) {
        switch (stmt.kind) {
        case ast::NeuronStmtKind::PointProcess:
        case ast::NeuronStmtKind::ArtificialCell:
            point_process_ = true;
            break;
        case ast::NeuronStmtKind::UseIon:
            if (stmt.name)
                ions_.push_back(stmt.name->name);
            break;
        case ast::NeuronStmtKind::NonspecificCurrent:
        case ast::NeuronStmtKind::ElectrodeCurrent:
            for (const ast::Identifier& name : stmt.names)
                currents_.push_back(name.name);
            break;
        default:
            break;
        }
    }
}

void UnitChecker::read_signature(const ast::CallableItem& callable) {
    Signature signature;
    for (const ast::Formal& formal : callable.formals) {
        signature.formals.emplace_back(formal.name.name, declared(formal.unit));
    }
    bool function = callable.callable_kind == ast::CallableKind::Function ||
                    callable.callable_kind == ast::CallableKind::FunctionTable;
    signature.result = function ? declared(callable.unit) : unknown();
    if (!function && callable.unit)
        parse(*callable.unit);
    signatures_[callable.name.name] = std::move(signature);
}

// NEURON supplies these with fixed units; a declaration with unit text overrides them.
void UnitChecker::add_neuron_variables() {
    std::string current = point_process_ ? "nA" : "mA/cm2";
    std::vector<std::pair<std::string, std::string>> fixed = {{"v", "mV"},    {"t", "ms"},
                                                              {"dt", "ms"},   {"celsius", "degC"},
                                                              {"diam", "um"}, {"area", "um2"}};
    for (const std::string& ion : ions_) {
        fixed.emplace_back("e" + ion, "mV");
        fixed.emplace_back("i" + ion, current);
        fixed.emplace_back(ion + "i", "mM");
        fixed.emplace_back(ion + "o", "mM");
    }
    for (const std::string& name : currents_)
        fixed.emplace_back(name, current);
    for (const auto& [name, text] : fixed) {
        if (has_unit_text_[name])
            continue;
        std::string error;
        std::optional<Unit> unit = table_.parse(text, error);
        globals_[name] = unit ? known(*unit, text) : unknown();
    }
}

// Pass 3 ------------------------------------------------------------------------------------------
void UnitChecker::check_bodies(const ast::Module& module) {
    for (const ast::ItemPtr& item : module.items) {
        const ast::Item* it = item.get();
        if (const auto* include = ast::dyn_cast<ast::IncludeItem>(it)) {
            if (include->included)
                check_bodies(*include->included);
        } else if (const auto* sw = ast::dyn_cast<ast::UnitsSwitchItem>(it)) {
            units_on_ = sw->on;
        } else if (const auto* decls = ast::dyn_cast<ast::DeclItem>(it)) {
            for (const ast::DeclEntry& entry : decls->entries) {
                if (entry.units_on)
                    units_on_ = *entry.units_on;
            }
        } else if (const auto* units = ast::dyn_cast<ast::UnitsItem>(it)) {
            for (const ast::UnitsEntry& entry : units->entries) {
                if (entry.kind == ast::UnitsEntryKind::UnitsOn)
                    units_on_ = true;
                if (entry.kind == ast::UnitsEntryKind::UnitsOff)
                    units_on_ = false;
            }
        } else if (const auto* neuron = ast::dyn_cast<ast::NeuronItem>(it)) {
            for (const ast::NeuronStmt& stmt : neuron->stmts) {
                if (stmt.kind == ast::NeuronStmtKind::UnitsOn)
                    units_on_ = true;
                if (stmt.kind == ast::NeuronStmtKind::UnitsOff)
                    units_on_ = false;
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

void UnitChecker::check_callable(const ast::CallableItem& callable) {
    if (!callable.body)
        return;
    Scope scope;
    const Signature& signature = signatures_[callable.name.name];
    // Formals start with their declared units but, as in modlunit, an assignment gives
    // them new ones like a LOCAL's (NET_RECEIVE's `w = weight*...` is the common case).
    for (const auto& [name, value] : signature.formals)
        scope[name] = {value, true};
    if (signature.result.known())
        scope[callable.name.name] = {signature.result, false};
    check_block(*callable.body, std::move(scope));
}

void UnitChecker::check_block(const ast::Block& block, Scope scope) {
    scopes_.push_back(std::move(scope));
    for (const ast::StmtPtr& stmt : block.stmts)
        check_stmt(*stmt);
    scopes_.pop_back();
}

void UnitChecker::check_stmt(const ast::Stmt& stmt) {
    using K = ast::StmtKind;
    switch (stmt.kind) {
    case K::Local:
        for (const ast::LocalName& name : ast::cast<ast::LocalStmt>(stmt).names) {
            scopes_.back()[name.name.name] = {literal(), true};
        }
        return;
    case K::Assign:
        check_assign(ast::cast<ast::AssignStmt>(stmt));
        return;
    case K::Reaction:
        check_reaction(ast::cast<ast::ReactionStmt>(stmt));
        return;
    case K::Conserve: {
        const auto& conserve = ast::cast<ast::ConserveStmt>(stmt);
        eval(*conserve.lhs);
        eval(*conserve.rhs);
        return;
    }
    case K::Compartment: {
        const auto& compartment = ast::cast<ast::CompartmentStmt>(stmt);
        if (compartment.volume)
            eval(*compartment.volume);
        return;
    }
    case K::If: {
        const auto& s = ast::cast<ast::IfStmt>(stmt);
        eval(*s.condition);
        check_block(s.then_block);
        if (s.else_branch)
            check_stmt(*s.else_branch);
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
            if (*e)
                eval(**e);
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
        if (s.if_error)
            check_block(*s.if_error);
        return;
    }
    case K::Watch:
        for (const ast::WatchItem& item : ast::cast<ast::WatchStmt>(stmt).items) {
            if (item.condition)
                eval(*item.condition);
        }
        return;
    case K::Call:
        eval(*ast::cast<ast::CallStmt>(stmt).call);
        return;
    case K::Initial:
        check_block(ast::cast<ast::InitialStmt>(stmt).body);
        return;
    case K::Block:
        check_block(ast::cast<ast::BlockStmt>(stmt).body);
        return;
    case K::Text:
        // VERBATIM code may assign any local: forget what they held.
        if (ast::cast<ast::TextStmt>(stmt).text_kind == ast::TextKind::Verbatim) {
            for (Scope& scope : scopes_) {
                for (auto& [name, slot] : scope) {
                    if (slot.local)
                        slot.value = unknown();
                }
            }
        }
        return;
    case K::UnitsSwitch:
        units_on_ = ast::cast<ast::UnitsSwitchStmt>(stmt).on;
        return;
    case K::Table: // its FROM/TO/WITH only describe the table's range
    case K::Keyword:
    case K::Lag:
    case K::Conductance:
    case K::Sens:
        return;
    }
}

void UnitChecker::check_assign(const ast::AssignStmt& assign) {
    Value value = eval(*assign.rhs);
    const ast::VarExpr& lhs = *assign.lhs;
    Slot* slot = lhs.primes == 0 ? find_slot(lhs.name.name) : nullptr;
    if (slot && slot->local) {
        if (lhs.index)
            eval(*lhs.index);
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
        report(assign.rhs->range, "conversion factor needed: '" + name + "' in " + show(target) +
                                      " assigned a value in " + show(value) +
                                      "; multiply the value by " +
                                      describe(Unit{value.unit.factor / target.unit.factor, {}}));
    }
}

// Rate expressions are checked inside themselves; species and rates are not matched against
// each other (modlunit's compartment rules are not modelled). Equations of LINEAR and
// NONLINEAR blocks are checked like comparisons.
void UnitChecker::check_reaction(const ast::ReactionStmt& reaction) {
    for (const auto* side : {&reaction.lhs, &reaction.rhs}) {
        for (const ast::Reactant& r : *side) {
            if (r.species && r.species->index)
                eval(*r.species->index);
        }
    }
    Value first = reaction.rate1 ? eval(*reaction.rate1) : unknown();
    Value second = reaction.rate2 ? eval(*reaction.rate2) : unknown();
    if (reaction.op == ast::ReactionOp::Equation) {
        combine(first, second, reaction.range, "equation");
    }
}

// Names and units ---------------------------------------------------------------------------------
// Unknown unit names are reported whatever UNITSOFF says: a unit nobody can read is a
// typo, not a style choice. Like mismatches they are errors only with --units=strict,
// since NEURON's translator accepts them (ModelDB files write `(mv)`).
std::optional<Unit> UnitChecker::parse(const ast::UnitText& unit) {
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

Value UnitChecker::declared(const std::optional<ast::UnitText>& unit) {
    if (!unit)
        return dimensionless();
    std::optional<Unit> parsed = parse(*unit);
    return parsed ? known(*parsed, unit->text) : unknown();
}

// A mismatch: a warning or an error by mode, nothing inside UNITSOFF. Returns whether it
// was reported, so that a note can follow.
bool UnitChecker::report(SourceRange range, std::string message) {
    if (!units_on_)
        return false;
    if (mode_ == UnitsMode::Strict) {
        diags_.error(range, std::move(message));
    } else {
        diags_.warning(range, std::move(message));
    }
    return true;
}

void UnitChecker::explain(SourceRange range, const Value& a, const Value& b) {
    if (a.text.empty() || b.text.empty())
        return;
    diags_.note(range, "in SI base units, " + show(a) + " is " + describe(a.unit) + " and " +
                           show(b) + " is " + describe(b.unit));
}

} // namespace detail

void check_units(const ast::Module& module, DiagnosticEngine& diags, UnitsMode mode) {
    if (mode == UnitsMode::Off)
        return;
    detail::UnitChecker checker(diags, mode);
    checker.run(module);
}

} // namespace ranvier::sema
