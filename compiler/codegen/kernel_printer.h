// The kernel printer's parts, shared by the files of compiler/codegen (not a public interface):
// field and output records, the entry points' descriptions (Body), the solves and loops a body
// runs (Stage), and the KernelPrinter class.
#pragma once

#include "codegen/kernels.h"
#include "ode/derivative.h"
#include "ode/print.h"
#include "sym/cse.h"
#include "sym/print.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>
#include <string>
#include <unordered_set>
#include <vector>

namespace ranvier::codegen::detail {

// A C identifier for a source name: "ca[2]" -> "ca_2"; keywords get a trailing underscore.
inline std::string c_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
            out += c;
        else if (c == '[')
            out += '_';
    }
    if (sym::is_c_reserved_word(out))
        out += '_';
    // A file named 3state.mod names its mechanism 3state: not an identifier.
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])))
        out = "m_" + out;
    return out;
}

inline const std::map<std::string, const char*> kGlobals = {
    {"t", "RV_T"}, {"dt", "RV_DT"}, {"celsius", "RV_CELSIUS"}, {"secondorder", "RV_SECONDORDER"}};

struct Field {
    std::string name;  // as the descriptor reports it
    std::string ident; // f_<ident> in the Field enum
    const char* role;
    double initial = 0.0;
};

struct Output {
    int field; // a field, or an entry of the weight vector
    sym::Expr value;
    std::uint32_t line; // of the .mod file; 0 when unknown
};

// How an entry point is called: per instance, or per delivered event (NET_RECEIVE and its
// INITIAL block, which see a NetCon's weight vector).
// make_tables runs per table point.
enum class Shell { Instance, Delivery, NetconInit, TablePoint };

struct Body {
    const char* function;
    Shell shell = Shell::Instance;
    std::vector<Output> outputs;
    std::vector<Output> weights;           // weight-vector entries the body writes
    const ode::Effects* effects = nullptr; // events emitted and variates drawn
    const std::vector<ode::NetconLoop>* loops = nullptr;
};

inline bool is_internal(std::string_view name) {
    return !name.empty() && name[0] == '@';
}

// "@weight3" -> 3
inline int internal_index(std::string_view name, std::string_view prefix) {
    return std::stoi(std::string(name.substr(prefix.size())));
}

// A value a solve or a WHILE loop defines (an unknown of a LINEAR/NONLINEAR block, its
// derivative, a variable a loop carries): computed in the body, never loaded.
inline bool is_solved(sym::Expr e) {
    return ode::algebraic_unknown(e) || ode::algebraic_sensitivity(e) || ode::loop_variable(e);
}

// A LINEAR/NONLINEAR solve or a run-time WHILE loop that a body runs, in the order the .mod file
// ran them: the values it defines are computed in a loop of their own, after what they read.
struct Stage {
    int order = 0;
    const ode::AlgebraicSystem* system = nullptr; // a solve, or
    std::size_t system_index = 0;
    const ode::WhileLoop* loop = nullptr; // a loop
    // A solve: the structural non-zeros of dF/du, and for the derivatives d(u)/d(x) the body
    // reads, the partial dF/dx of every residual (through earlier solves).
    struct Entry {
        std::size_t row, column;
        sym::Expr value;
    };
    std::vector<Entry> entries;
    std::vector<std::string> wrt;
    std::vector<std::vector<sym::Expr>> dfdx; // [x][residual]

    const std::vector<sym::Expr>& symbols() const {
        return system ? system->symbols : loop->symbols;
    }
    // Evaluated before the loop: the starting values (and whether a WHILE runs at all).
    std::vector<sym::Expr> before() const {
        if (system)
            return system->guesses;
        std::vector<sym::Expr> out = loop->initial;
        out.push_back(loop->guard);
        return out;
    }
    // Evaluated on every trip, from the iterate.
    std::vector<sym::Expr> inner() const {
        std::vector<sym::Expr> out;
        if (loop) {
            out = loop->next;
            out.push_back(loop->condition);
            return out;
        }
        out = system->residuals;
        for (const Entry& e : entries)
            out.push_back(e.value);
        return out;
    }
    // Evaluated after the loop, from the result: what the derivatives need.
    std::vector<sym::Expr> after() const {
        std::vector<sym::Expr> out;
        if (wrt.empty())
            return out;
        for (const Entry& e : entries)
            out.push_back(e.value);
        for (const std::vector<sym::Expr>& column : dfdx)
            out.insert(out.end(), column.begin(), column.end());
        return out;
    }
};

