// The module-level symbol table: every name a mechanism declares (variables, ion variables,
// functions, procedures and named blocks), collected across INCLUDEd files. Local scopes
// (formals, LOCAL) are handled by the body checker.
#pragma once

#include "ast/ast.h"
#include "support/diagnostics.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::sema {

enum class SymbolKind {
    Parameter,
    Assigned,
    State,
    Constant,
    Dependent,
    Independent,
    UnitsConstant,
    Define,
    Local,
    IonVariable,
    Function,
    Procedure,
    FunctionTable,
    Block
};

struct Symbol {
    std::string name;
    SymbolKind kind = SymbolKind::Assigned;
    SourceRange declared;
    bool is_array = false;
    bool implicit = false; // declared only by a RANGE/GLOBAL/POINTER list of the NEURON block
    const ast::CallableItem* callable = nullptr; // FUNCTION, PROCEDURE, FUNCTION_TABLE
    const ast::NamedItem* block = nullptr;       // DERIVATIVE, KINETIC, ...
};

const char* describe(SymbolKind kind);
// describe() with its article: "an ASSIGNED variable", "a STATE".
std::string a_or_an(SymbolKind kind);
bool is_variable(SymbolKind kind);

// What the NEURON block says about the mechanism.
struct MechanismInterface {
    enum class Kind { None, Density, PointProcess, ArtificialCell } kind = Kind::None;
    std::string name;
    struct Ion {
        std::string name;
        SourceRange declared;
        std::vector<ast::Identifier> read;
        std::vector<ast::Identifier> write;
        std::optional<double> valence; // VALENCE, when given
    };
    std::vector<Ion> ions;
    std::vector<ast::Identifier> nonspecific_currents;
    std::vector<ast::Identifier> electrode_currents;
    // RANGE, GLOBAL, POINTER, BBCOREPOINTER and RANDOM names: a declaration in themselves.
    std::vector<ast::Identifier> interface_names;
    std::vector<ast::Identifier> pointers; // POINTER names: references bound at run time
    bool has_verbatim = false; // VERBATIM anywhere: undeclared names may be C declared there
};

class SymbolTable {
  public:
    // Collects every declaration of `module` and the modules it includes, reporting duplicates.
    SymbolTable(const ast::Module& module, DiagnosticEngine& diags);

    const Symbol* find(const std::string& name) const;
    const std::map<std::string, Symbol>& symbols() const { return symbols_; }
    const MechanismInterface& mechanism() const { return mechanism_; }
    // Procedural items in file order, INCLUDEd files in place.
    const std::vector<const ast::Item*>& items() const { return items_; }

  private:
    void collect(const ast::Module& module);
    void declare(Symbol symbol);
    void collect_neuron(const ast::NeuronItem& item);
    void collect_statements(const ast::Item& item);
    void collect_declarations(const ast::DeclItem& item);
    void collect_callable(const ast::CallableItem& item);
    void check_array_size(const ast::ArraySize& size);
    void declare_ion_variables();

    DiagnosticEngine& diags_;
    std::map<std::string, Symbol> symbols_;
    MechanismInterface mechanism_;
    std::vector<const ast::Item*> items_;
};

} // namespace ranvier::sema
