// Module-level checks: the NEURON block's interface, SOLVE targets and methods, recursion
// between FUNCTIONs and PROCEDUREs, STATEs without equations. Statement-level
// rules live in check_body.cpp.
#include "sema/check_body.h"
#include "sema/sema.h"

#include <algorithm>
#include <functional>

namespace ranvier::sema {

namespace {

// What nocmodl accepts for each kind of block (the explicit integrators of SCoP work on both).
constexpr std::string_view kDerivativeMethods[] = {
    "cnexp", "derivimplicit", "euler",   "runge",   "heun",        "adams",
    "gear",  "clsoda",        "adrunge", "adeuler", "after_cvode", "cvode_t"};
constexpr std::string_view kKineticMethods[] = {"sparse",  "euler",       "runge",  "heun",
                                                "adams",   "gear",        "clsoda", "adrunge",
                                                "adeuler", "after_cvode", "cvode_t"};
constexpr std::string_view kOtherMethods[] = {"newton", "simeq"};

template <std::size_t N> bool contains(const std::string_view (&list)[N], const std::string& name) {
    return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

// Which ion variables a USEION may name: e<ion>, <ion>i, <ion>o, i<ion> (and d<ion>_dv_ is C).
bool is_ion_variable(const std::string& ion, const std::string& name) {
    return name == "e" + ion || name == ion + "i" || name == ion + "o" || name == "i" + ion;
}

void check_neuron(const SymbolTable& symbols, const ast::Module& module, DiagnosticEngine& diags) {
    const MechanismInterface& mech = symbols.mechanism();
    for (const MechanismInterface::Ion& ion : mech.ions) {
        for (const auto* list : {&ion.read, &ion.write}) {
            for (const ast::Identifier& id : *list) {
                if (!is_ion_variable(ion.name, id.name))
                    diags.error(id.range, "'" + id.name + "' is not a variable of ion '" +
                                              ion.name + "' (expected e" + ion.name + ", " +
                                              ion.name + "i, " + ion.name + "o or i" + ion.name +
                                              ")");
            }
        }
        for (const ast::Identifier& id : ion.write) {
            if (id.name == "i" + ion.name && mech.kind == MechanismInterface::Kind::ArtificialCell)
                diags.error(id.range,
                            "an ARTIFICIAL_CELL has no membrane and cannot write ion current '" +
                                id.name + "'");
        }
    }
    // RANGE, GLOBAL and POINTER names should be declared somewhere; NEURON only warns.
    std::function<void(const ast::Module&)> visit = [&](const ast::Module& m) {
        for (const ast::ItemPtr& item : m.items) {
            if (auto* include = ast::dyn_cast<ast::IncludeItem>(item.get())) {
                if (include->included)
                    visit(*include->included);
                continue;
            }
            auto* neuron = ast::dyn_cast<ast::NeuronItem>(item.get());
            if (!neuron)
                continue;
            for (const ast::NeuronStmt& stmt : neuron->stmts) {
                bool listed = stmt.kind == ast::NeuronStmtKind::Range ||
                              stmt.kind == ast::NeuronStmtKind::Global ||
                              stmt.kind == ast::NeuronStmtKind::Pointer ||
                              stmt.kind == ast::NeuronStmtKind::BbcorePointer;
                if (!listed)
                    continue;
                for (const ast::Identifier& id : stmt.names) {
                    const Symbol* sym = symbols.find(id.name);
                    bool first_mention = sym && sym->implicit &&
                                         sym->declared.begin.line == id.range.begin.line &&
                                         sym->declared.begin.col == id.range.begin.col;
                    if (!first_mention)
                        continue;
                    // A POINTER needs an ASSIGNED declaration (nocmodl's rule); RANGE and
                    // GLOBAL names without one are accepted with a warning, as nocmodl does.
                    std::string message = std::string(ast::keyword(stmt.kind)) + " names '" +
                                          id.name + "', which is not declared";
                    bool pointer = stmt.kind == ast::NeuronStmtKind::Pointer ||
                                   stmt.kind == ast::NeuronStmtKind::BbcorePointer;
                    if (pointer) {
                        diags.error(id.range, message);
                    } else {
                        diags.warning(id.range, message);
                    }
                }
            }
        }
    };
    visit(module);
}

void check_solve(const SymbolTable& symbols, const ast::SolveStmt& solve, DiagnosticEngine& diags) {
    const std::string& target = solve.block.name;
    const Symbol* sym = symbols.find(target);
    if (!sym || (sym->kind != SymbolKind::Block && sym->kind != SymbolKind::Procedure)) {
        diags.error(solve.block.range, "SOLVE names '" + target +
                                           "', which is not a DERIVATIVE, KINETIC, "
                                           "LINEAR, NONLINEAR, DISCRETE block or PROCEDURE");
        if (sym)
            diags.note(sym->declared, "'" + target + "' is declared here");
        return;
    }
    if (!solve.method)
        return;
    const std::string& method = solve.method->name;
    if (!contains(kDerivativeMethods, method) && !contains(kKineticMethods, method) &&
        !contains(kOtherMethods, method)) {
        diags.error(solve.method->range, "unknown METHOD '" + method + "'");
        return;
    }
    // after_cvode and cvode_t run any block once per step, procedures included.
    bool fits = method == "after_cvode" || method == "cvode_t";
    std::string what = "PROCEDURE";
    if (sym->kind == SymbolKind::Block) {
        what = ast::keyword(sym->block->block_kind);
        switch (sym->block->block_kind) {
        case ast::NamedKind::Derivative:
            fits = contains(kDerivativeMethods, method);
            break;
        case ast::NamedKind::Kinetic:
            fits = contains(kKineticMethods, method);
            break;
        case ast::NamedKind::Nonlinear:
            fits = fits || method == "newton";
            break;
        case ast::NamedKind::Linear:
            fits = fits || method == "simeq";
            break;
        default:
            break;
        }
    }
    if (!fits) {
        diags.error(solve.method->range, (solve.steady_state ? "STEADYSTATE '" : "METHOD '") +
                                             method + "' cannot solve " + what + " block '" +
                                             target + "'");
        diags.note(sym->declared, "'" + target + "' is declared here");
    }
}

// Inlining needs a call graph without cycles: report each cycle once, at its first function.
void check_recursion(const SymbolTable& symbols, const BodyFacts& facts, DiagnosticEngine& diags) {
    enum class Mark { None, Active, Done };
    std::map<std::string, Mark> marks;
    std::vector<std::string> path;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
        marks[name] = Mark::Active;
        path.push_back(name);
        auto it = facts.calls.find(name);
        if (it != facts.calls.end()) {
            for (const ast::Identifier& callee : it->second) {
                if (!facts.calls.count(callee.name) && !symbols.find(callee.name))
                    continue;
                Mark mark = marks[callee.name];
                if (mark == Mark::Active) {
                    std::string chain;
                    auto start = std::find(path.begin(), path.end(), callee.name);
                    for (auto p = start; p != path.end(); ++p)
                        chain += *p + " -> ";
                    diags.error(callee.range,
                                "recursive call: " + chain + callee.name +
                                    " (FUNCTIONs and PROCEDUREs are inlined and cannot recurse)");
                } else if (mark == Mark::None) {
                    visit(callee.name);
                }
            }
        }
        path.pop_back();
        marks[name] = Mark::Done;
    };
    for (const auto& [name, calls] : facts.calls) {
        if (marks[name] == Mark::None)
            visit(name);
    }
}

// NET_RECEIVE receives the event's weight vector: one block, with at least the weight.
void check_net_receive(const SymbolTable& symbols, DiagnosticEngine& diags) {
    const ast::CallableItem* first = nullptr;
    for (const ast::Item* item : symbols.items()) {
        auto* c = ast::dyn_cast<ast::CallableItem>(item);
        if (!c || c->callable_kind != ast::CallableKind::NetReceive)
            continue;
        if (c->formals.empty())
            diags.error(c->range, "NET_RECEIVE block must have at least one argument (the weight)");
        if (first) {
            diags.error(c->range, "only one NET_RECEIVE block is allowed");
            diags.note(first->range, "previous NET_RECEIVE block is here");
        } else {
            first = c;
        }
    }
}

void check_states(const SymbolTable& symbols, const BodyFacts& facts, DiagnosticEngine& diags) {
    for (const auto& [name, sym] : symbols.symbols()) {
        if (sym.kind != SymbolKind::State || facts.states_with_equations.count(name))
            continue;
        if (facts.states_assigned.count(name))
            continue; // updated procedurally (events, DISCRETE)
        diags.warning(sym.declared, "STATE '" + name + "' has no equation and is never assigned");
    }
}

} // namespace

void check_module(const ast::Module& module, DiagnosticEngine& diags) {
    SymbolTable symbols(module, diags);
    check_neuron(symbols, module, diags);

    BodyFacts facts;
    BodyChecker bodies(symbols, diags, facts);
    for (const ast::Item* item : symbols.items())
        bodies.check(*item);
    for (const ast::SolveStmt* solve : facts.solves)
        check_solve(symbols, *solve, diags);
    check_recursion(symbols, facts, diags);
    check_net_receive(symbols, diags);
    check_states(symbols, facts, diags);
}

} // namespace ranvier::sema