void collect_variables(sym::Expr e, std::unordered_set<sym::Expr>& seen,
                       std::vector<sym::Expr>& out);

// Prints one mechanism's kernels: print() lays out the fields, then prints each entry point's
// body and shell and the descriptor. The parts live in kernels.cpp (layout, driver), bodies.cpp
// (straight-line bodies), stages.cpp (solves and loops inside bodies), solvers.cpp (steady
// state, propagator, tables) and descriptor.cpp (shells and the rv_mechanism descriptor).
class KernelPrinter {
  public:
    KernelPrinter(ode::Mechanism& mech, std::string source, Target target)
        : mech_(mech), source_(std::move(source)), target_(target), name_(c_name(mech.name)) {}

    void print(std::ostream& out);

  private:
    int field(const std::string& name, const std::string& ident, const char* role,
              double initial = 0.0);
    void lay_out();
    void lay_out_events();
    void body(std::ostream& out, const Body& b);
    struct StraightLine {
        std::vector<sym::Expr> inputs;
        sym::NameMap names; // of the inputs
        std::vector<sym::Temporary> temps;
        sym::NameMap temp_names; // of the temporaries and the inputs
    };
    // A body's expressions with the solves and loops they need (stages.cpp): `outer` are
    // evaluated at the body's top level, inner[i] in the loop of stages[i].
    struct Staging {
        std::vector<Stage> stages;
        std::vector<sym::Expr> outer;
        std::vector<std::vector<sym::Expr>> inner;
        StraightLine line;
    };
    Staging stage(const std::vector<sym::Expr>& roots, const std::vector<sym::Expr>& loop_values,
                  std::vector<std::string> reserved);
    void print_staged(std::ostream& out, const Staging& staging);
    void prologue(std::ostream& out, const Body& b, const StraightLine& line);
    std::vector<Stage> plan_stages(const std::vector<sym::Expr>& exprs);
    void solve_loop(std::ostream& out, std::size_t index, const Stage& solve,
                    const std::vector<std::string>& temps, const sym::NameMap& names,
                    const std::unordered_set<sym::Expr>& iterates);
    void while_loop(std::ostream& out, std::size_t index, const Stage& loop,
                    const std::vector<std::string>& temps, const sym::NameMap& names,
                    const std::unordered_set<sym::Expr>& iterates);
    void sensitivities(std::ostream& out, std::size_t index, const Stage& solve,
                       const sym::NameMap& names, const std::unordered_set<sym::Expr>& read);
    void netcon_loop(std::ostream& out, const ode::NetconLoop& loop, const sym::NameMap& outer);
    StraightLine straight_line(const std::vector<sym::Expr>& roots,
                               const std::vector<sym::Expr>& also,
                               std::vector<std::string> reserved);
    void steady_state(std::ostream& out);
    void propagate(std::ostream& out);
    bool make_tables(std::ostream& out);
    int table_points() const {
        int n = 0;
        for (const ode::Table& t : mech_.tables)
            n = std::max(n, t.points);
        return n;
    }
    void shell(std::ostream& out, const Body& b);
    void descriptor(std::ostream& out);
    void ion_table(std::ostream& out);
    std::string load(sym::Expr variable, const Body& b) const;
    int weight_count() const {
        return mech_.net_receive ? static_cast<int>(mech_.net_receive->formals.size()) : 0;
    }
    // Whether a NetCon's weight vector is state (written, initialised, or walked by
    // FOR_NETCONS) rather than a value each event only reads.
    bool netcon_storage() const {
        const auto& nr = mech_.net_receive;
        return nr && (!nr->weight_updates.empty() || !nr->initial_weights.empty() ||
                      !nr->netcon_loops.empty());
    }

    ode::Mechanism& mech_;
    std::string source_;
    Target target_;
    std::string name_;
    std::vector<Field> fields_;
    std::map<std::string, int> field_by_name_;
    std::vector<Output> initial_, rhs_, jacobian_, currents_, step_, watch_, discontinuities_;
    std::vector<Body> bodies_;
    std::vector<ode::JacobianEntry> entries_;
    std::vector<ode::CurrentJacobianEntry> current_entries_; // after entries_ in jacobian_
    std::vector<const char*> kernels_;
    int stream_field_ = -1, counter_field_ = -1;
    struct WatchFields {
        int armed, value, flag;
    };
    std::vector<WatchFields> watch_fields_;
};

} // namespace ranvier::codegen::detail
