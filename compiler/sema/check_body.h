// The body checker: walks the statements of every procedural block with its context (which block
// it is in, which LOCALs and formals are visible), resolves every name, and applies the rules
// that depend on where a statement stands (derivatives only in DERIVATIVE, WATCH only in
// NET_RECEIVE, ...). It records what the module-level checks need: calls and state equations.
#pragma once

#include "sema/symbols.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ranvier::sema {

enum class Context {
    Initial,
    Breakpoint,
    Derivative,
    Kinetic,
    Linear,
    Nonlinear,
    Discrete,
    Partial,
    Function,
    Procedure,
    NetReceive,
    NetReceiveInitial,
    Constructor,
    Destructor,
    BeforeAfter
};

struct BodyFacts {
    // caller -> callees, for FUNCTIONs and PROCEDUREs (recursion check).
    std::map<std::string, std::vector<ast::Identifier>> calls;
    // STATEs given an equation (x' =, a reaction, ~ equation) or assigned a value.
    std::set<std::string> states_with_equations;
    std::set<std::string> states_assigned;
    std::vector<const ast::SolveStmt*> solves;
};

class BodyChecker {
  public:
    BodyChecker(const SymbolTable& symbols, DiagnosticEngine& diags, BodyFacts& facts)
        : symbols_(symbols), diags_(diags), facts_(facts) {}

    void check(const ast::Item& item);

  private:
    struct Local {
        SourceRange declared;
        bool is_array = false;
    };
    using Scope = std::map<std::string, Local>;

    void enter(Context context, const ast::CallableItem* callable,
               const std::vector<ast::Formal>& formals);
    void block(const ast::Block& block);
    void declare_local(const ast::Identifier& name, bool is_array);
    void statement(const ast::Stmt& stmt);
    void assignment(const ast::AssignStmt& stmt);
    void reaction(const ast::ReactionStmt& stmt);
    void solve(const ast::SolveStmt& stmt);
    void collect_states(const ast::Expr& expr);
    void table(const ast::TableStmt& stmt);
    void require(bool allowed, SourceRange where, const std::string& what);
    void expr(const ast::Expr& expr);
    void var(const ast::VarExpr& var, bool assigned);
    void call(const ast::CallExpr& call);
    void undeclared(const ast::Identifier& name, const char* what);
    const Local* find_local(const std::string& name) const;
    bool in_net_receive() const {
        return context_ == Context::NetReceive || context_ == Context::NetReceiveInitial;
    }

    const SymbolTable& symbols_;
    DiagnosticEngine& diags_;
    BodyFacts& facts_;
    Context context_ = Context::Initial;
    const ast::CallableItem* callable_ = nullptr;
    std::vector<Scope> scopes_;
    std::set<std::string> reported_;
    std::size_t equations_ = 0;             // '~' equations of the LINEAR/NONLINEAR block
    std::set<std::string> equation_states_; // the STATEs they mention
};

} // namespace ranvier::sema
