// Symbolic execution of NMODL statements: runs a block with values that are sym expressions,
// so that after the run every variable the block wrote holds an expression of the block's
// inputs. This is how procedures and functions are inlined (their bodies run in a frame of
// their own), how IF/ELSE becomes select(), and how FROM loops with constant bounds unroll.
// KINETIC reactions accumulate mass-action fluxes in a KineticSystem.
#pragma once

#include "ast/ast.h"
#include "ode/mechanism.h"
#include "sema/symbols.h"
#include "support/diagnostics.h"
#include "sym/context.h"
#include "sym/print.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ranvier::ode {

// The values a block sees and writes. Names not in `values` are free symbols (parameters,
// states, v, ...). `locals` are the LOCALs and formals of the running block or callable.
struct Frame {
    std::map<std::string, sym::Expr> values;
    std::set<std::string> locals;
};

// Mass-action bookkeeping for one KINETIC block: d(amount)/dt per state, and the COMPARTMENT
// volume that turns an amount rate into a concentration rate.
struct KineticSystem {
    std::map<std::string, sym::Expr> rate;
    std::map<std::string, sym::Expr> volume;
    std::map<std::string, SourceRange> source;
    // CONSERVE lhs = rhs: the residual lhs - rhs and the last state it names (whose equation a
    // steady-state solve replaces by the conservation law).
    std::vector<std::pair<sym::Expr, std::string>> conserve;
};

// A STEADYSTATE SOLVE as INITIAL reaches it: the values then, and the IFs around it.
struct SolvePoint {
    const ast::SolveStmt* solve = nullptr;
    Frame frame;
    sym::Expr guard;
};

// What the executor needs to know of the module beyond its symbols: the values of DEFINEs and
// CONSTANTs (numbers, never free symbols) and the sizes of arrays.
struct ModuleConstants {
    std::map<std::string, double> values;
    std::map<std::string, int> array_sizes;
};

class Executor {
  public:
    Executor(sym::Context& ctx, const sema::SymbolTable& symbols, const ModuleConstants& constants,
             DiagnosticEngine& diags)
        : ctx_(ctx), symbols_(symbols), constants_(constants), diags_(diags) {}

    void run(const ast::Block& block, Frame& frame);
    sym::Expr eval(const ast::Expr& expr, Frame& frame);

    // When set, SOLVE of a PROCEDURE runs the procedure where the SOLVE stands, as NEURON does
    // once per step (old-style hand-integrated models); such SOLVEs are not in `solves`.
    bool inline_procedure_solves = false;
    // What those procedures did to STATEs: state -> its value after the step. The frame then
    // holds the STATE itself again, so the statements after the SOLVE read the updated state
    // (as NEURON's BREAKPOINT computes currents from the states it has just advanced).
    std::map<std::string, sym::Expr> step_updates;
    // Set while running a KINETIC block.
    KineticSystem* kinetic = nullptr;
    // Source names of the values assigned (value -> the name it was first assigned to), so that
    // temporaries in generated code read like the .mod file.
    sym::NameMap hints;
    // Where each name (x' for a derivative) was last assigned, for comments citing the .mod line.
    std::map<std::string, SourceRange> assigned_at;
    // SOLVE statements met by run(), for the caller to interpret (BREAKPOINT, INITIAL).
    std::vector<const ast::SolveStmt*> solves;
    std::vector<SolvePoint> steady_states; // the STEADYSTATE ones among them
    // Where the block's events and random draws go; null where the block may have none (the
    // right-hand side, the currents), which makes them an error.
    Effects* effects = nullptr;
    // Names a SOLVEd DERIVATIVE block assigned on the side (derivative_side_effects).
    std::set<std::string> derivative_side_names;
    // Set while running NET_RECEIVE: its WATCH statements, FOR_NETCONS loops and INITIAL block.
    std::vector<Watch>* watches = nullptr;
    std::vector<NetconLoop>* netcon_loops = nullptr;
    const ast::InitialStmt* net_receive_initial = nullptr;
    // at_time(te) calls: times at which the right-hand side jumps (under their guards), for
    // the integrators to stop at. Their value is 0, as in NEURON between steps.
    std::vector<std::pair<sym::Expr, sym::Expr>> discontinuities;
    // Set while running a DERIVATIVE block as METHOD cnexp updates (see cnexp_step): the states
    // updated, in statement order, and those whose equation is not linear in them.
    bool cnexp_sequential = false;
    std::vector<std::string> cnexp_order;
    std::set<std::string> cnexp_nonlinear;
    // The updates, in statement order, as functions of the states at the start of the step.
    std::vector<std::pair<std::string, sym::Expr>> cnexp_updates();
    // Where SOLVEs of LINEAR and NONLINEAR blocks go (the mechanism's list; null where there
    // may be none), and the STATE elements in declaration order, the candidate unknowns.
    std::vector<AlgebraicSystem>* algebraic = nullptr;
    std::vector<std::string> state_elements;
    // Where WHILE loops with a trip count known only at run time go (null: none allowed).
    std::vector<WhileLoop>* loops = nullptr;
    // Tables read, in order of first use: lookup(k, x) reads table k (FUNCTION_TABLEs, and with
    // use_tables the TABLEs of the FUNCTIONs and PROCEDUREs called).
    std::vector<Table> tables;
    bool use_tables = false;
    bool failed() const { return failed_; }

