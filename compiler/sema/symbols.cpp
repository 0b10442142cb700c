// SymbolTable: declarations of a module and of the modules it includes.
#include "sema/symbols.h"

#include "ast/walk.h"
#include "sema/builtins.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace ranvier::sema {

const char* describe(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::Parameter:
        return "PARAMETER";
    case SymbolKind::Assigned:
        return "ASSIGNED variable";
    case SymbolKind::State:
        return "STATE";
    case SymbolKind::Constant:
        return "CONSTANT";
    case SymbolKind::Dependent:
        return "DEPENDENT variable";
    case SymbolKind::Independent:
        return "INDEPENDENT variable";
    case SymbolKind::UnitsConstant:
        return "UNITS constant";
    case SymbolKind::Define:
        return "DEFINE";
    case SymbolKind::Local:
        return "LOCAL variable";
    case SymbolKind::IonVariable:
        return "ion variable";
    case SymbolKind::Function:
        return "FUNCTION";
    case SymbolKind::Procedure:
        return "PROCEDURE";
    case SymbolKind::FunctionTable:
        return "FUNCTION_TABLE";
    case SymbolKind::Block:
        return "block";
    }
    return "name";
}

std::string a_or_an(SymbolKind kind) {
    std::string text = describe(kind);
    bool vowel = std::string_view("AEIOUaeiou").find(text[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + text;
}

bool is_variable(SymbolKind kind) {
    return kind != SymbolKind::Function && kind != SymbolKind::Procedure &&
           kind != SymbolKind::FunctionTable && kind != SymbolKind::Block;
}

SymbolTable::SymbolTable(const ast::Module& module, DiagnosticEngine& diags) : diags_(diags) {
    collect(module);
    declare_ion_variables();
}

const Symbol* SymbolTable::find(const std::string& name) const {
    auto it = symbols_.find(name);
    return it == symbols_.end() ? nullptr : &it->second;
}

void SymbolTable::declare(Symbol symbol) {
    auto [it, inserted] = symbols_.emplace(symbol.name, symbol);
    if (inserted)
        return;
    const Symbol& previous = it->second;
    // The INDEPENDENT variable t and an explicit declaration of it are the same thing.
    if (previous.kind == SymbolKind::Independent || symbol.kind == SymbolKind::Independent)
        return;
    diags_.error(symbol.declared,
                 "redefinition of '" + symbol.name + "' as " + describe(symbol.kind));
    diags_.note(previous.declared,
                "previous definition as " + std::string(describe(previous.kind)) + " is here");
}

void SymbolTable::collect(const ast::Module& module) {
    for (const ast::ItemPtr& item : module.items) {
        switch (item->kind) {
        case ast::ItemKind::Include: {
            auto& include = ast::cast<ast::IncludeItem>(*item);
            if (include.included)
                collect(*include.included);
            continue;
        }
        case ast::ItemKind::Text:
            if (ast::cast<ast::TextItem>(*item).text_kind == ast::TextKind::Verbatim)
                mechanism_.has_verbatim = true;
            continue;
        case ast::ItemKind::Neuron:
            collect_neuron(ast::cast<ast::NeuronItem>(*item));
            continue;
        case ast::ItemKind::Declarations:
            collect_declarations(ast::cast<ast::DeclItem>(*item));
            continue;
        case ast::ItemKind::Units:
            for (const ast::UnitsEntry& entry : ast::cast<ast::UnitsItem>(*item).entries) {
                if (entry.name)
                    declare({entry.name->name, SymbolKind::UnitsConstant, entry.name->range});
            }
            continue;
        case ast::ItemKind::Define: {
            auto& define = ast::cast<ast::DefineItem>(*item);
            if (define.value.value != std::floor(define.value.value))
                diags_.error(define.value.range,
                             "DEFINE '" + define.name.name + "' must be an integer");
            declare({define.name.name, SymbolKind::Define, define.name.range});
            continue;
        }
        case ast::ItemKind::Independent:
            for (const ast::IndependentEntry& entry :
                 ast::cast<ast::IndependentItem>(*item).entries) {
                if (!entry.name.name.empty())
                    declare({entry.name.name, SymbolKind::Independent, entry.name.range});
            }
            continue;
        case ast::ItemKind::Local:
            // A file-level LOCAL that repeats a declaration names the same variable (nocmodl
            // accepts it); say so, but it is no error.
            for (const ast::LocalName& local : ast::cast<ast::LocalItem>(*item).names) {
                if (const Symbol* previous = find(local.name.name)) {
                    diags_.warning(local.name.range, "LOCAL '" + local.name.name +
                                                         "' repeats the declaration of " +
                                                         a_or_an(previous->kind));
                    continue;
                }
                declare(
                    {local.name.name, SymbolKind::Local, local.name.range, local.size.has_value()});
            }
            continue;
        case ast::ItemKind::Callable:
            collect_callable(ast::cast<ast::CallableItem>(*item));
            break;
        case ast::ItemKind::Named: {
            auto& named = ast::cast<ast::NamedItem>(*item);
            Symbol symbol{named.name.name, SymbolKind::Block, named.name.range};
            symbol.block = &named;
            declare(symbol);
            break;
        }
        default:
            break;
        }
        collect_statements(*item);
        items_.push_back(item.get());
    }
}

// What statements declare implicitly: VERBATIM code may declare C names, and LAG x BY d
// declares lag_x_d.
void SymbolTable::collect_statements(const ast::Item& item) {
    ast::for_each_stmt(item, [&](const ast::Stmt& stmt) {
        if (auto* text = ast::dyn_cast<ast::TextStmt>(&stmt)) {
            if (text->text_kind == ast::TextKind::Verbatim)
                mechanism_.has_verbatim = true;
        } else if (auto* lag = ast::dyn_cast<ast::LagStmt>(&stmt)) {
            std::string name = "lag_" + lag->var.name + "_" + lag->by.name;
            if (!symbols_.count(name))
                symbols_.emplace(name, Symbol{name, SymbolKind::Assigned, lag->range});
        }
    });
}

void SymbolTable::collect_neuron(const ast::NeuronItem& item) {
    using K = ast::NeuronStmtKind;
    using MK = MechanismInterface::Kind;
    for (const ast::NeuronStmt& stmt : item.stmts) {
        switch (stmt.kind) {
        case K::Suffix:
        case K::PointProcess:
        case K::ArtificialCell: {
            MK kind = stmt.kind == K::Suffix         ? MK::Density
                      : stmt.kind == K::PointProcess ? MK::PointProcess
                                                     : MK::ArtificialCell;
            if (mechanism_.kind != MK::None) {
                diags_.error(
                    stmt.range,
                    "a mechanism has one SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL name; '" +
                        mechanism_.name + "' was given already");
                break;
            }
            mechanism_.kind = kind;
            mechanism_.name = stmt.name->name;
            break;
        }
        case K::UseIon: {
            auto same = std::find_if(mechanism_.ions.begin(), mechanism_.ions.end(),
                                     [&](const auto& ion) { return ion.name == stmt.name->name; });
            if (same != mechanism_.ions.end()) {
                diags_.error(stmt.name->range,
                             "ion '" + stmt.name->name + "' is named by more than one USEION");
                diags_.note(same->declared, "previous USEION of '" + stmt.name->name + "' is here");
            }
            mechanism_.ions.push_back(
                {stmt.name->name, stmt.name->range, stmt.ion.read, stmt.ion.write,
                 stmt.ion.valence ? std::optional(stmt.ion.valence->value) : std::nullopt});
            break;
        }
        case K::NonspecificCurrent:
            for (const auto& id : stmt.names)
                mechanism_.nonspecific_currents.push_back(id);
            break;
        case K::ElectrodeCurrent:
            for (const auto& id : stmt.names)
                mechanism_.electrode_currents.push_back(id);
            break;
        case K::Verbatim:
            mechanism_.has_verbatim = true;
            break;
        case K::Pointer:
            for (const auto& id : stmt.names)
                mechanism_.pointers.push_back(id);
            [[fallthrough]];
        case K::Range:
        case K::Global:
        case K::BbcorePointer:
        case K::Random:
            for (const auto& id : stmt.names)
                mechanism_.interface_names.push_back(id);
            break;
        default:
            break;
        }
    }
}

void SymbolTable::collect_declarations(const ast::DeclItem& item) {
    SymbolKind kind = SymbolKind::Parameter;
    switch (item.decl_kind) {
    case ast::DeclKind::Parameter:
        kind = SymbolKind::Parameter;
        break;
    case ast::DeclKind::Assigned:
        kind = SymbolKind::Assigned;
        break;
    case ast::DeclKind::State:
        kind = SymbolKind::State;
        break;
    case ast::DeclKind::Constant:
        kind = SymbolKind::Constant;
        break;
    case ast::DeclKind::Dependent:
        kind = SymbolKind::Dependent;
        break;
    }
    for (const ast::DeclEntry& entry : item.entries) {
        if (entry.text_kind == ast::TextKind::Verbatim)
            mechanism_.has_verbatim = true;
        if (!entry.decl)
            continue;
        const ast::Declaration& d = *entry.decl;
        // t is NEURON's time: the INDEPENDENT variable, never a declared one.
        if (d.name.name == "t") {
            diags_.error(d.name.range,
                         "'t' is the independent variable (time) and cannot be declared in " +
                             std::string(ast::keyword(item.decl_kind)));
            continue;
        }
        if (d.size)
            check_array_size(*d.size);
        declare({d.name.name, kind, d.name.range, d.size.has_value()});
    }
}

// An array size is a positive integer or a DEFINE (declared before it, as in nocmodl).
void SymbolTable::check_array_size(const ast::ArraySize& size) {
    if (std::isdigit(static_cast<unsigned char>(size.text[0])) || size.text[0] == '.') {
        double value = std::strtod(size.text.c_str(), nullptr);
        if (value < 1 || value != std::floor(value))
            diags_.error(size.range, "array size must be a positive integer, not " + size.text);
        return;
    }
    const Symbol* define = find(size.text);
    if (!define || define->kind != SymbolKind::Define)
        diags_.error(size.range, "array size '" + size.text + "' is not a DEFINE");
}

void SymbolTable::collect_callable(const ast::CallableItem& item) {
    SymbolKind kind = SymbolKind::Function;
    switch (item.callable_kind) {
    case ast::CallableKind::Function:
        kind = SymbolKind::Function;
        break;
    case ast::CallableKind::Procedure:
        kind = SymbolKind::Procedure;
        break;
    case ast::CallableKind::FunctionTable:
        kind = SymbolKind::FunctionTable;
        break;
    case ast::CallableKind::NetReceive:
        return;
    }
    if (is_c_math_function(item.name.name)) {
        diags_.error(item.name.range,
                     "'" + item.name.name + "' is a builtin function and cannot be redefined");
        return;
    }
    if (kind == SymbolKind::FunctionTable && item.formals.empty())
        diags_.error(item.name.range,
                     "FUNCTION_TABLE '" + item.name.name + "' must have at least one argument");
    Symbol symbol{item.name.name, kind, item.name.range};
    symbol.callable = &item;
    declare(symbol);
}

// Ion variables named by USEION need no other declaration (NEURON only warns without one).
void SymbolTable::declare_ion_variables() {
    for (const MechanismInterface::Ion& ion : mechanism_.ions) {
        for (const auto* list : {&ion.read, &ion.write}) {
            for (const ast::Identifier& id : *list) {
                if (!symbols_.count(id.name))
                    symbols_.emplace(id.name, Symbol{id.name, SymbolKind::IonVariable, id.range});
            }
        }
    }
    for (const auto* list : {&mechanism_.nonspecific_currents, &mechanism_.electrode_currents}) {
        for (const ast::Identifier& id : *list) {
            if (!symbols_.count(id.name))
                symbols_.emplace(id.name, Symbol{id.name, SymbolKind::Assigned, id.range});
        }
    }
    for (const ast::Identifier& id : mechanism_.interface_names) {
        if (symbols_.count(id.name))
            continue;
        Symbol symbol{id.name, SymbolKind::Assigned, id.range};
        symbol.implicit = true;
        symbols_.emplace(id.name, symbol);
    }
}

} // namespace ranvier::sema
