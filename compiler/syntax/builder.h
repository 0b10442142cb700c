// Builder: walks ANTLR's parse tree for one file and produces the AST. Called only on trees
// without syntax errors, so every context the grammar requires is present.
#pragma once

#include "NmodlParser.h"
#include "ast/ast.h"

#include <string>

namespace ranvier::syntax {

using P = ranvier_antlr::NmodlParser;

// A new AST node of type T spanning `range`.
template <class T> std::unique_ptr<T> make_node(SourceRange range) {
    auto node = std::make_unique<T>();
    node->range = range;
    return node;
}

class Builder {
  public:
    Builder(FileId file, const std::string& text) : file_(file), text_(text) {}

    std::unique_ptr<ast::Module> build(P::FileContext* ctx);

  private:
    // Locations and text
    SourceRange range(antlr4::ParserRuleContext* ctx) const;
    SourceRange range(antlr4::Token* token) const;
    SourceLoc end_loc(antlr4::Token* token) const;
    std::string source_text(antlr4::ParserRuleContext* ctx) const;

    // Leaves
    ast::Identifier identifier(P::NameContext* ctx) const;
    std::vector<ast::Identifier> names(P::NameListContext* ctx) const;
    ast::NumberLit number(antlr4::Token* token) const;
    ast::NumberLit number(P::SignedNumberContext* ctx) const;
    ast::UnitText unit(P::UnitContext* ctx) const;
    ast::ArraySize array_size(P::ArraySizeContext* ctx) const;
    std::string block_text(antlr4::Token* token, std::size_t open_len, std::size_t close_len) const;
    // A token's text from the original bytes (the lexer saw non-ASCII bytes replaced).
    std::string original(antlr4::Token* token) const;
    std::string unquoted(antlr4::tree::TerminalNode* string) const;
    ast::Identifier represents(P::RepresentsClauseContext* ctx) const;

    // Top-level items (build_items.cpp)
    ast::ItemPtr item(P::TopItemContext* ctx);
    ast::ItemPtr neuron(P::NeuronBlockContext* ctx);
    ast::NeuronStmt neuron_stmt(P::NeuronStmtContext* ctx);
    ast::ItemPtr units(P::UnitsBlockContext* ctx);
    ast::ItemPtr declarations(P::DeclBlockContext* ctx);
    ast::Declaration declaration(P::DeclarationContext* ctx);
    ast::ItemPtr independent(P::IndependentBlockContext* ctx);
    ast::ItemPtr callable(ast::CallableKind kind, P::NameContext* name,
                          P::FormalListContext* formals, P::UnitContext* unit,
                          P::StmtBlockContext* body);
    std::vector<ast::Formal> formals(P::FormalListContext* ctx);
    ast::ItemPtr cell(P::CellBlockContext* ctx);
    ast::CellStmt cell_stmt(P::CellStmtContext* ctx);
    ast::Quantity quantity(P::QuantityContext* ctx) const;
    ast::Setting setting(P::SettingContext* ctx) const;
    std::vector<ast::Setting> settings(P::SettingsContext* ctx) const;
    ast::SectionRef section_ref(P::SectionRefContext* ctx) const;
    std::vector<ast::SectionRef> section_list(P::SectionListContext* ctx) const;
    ast::Location location(P::LocationContext* ctx) const;

    // NETWORK blocks (build_network.cpp)
    ast::ItemPtr network(P::NetworkBlockContext* ctx);
    ast::NetworkStmt network_stmt(P::NetworkStmtContext* ctx);
    ast::Selection selection(P::SelectionContext* ctx) const;
    ast::Value value(P::ValueContext* ctx) const;
    std::vector<ast::NetArgument> net_arguments(P::NetArgsContext* ctx) const;
    void projection_body(P::ProjectionBodyContext* ctx, ast::NetworkStmt& stmt) const;

    // Statements and expressions (build_stmts.cpp)
    ast::Block block(P::StmtBlockContext* ctx);
    ast::StmtPtr statement(P::StatementContext* ctx);
    ast::StmtPtr text_stmt(antlr4::Token* token, ast::TextKind kind);
    std::vector<ast::LocalName> local_names(P::LocalStmtContext* ctx);
    std::unique_ptr<ast::AssignStmt> assignment(P::AssignmentContext* ctx);
    ast::StmtPtr reaction(P::ReactionContext* ctx);
    std::vector<ast::Reactant> reactants(P::ReactantsContext* ctx);
    ast::Reactant reactant(P::ReactantContext* ctx);
    ast::StmtPtr compartment(P::CompartmentStmtContext* ctx);
    std::unique_ptr<ast::IfStmt> if_stmt(P::IfStmtContext* ctx);
    ast::StmtPtr from_stmt(P::FromStmtContext* ctx);
    ast::StmtPtr solve(P::SolveStmtContext* ctx);
    ast::StmtPtr table(P::TableStmtContext* ctx);
    ast::StmtPtr watch(P::WatchStmtContext* ctx);
    ast::ExprPtr expression(P::ExpressionContext* ctx);
    ast::ExprPtr primary(P::PrimaryContext* ctx);
    std::unique_ptr<ast::CallExpr> call(P::CallContext* ctx);
    std::unique_ptr<ast::VarExpr> var_ref(P::VarRefContext* ctx);

    FileId file_;
    const std::string& text_;
};

} // namespace ranvier::syntax