    // The symbols that stand for a draw, a NET_RECEIVE argument, a FOR_NETCONS argument and the
    // event's flag start with this character, which no NMODL name can contain.
    static constexpr char kInternal = '@';

  private:
    void statement(const ast::Stmt& stmt, Frame& frame);
    void assign(const ast::VarExpr& target, sym::Expr value, Frame& frame);
    void if_else(const ast::IfStmt& stmt, Frame& frame);
    void from_loop(const ast::FromStmt& stmt, Frame& frame);
    void while_loop(const ast::WhileStmt& stmt, Frame& frame);
    bool unroll_while(const ast::WhileStmt& stmt, Frame& frame);
    void run_time_loop(SourceRange where, SourceRange condition_at, Frame& frame,
                       const std::function<sym::Expr(Frame&)>& test,
                       const std::function<void(Frame&)>& body);
    bool recurrence(const ast::FromStmt& stmt, Frame& frame, sym::Expr count);
    void reaction(const ast::ReactionStmt& stmt, Frame& frame);
    void derivative_side_effects(const ast::NamedItem& block, Frame& frame);
    void algebraic_solve(const ast::SolveStmt& solve, const ast::NamedItem& block, Frame& frame);
    void compartment(const ast::CompartmentStmt& stmt, Frame& frame);
    sym::Expr read(const ast::VarExpr& var, Frame& frame);
    sym::Expr read_name(const std::string& name, Frame& frame);
    sym::Expr call(const ast::CallExpr& call, Frame& frame);
    sym::Expr inline_callable(const ast::CallableItem& callee, const std::vector<sym::Expr>& args,
                              SourceRange where, Frame& frame);
    sym::Expr builtin(const ast::CallExpr& call, Frame& frame);
    std::optional<sym::Expr> tabled_call(const ast::CallableItem& callee,
                                         const std::vector<sym::Expr>& args, Frame& frame);
    sym::Expr table(const std::string& name);
    std::string element_name(const ast::VarExpr& var, Frame& frame);
    std::optional<sym::Expr> run_time_index(const ast::VarExpr& var, Frame& frame);
    sym::Expr element_is(sym::Expr index, int k);
    std::optional<double> constant(const ast::Expr& expr, Frame& frame);
    void unsupported(SourceRange where, const std::string& what);
    void verbatim(const ast::TextStmt& stmt, Frame& frame);
    void return_statement(SourceRange where);
    void cnexp_step(const std::string& state, sym::Expr f, Frame& frame);
    void watch(const ast::WatchStmt& stmt, Frame& frame);
    void for_netcons(const ast::ForNetconsStmt& stmt, Frame& frame);
    std::optional<sym::Expr> random(const std::string& name, const std::vector<sym::Expr>& args,
                                    const ast::CallExpr& call);
    sym::Expr draw(Distribution distribution, const ast::CallExpr& call);
    void event(const ast::CallExpr& call, const std::vector<sym::Expr>& args, Frame& frame);

    sym::Context& ctx_;
    const sema::SymbolTable& symbols_;
    const ModuleConstants& constants_;
    DiagnosticEngine& diags_;
    int depth_ = 0;
    bool failed_ = false;
    // Inside an inlined callable: its name (for a FUNCTION's value), how deep in its blocks the
    // executor is, and whether a VERBATIM `return` ended it.
    const ast::CallableItem* callable_ = nullptr;
    int block_depth_ = 0;
    bool returned_ = false;
    int branch_depth_ = 0;         // IF branches being run, inside the running callable
    int open_verbatim_blocks_ = 0; // see translate_verbatim
    std::vector<sym::Expr>* residuals_ = nullptr;          // while running a LINEAR/NONLINEAR block
    int order_ = 0;                                        // solves and loops met so far
    bool in_while_ = false;                                // running the body of a run-time WHILE
    std::unordered_map<sym::Expr, sym::Expr> cnexp_values; // placeholder -> update
    // Translations of VERBATIM blocks, kept alive for the pointers into them.
    std::vector<std::unique_ptr<ast::Block>> translations_;
    sym::Expr guard_ = ctx_.one(); // the conjunction of the IFs on the way to the running statement
};

} // namespace ranvier::ode
