// KernelPrinter: lays out a mechanism's fields, then prints each entry point as one HOST_DEVICE
// body (shared subexpressions as temporaries named after the source, each output citing its
// .mod line), the C++ or CUDA shell around it, and the rv_mechanism descriptor.
#include "codegen/kernels.h"

#include "ode/derivative.h"
#include "ode/print.h"
#include "sym/cse.h"
#include "sym/differentiate.h"
#include "sym/print.h"
#include "sym/substitute.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <unordered_set>

namespace ranvier::codegen {

namespace {

// A C identifier for a source name: "ca[2]" -> "ca_2"; keywords get a trailing underscore.
std::string c_name(std::string_view name) {
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

const std::map<std::string, const char*> kGlobals = {
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

bool is_internal(std::string_view name) {
    return !name.empty() && name[0] == '@';
}

// "@weight3" -> 3
int internal_index(std::string_view name, std::string_view prefix) {
    return std::stoi(std::string(name.substr(prefix.size())));
}

// A value a solve or a WHILE loop defines (an unknown of a LINEAR/NONLINEAR block, its
// derivative, a variable a loop carries): computed in the body, never loaded.
bool is_solved(sym::Expr e) {
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

    const std::vector<sym::Expr>& symbols() const { return system ? system->symbols : loop->symbols; }
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
    struct StraightLine {
        std::vector<sym::Expr> inputs;
        sym::NameMap names; // of the inputs
        std::vector<sym::Temporary> temps;
        sym::NameMap temp_names; // of the temporaries and the inputs
    };
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

    ode::Mechanism& mech_;
    std::string source_;
    Target target_;
    std::string name_;
    std::vector<Field> fields_;
    std::map<std::string, int> field_by_name_;
    std::vector<Output> initial_, rhs_, jacobian_, currents_, step_, watch_, discontinuities_;
    std::vector<Body> bodies_;
    std::vector<ode::JacobianEntry> entries_;
    std::vector<const char*> kernels_;
    int stream_field_ = -1, counter_field_ = -1;
    struct WatchFields {
        int armed, value, flag;
    };
    std::vector<WatchFields> watch_fields_;
};

int KernelPrinter::field(const std::string& name, const std::string& ident, const char* role,
                         double initial) {
    auto [it, inserted] = field_by_name_.emplace(name, static_cast<int>(fields_.size()));
    if (!inserted)
        return it->second;
    // Two source names may map to one identifier ("x_1" and "x[1]"): number the later one.
    std::string unique = ident;
    auto taken = [&](const std::string& candidate) {
        return std::any_of(fields_.begin(), fields_.end(),
                           [&](const Field& f) { return f.ident == candidate; });
    };
    for (int n = 1; taken(unique); ++n)
        unique = ident + "_" + std::to_string(n);
    fields_.push_back({name, unique, role, initial});
    return it->second;
}

// Fields: the declared variables in declaration order (arrays element by element), the other
// inputs the expressions read (ion variables, area, ...), then the outputs.
void KernelPrinter::lay_out() {
    // Indexed by ode::VariableRole; a CONSTANT that was not folded is a fixed parameter.
    static const char* roles[] = {"RV_PARAMETER", "RV_ASSIGNED", "RV_STATE", "RV_PARAMETER"};
    for (const ode::Variable& var : mech_.variables) {
        // v and NEURON's globals may be declared (celsius in PARAMETER) but are not fields.
        if (var.name == "v" || kGlobals.count(var.name))
            continue;
        const char* role = roles[static_cast<int>(var.role)];
        if (std::find(mech_.pointers.begin(), mech_.pointers.end(), var.name) !=
            mech_.pointers.end())
            role = "RV_POINTER";
        double initial = var.default_value.value_or(0.0);
        if (var.array_size == 0)
            field(var.name, c_name(var.name), role, initial);
        for (int k = 0; k < var.array_size; ++k) {
            std::string element = var.name + "[" + std::to_string(k) + "]";
            field(element, c_name(element), role, initial);
        }
    }
    for (const ode::Mechanism::Ion& ion : mech_.ions) {
        for (const std::string& name : ion.read)
            field(name, c_name(name), "RV_ION_READ");
    }
    for (const std::string& name : mech_.pointers) // declared only in the NEURON block
        field(name, c_name(name), "RV_POINTER");
    lay_out_events();
    for (std::uint32_t id = 0; id < mech_.ctx.variable_count(); ++id) {
        std::string name(mech_.ctx.variable_by_id(id).name());
        if (name != "v" && !kGlobals.count(name) && !is_internal(name))
            field(name, c_name(name), "RV_ION_READ");
    }
    auto line = [](SourceRange r) { return r.begin.line; };
    // A block may assign v or a global: in NEURON that changes the block's local copy only, so
    // such values are never outputs (only names with a field are).
    for (const ode::Assignment& a : mech_.initial) {
        auto it = field_by_name_.find(a.name);
        if (it != field_by_name_.end())
            initial_.push_back({it->second, a.value, line(a.source)});
    }
    for (const ode::StateEquation& eq : mech_.equations)
        rhs_.push_back({field(eq.state + "'", "d" + c_name(eq.state) + "_dt", "RV_DERIVATIVE"),
                        eq.rhs, line(eq.source)});
    entries_ = ode::jacobian(mech_);
    for (const ode::JacobianEntry& e : entries_) {
        const std::string& row = mech_.equations[e.row].state;
        jacobian_.push_back({field("d(" + row + "')/d(" + e.column + ")",
                                   "J_" + c_name(row) + "_" + c_name(e.column), "RV_JACOBIAN"),
                             e.value, line(mech_.equations[e.row].source)});
    }
    for (const ode::Current& c : mech_.currents) {
        currents_.push_back({field(c.name, c_name(c.name), "RV_CURRENT"), c.value, line(c.source)});
        currents_.push_back(
            {field("d" + c.name + "/dv", "d" + c_name(c.name) + "_dv", "RV_CONDUCTANCE"),
             c.conductance, line(c.source)});
    }
    // What BREAKPOINT leaves in ASSIGNED fields (gna, ...) and in solved STATEs, for recording;
    // a value drawn once per step belongs to step(), not to every evaluation of the currents.
    for (const ode::Assignment& a : mech_.breakpoint_assigned) {
        auto it = field_by_name_.find(a.name);
        bool drawn = std::any_of(
            mech_.step_effects.draws.begin(), mech_.step_effects.draws.end(),
            [&](const ode::Draw& d) { return sym::depends_on(a.value, d.symbol); });
        if (it != field_by_name_.end() && !drawn)
            currents_.push_back({it->second, a.value, line(a.source)});
    }
    for (const ode::Assignment& a : mech_.step_updates) {
        auto it = field_by_name_.find(a.name);
        if (it != field_by_name_.end())
            step_.push_back({it->second, a.value, 0});
    }
    auto outputs_of = [&](const std::vector<ode::Assignment>& assignments) {
        std::vector<Output> outputs;
        for (const ode::Assignment& a : assignments) {
            auto it = field_by_name_.find(a.name);
            if (it != field_by_name_.end())
                outputs.push_back({it->second, a.value, line(a.source)});
        }
        return outputs;
    };
    bodies_.push_back(
        {"initialize", Shell::Instance, initial_, {}, &mech_.initial_effects, nullptr});
    bodies_.push_back({"rhs", Shell::Instance, rhs_, {}, nullptr, nullptr});
    bodies_.push_back({"jacobian", Shell::Instance, jacobian_, {}, nullptr, nullptr});
    bodies_.push_back({"compute_currents", Shell::Instance, currents_, {}, nullptr, nullptr});
    bodies_.push_back({"step", Shell::Instance, step_, {}, &mech_.step_effects, nullptr});
    bodies_.push_back(
        {"advance", Shell::Instance, outputs_of(mech_.cnexp_updates), {}, nullptr, nullptr});
    bodies_.push_back({"watch", Shell::Instance, watch_, {}, nullptr, nullptr});
    for (std::size_t k = 0; k < mech_.discontinuities.size(); ++k) {
        auto [guard, time] = mech_.discontinuities[k];
        std::string name = "@at_time" + std::to_string(k);
        int f = field(name, "at_time" + std::to_string(k), "RV_DISCONTINUITY");
        sym::Expr never = mech_.ctx.constant(-std::numeric_limits<double>::infinity());
        discontinuities_.push_back({f, mech_.ctx.select(guard, time, never), 0});
    }
    bodies_.push_back({"discontinuities", Shell::Instance, discontinuities_, {}, nullptr, nullptr});
    if (!mech_.net_receive)
        return;
    ode::NetReceive& nr = *mech_.net_receive;
    auto weights_of = [&](const std::vector<ode::Assignment>& assignments) {
        std::vector<Output> outputs;
        for (const ode::Assignment& a : assignments)
            outputs.push_back({std::stoi(a.name), a.value, line(a.source)});
        return outputs;
    };
    // NEURON: running any WATCH statement disarms the watches that did not run.
    std::vector<Output> handler = outputs_of(nr.updates);
    if (!nr.watches.empty()) {
        sym::Context& ctx = mech_.ctx;
        sym::Expr any = ctx.zero();
        for (const ode::Watch& w : nr.watches)
            any = ctx.logical_or(any, w.guard);
        for (std::size_t k = 0; k < nr.watches.size(); ++k) {
            const ode::Watch& w = nr.watches[k];
            sym::Expr armed = ctx.variable(fields_[watch_fields_[k].armed].name);
            sym::Expr flag = ctx.variable(fields_[watch_fields_[k].flag].name);
            handler.push_back({watch_fields_[k].armed,
                               ctx.select(any, ctx.select(w.guard, ctx.one(), ctx.zero()), armed),
                               line(w.source)});
            handler.push_back(
                {watch_fields_[k].flag, ctx.select(w.guard, w.flag, flag), line(w.source)});
        }
    }
    bodies_.push_back({"net_receive", Shell::Delivery, handler, weights_of(nr.weight_updates),
                       &nr.effects, &nr.netcon_loops});
    bodies_.push_back({"net_receive_initial",
                       Shell::NetconInit,
                       {},
                       weights_of(nr.initial_weights),
                       &nr.initial_effects,
                       nullptr});
}

// The fields events and draws need: a stream and a draw counter when any block draws, and per
// WATCH whether it is armed, its value and its flag.
void KernelPrinter::lay_out_events() {
    bool draws = !mech_.initial_effects.draws.empty() || !mech_.step_effects.draws.empty();
    if (mech_.net_receive) {
        const ode::NetReceive& nr = *mech_.net_receive;
        draws = draws || !nr.effects.draws.empty() || !nr.initial_effects.draws.empty();
        for (std::size_t k = 0; k < nr.watches.size(); ++k) {
            const std::string base = "@watch" + std::to_string(k);
            const std::string ident = "watch" + std::to_string(k);
            WatchFields w{field(base + ".armed", ident + "_armed", "RV_WATCH"),
                          field(base + ".value", ident + "_value", "RV_WATCH"),
                          field(base + ".flag", ident + "_flag", "RV_WATCH")};
            watch_fields_.push_back(w);
            watch_.push_back({w.value, nr.watches[k].value, nr.watches[k].source.begin.line});
        }
    }
    if (draws) {
        stream_field_ = field("@stream", "rv_stream", "RV_STREAM");
        counter_field_ = field("@draws", "rv_draws", "RV_COUNTER");
    }
}

std::string KernelPrinter::load(sym::Expr variable, const Body& b) const {
    std::string name(variable.name());
    if (name == "v")
        return "rv_in.voltage[rv_in.node[rv_i]]";
    if (name == "t" && b.shell == Shell::Delivery)
        return "rv_ev.time[rv_k]";
    if (name == "@flag")
        return "rv_ev.flag[rv_k]";
    if (name == "@point")
        return "static_cast<double>(rv_j)";
    if (name.starts_with("@weight")) {
        std::string entry = "rv_w[" + std::to_string(internal_index(name, "@weight")) + "]";
        return b.shell == Shell::Delivery ? "rv_w ? " + entry + " : 0.0" : entry;
    }
    if (name.starts_with("@draw")) {
        static const char* functions[] = {"random_uniform", "random_normal", "random_exponential"};
        int k = internal_index(name, "@draw");
        const ode::Draw& d = b.effects->draws.at(static_cast<std::size_t>(k));
        return std::string(functions[static_cast<int>(d.distribution)]) +
               "(rv_in.globals[RV_SEED], rv_in.fields[f_rv_stream][rv_i], "
               "rv_in.fields[f_rv_draws][rv_i]" +
               (k ? " + " + sym::to_c(mech_.ctx.constant(k)) : std::string()) + ")";
    }
    if (auto global = kGlobals.find(name); global != kGlobals.end())
        return std::string("rv_in.globals[") + global->second + "]";
    return "rv_in.fields[f_" + fields_[field_by_name_.at(name)].ident + "][rv_i]";
}

void collect_variables(sym::Expr e, std::unordered_set<sym::Expr>& seen,
                       std::vector<sym::Expr>& out) {
    if (!seen.insert(e).second)
        return;
    if (e.is_variable())
        out.push_back(e);
    for (sym::Expr operand : e.operands())
        collect_variables(operand, seen, out);
}

// One entry point: load the inputs the outputs read, compute the shared subexpressions once,
// store the outputs, emit the events (each under its guard), run the FOR_NETCONS loops. All
// values are computed before any is stored, so an output field may also be an input (a state
// updated by step()).
void KernelPrinter::body(std::ostream& out, const Body& b) {
    const std::size_t event_count = b.effects ? b.effects->events.size() : 0;
    const std::size_t loop_count = b.loops ? b.loops->size() : 0;
    if (b.outputs.empty() && b.weights.empty() && event_count == 0 && loop_count == 0)
        return;
    kernels_.push_back(b.function);
    std::vector<sym::Expr> roots;
    for (const Output& o : b.outputs)
        roots.push_back(o.value);
    for (const Output& o : b.weights)
        roots.push_back(o.value);
    for (std::size_t k = 0; k < event_count; ++k) {
        const ode::Event& e = b.effects->events[k];
        roots.insert(roots.end(), {e.guard, e.time, e.flag});
    }
    for (std::size_t k = 0; k < loop_count; ++k)
        roots.push_back((*b.loops)[k].guard);
    // What the loops read from the instance is loaded once, outside them.
    std::vector<sym::Expr> loop_values;
    for (std::size_t k = 0; k < loop_count; ++k)
        for (const ode::Assignment& a : (*b.loops)[k].updates)
            loop_values.push_back(a.value);
    // LINEAR/NONLINEAR systems and run-time WHILE loops the body reads run in it, in their
    // order, each where its values are first needed.
    std::vector<sym::Expr> outer = roots; // what is evaluated at the body's top level
    outer.insert(outer.end(), loop_values.begin(), loop_values.end());
    const std::vector<Stage> stages = plan_stages(outer);
    std::vector<sym::Expr> cse_roots = roots;
    std::vector<std::string> reserved = {"rv_in", "rv_i",  "rv_out", "rv_ev", "rv_k", "rv_w",
                                         "rv_netcon", "rv_n", "rv_nw", "rv_f", "rv_J", "rv_it"};
    std::vector<std::vector<sym::Expr>> loop_exprs(stages.size());
    for (std::size_t i = 0; i < stages.size(); ++i) {
        for (const char* prefix : {"rv_x", "rv_ok", "rv_A", "rv_s", "rv_w", "rv_trip"})
            reserved.push_back(prefix + std::to_string(i));
        loop_exprs[i] = stages[i].inner();
        const std::vector<sym::Expr> before = stages[i].before();
        std::vector<sym::Expr> after = stages[i].after();
        outer.insert(outer.end(), before.begin(), before.end());
        outer.insert(outer.end(), after.begin(), after.end());
        cse_roots.insert(cse_roots.end(), loop_exprs[i].begin(), loop_exprs[i].end());
    }
    cse_roots.insert(cse_roots.end(),
                     outer.begin() + static_cast<std::ptrdiff_t>(roots.size() + loop_values.size()),
                     outer.end());
    // Named references, not structured bindings: the lambdas below capture them.
    StraightLine straight = straight_line(cse_roots, loop_values, reserved);
    const std::vector<sym::Expr>& inputs = straight.inputs;
    sym::NameMap& names = straight.names;
    const std::vector<sym::Temporary>& temps = straight.temps;
    const sym::NameMap& temp_names = straight.temp_names;
    const bool reads_weights = std::any_of(
        inputs.begin(), inputs.end(), [](sym::Expr e) { return e.name().starts_with("@weight"); });
    const bool uses_weights = reads_weights || !b.weights.empty();
    const bool uses_netcon = b.shell != Shell::Instance && (uses_weights || event_count > 0);
    if (b.shell == Shell::Instance)
        out << "HOST_DEVICE inline void " << b.function
            << "(const rv_instances& rv_in, int rv_i) {\n";
    else {
        // A body that only rewrites the weight vector never names its instance.
        bool instance = !b.outputs.empty() || event_count > 0 || loop_count > 0;
        for (sym::Expr input : inputs) {
            std::string_view name = input.name();
            instance = instance || !(name == "@flag" || name.starts_with("@weight") ||
                                     (name == "t" && b.shell == Shell::Delivery) ||
                                     kGlobals.count(std::string(name)) || is_solved(input));
        }
        out << "HOST_DEVICE inline void " << b.function
            << "(const rv_instances& rv_in, const rv_deliveries& rv_ev, int rv_k) {\n";
        if (instance)
            out << "    const int rv_i = rv_ev.instance[rv_k];\n";
    }
    if (uses_netcon)
        out << "    const int rv_netcon = rv_ev.netcon[rv_k];\n";
    if (uses_weights && b.shell == Shell::Delivery)
        out << "    double* const rv_w = rv_netcon >= 0 ? rv_in.weights + rv_netcon * "
            << weight_count() << " : nullptr;\n";
    else if (uses_weights)
        out << "    double* const rv_w = rv_in.weights + rv_netcon * " << weight_count() << ";\n";
    for (sym::Expr input : inputs)
        if (!is_solved(input))
            out << "    const double " << names[input] << " = " << load(input, b) << ";\n";

    // Where each temporary goes. Its level is 0 when it reads nothing solved, 2i+1 when it reads
    // the values of stages[i] (computed after its loop) and 2i+2 when it reads their derivatives.
    // A temporary the loop of stages[i] needs at level 2i+1 is computed in the loop, from the
    // iterate; one needed outside is (also) computed after it.
    std::vector<std::pair<sym::Expr, int>> solved;
    for (sym::Expr input : inputs) {
        auto unknown = ode::algebraic_unknown(input);
        auto sensitivity = ode::algebraic_sensitivity(input);
        auto carried = ode::loop_variable(input);
        for (std::size_t i = 0; i < stages.size(); ++i) {
            const int value = static_cast<int>(2 * i + 1);
            if (unknown && stages[i].system && unknown->system == stages[i].system_index)
                solved.emplace_back(input, value);
            else if (sensitivity && stages[i].system &&
                     sensitivity->first.system == stages[i].system_index)
                solved.emplace_back(input, value + 1);
            else if (carried && stages[i].loop == &mech_.loops.at(carried->system))
                solved.emplace_back(input, value);
        }
    }
    auto level = [&](sym::Expr e) {
        int l = 0;
        for (const auto& [symbol, at] : solved)
            if (at > l && sym::depends_on(e, symbol))
                l = at;
        return l;
    };
    std::unordered_map<sym::Expr, std::size_t> temp_of;
    for (std::size_t t = 0; t < temps.size(); ++t)
        temp_of[temps[t].value] = t;
    // The temporaries and solved symbols an expression names (a temporary stands for its tree).
    auto references = [&](sym::Expr e, bool definition, std::vector<std::size_t>& used,
                          std::unordered_set<sym::Expr>& read) {
        std::unordered_set<sym::Expr> seen;
        std::vector<sym::Expr> stack;
        if (definition)
            stack.assign(e.operands().begin(), e.operands().end());
        else
            stack.push_back(e);
        while (!stack.empty()) {
            sym::Expr x = stack.back();
            stack.pop_back();
            if (!seen.insert(x).second)
                continue;
            if (auto it = temp_of.find(x); it != temp_of.end()) {
                used.push_back(it->second);
                continue;
            }
            if (x.is_variable() && is_solved(x))
                read.insert(x);
            for (sym::Expr operand : x.operands())
                stack.push_back(operand);
        }
    };
    // Marks the temporaries `exprs` need, transitively; collects the solved symbols named.
    auto need = [&](const std::vector<sym::Expr>& exprs, std::vector<std::size_t> used,
                    std::vector<char>& marked, std::unordered_set<sym::Expr>& read) {
        for (sym::Expr e : exprs)
            references(e, false, used, read);
        while (!used.empty()) {
            std::size_t t = used.back();
            used.pop_back();
            if (marked[t])
                continue;
            marked[t] = 1;
            references(temps[t].value, true, used, read);
        }
    };
    std::vector<char> at_top(temps.size(), 0);
    std::vector<std::vector<char>> in_loop(stages.size(), std::vector<char>(temps.size(), 0));
    std::vector<std::unordered_set<sym::Expr>> read_in_loop(stages.size());
    std::vector<std::size_t> outer_seeds;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        std::vector<char> loop(temps.size(), 0);
        need(loop_exprs[i], {}, loop, read_in_loop[i]);
        for (std::size_t t = 0; t < temps.size(); ++t) {
            if (!loop[t])
                continue;
            if (level(temps[t].value) == static_cast<int>(2 * i + 1))
                in_loop[i][t] = 1;
            else
                outer_seeds.push_back(t);
        }
    }
    std::unordered_set<sym::Expr> read_outside;
    need(outer, outer_seeds, at_top, read_outside);
    auto read_elsewhere = [&](sym::Expr symbol, std::size_t i) {
        if (read_outside.count(symbol))
            return true;
        for (std::size_t j = 0; j < stages.size(); ++j)
            if (j != i && read_in_loop[j].count(symbol))
                return true;
        return false;
    };
    const int top_level = static_cast<int>(2 * stages.size());
    for (int l = 0; l <= top_level; ++l) {
        if (l % 2 == 1) {
            const std::size_t i = static_cast<std::size_t>(l / 2);
            const Stage& stage = stages[i];
            std::vector<std::string> loop_temps;
            for (std::size_t t = 0; t < temps.size(); ++t)
                if (in_loop[i][t])
                    loop_temps.push_back("const double " + temps[t].name + " = " +
                                         sym::to_c_definition(temps[t].value, temp_names) + ";");
            if (stage.loop)
                while_loop(out, i, stage, loop_temps, temp_names, read_in_loop[i]);
            else
                solve_loop(out, i, stage, loop_temps, temp_names, read_in_loop[i]);
            const std::string k = std::to_string(i);
            const std::string ok = stage.loop ? "rv_trip" + k + " < kMaxWhileTrips" : "rv_ok" + k;
            const std::string values = stage.loop ? "rv_w" + k : "rv_x" + k;
            const std::vector<sym::Expr>& symbols = stage.symbols();
            for (std::size_t u = 0; u < symbols.size(); ++u)
                if (read_elsewhere(symbols[u], i))
                    out << "    const double " << temp_names.at(symbols[u]) << " = " << ok << " ? "
                        << values << "[" << u << "] : NAN;\n";
        } else if (l > 0 && !stages[static_cast<std::size_t>(l / 2 - 1)].wrt.empty()) {
            const std::size_t i = static_cast<std::size_t>(l / 2 - 1);
            std::unordered_set<sym::Expr> read;
            for (const auto& [symbol, at] : solved)
                if (at == l && read_elsewhere(symbol, i))
                    read.insert(symbol);
            sensitivities(out, i, stages[i], temp_names, read);
        }
        for (std::size_t t = 0; t < temps.size(); ++t)
            if (at_top[t] && level(temps[t].value) == l)
                out << "    const double " << temps[t].name << " = "
                    << sym::to_c_definition(temps[t].value, temp_names) << ";\n";
    }
    auto cite = [&](std::uint32_t line) {
        return line ? " // " + source_ + ":" + std::to_string(line) : std::string();
    };
    for (std::size_t k = 0; k < b.outputs.size(); ++k)
        out << "    const double rv_out" << k << " = " << sym::to_c(b.outputs[k].value, temp_names)
            << ";" << cite(b.outputs[k].line) << "\n";
    for (std::size_t k = 0; k < b.outputs.size(); ++k)
        out << "    rv_in.fields[f_" << fields_[b.outputs[k].field].ident << "][rv_i] = rv_out" << k
            << ";\n";
    if (!b.weights.empty()) {
        const char* indent = b.shell == Shell::Delivery ? "        " : "    ";
        if (b.shell == Shell::Delivery)
            out << "    if (rv_w) {\n";
        for (const Output& o : b.weights)
            out << indent << "rv_w[" << o.field << "] = " << sym::to_c(o.value, temp_names) << ";"
                << cite(o.line) << "\n";
        if (b.shell == Shell::Delivery)
            out << "    }\n";
    }
    if (b.effects && !b.effects->draws.empty())
        out << "    rv_in.fields[f_rv_draws][rv_i] += " << b.effects->draws.size() << ".0;\n";
    static const char* kinds[] = {"RV_EVENT_SELF", "RV_EVENT_SPIKE", "RV_EVENT_MOVE"};
    for (std::size_t k = 0; k < event_count; ++k) {
        const ode::Event& e = b.effects->events[k];
        out << "    ";
        if (!(e.guard.is_constant() && e.guard.value() == 1.0))
            out << "if (" << sym::to_c(e.guard, temp_names) << ") ";
        out << "emit(*rv_in.events, " << kinds[static_cast<int>(e.kind)] << ", rv_i, "
            << sym::to_c(e.time, temp_names) << ", " << sym::to_c(e.flag, temp_names) << ", "
            << (b.shell == Shell::Instance ? "-1" : "rv_netcon") << ");"
            << cite(e.source.begin.line) << "\n";
    }
    for (std::size_t k = 0; k < loop_count; ++k)
        netcon_loop(out, (*b.loops)[k], temp_names);
    out << "}\n\n";
}

// The solves and loops `exprs` read, with what they need: a stage's own expressions may read
// earlier stages (and a solve's dF/dx the derivatives of earlier solves), so one pass from the
// last stage to the first finds them all.
std::vector<Stage> KernelPrinter::plan_stages(const std::vector<sym::Expr>& exprs) {
    if (mech_.algebraic.empty() && mech_.loops.empty())
        return {};
    sym::Context& ctx = mech_.ctx;
    std::map<int, Stage> stages; // by order
    std::map<int, Stage> all;
    for (std::size_t k = 0; k < mech_.algebraic.size(); ++k) {
        Stage stage;
        stage.order = mech_.algebraic[k].order;
        stage.system = &mech_.algebraic[k];
        stage.system_index = k;
        all[stage.order] = stage;
    }
    for (const ode::WhileLoop& loop : mech_.loops) {
        Stage stage;
        stage.order = loop.order;
        stage.loop = &loop;
        all[stage.order] = stage;
    }
    struct Defined {
        sym::Expr symbol;
        int order;
        std::string wrt; // a derivative d(u)/d(wrt)
    };
    std::vector<Defined> defined;
    for (std::uint32_t id = 0; id < ctx.variable_count(); ++id) {
        sym::Expr symbol = ctx.variable_by_id(id);
        if (auto u = ode::algebraic_unknown(symbol))
            defined.push_back({symbol, mech_.algebraic.at(u->system).order, ""});
        else if (auto d = ode::algebraic_sensitivity(symbol))
            defined.push_back({symbol, mech_.algebraic.at(d->first.system).order, d->second});
        else if (auto w = ode::loop_variable(symbol))
            defined.push_back({symbol, mech_.loops.at(w->system).order, ""});
    }
    std::set<std::pair<int, std::string>> wanted;
    auto scan = [&](sym::Expr e) {
        for (const Defined& d : defined) {
            if (!sym::depends_on(e, d.symbol))
                continue;
            stages.try_emplace(d.order, all.at(d.order));
            if (!d.wrt.empty())
                wanted.emplace(d.order, d.wrt);
        }
    };
    for (sym::Expr e : exprs)
        scan(e);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        auto found = stages.find(it->first);
        if (found == stages.end())
            continue;
        Stage& stage = found->second;
        for (sym::Expr e : stage.before())
            scan(e);
        if (stage.loop) {
            for (sym::Expr e : stage.inner())
                scan(e);
            continue;
        }
        const ode::AlgebraicSystem& system = *stage.system;
        for (std::size_t r = 0; r < system.residuals.size(); ++r) {
            scan(system.residuals[r]);
            for (std::size_t c = 0; c < system.symbols.size(); ++c)
                if (sym::depends_on(system.residuals[r], system.symbols[c]))
                    stage.entries.push_back(
                        {r, c, sym::diff(ctx, system.residuals[r], system.symbols[c])});
        }
        for (const auto& [order, x] : wanted) {
            if (order != stage.order)
                continue;
            stage.wrt.push_back(x);
            std::vector<sym::Expr> column;
            for (sym::Expr r : system.residuals) {
                column.push_back(ode::derivative(mech_, r, ctx.variable(x), stage.system_index));
                scan(column.back());
            }
            stage.dfdx.push_back(std::move(column));
        }
    }
    std::vector<Stage> out;
    for (auto& [order, stage] : stages)
        out.push_back(std::move(stage));
    return out;
}

// Newton's method for one system, from the values before its SOLVE (one step, exact, for a
// LINEAR block): each iteration evaluates the residuals and their structural non-zeros dF/du at
// the iterate. The unknowns are NaN after the loop when it did not converge (or dF/du is
// singular), for the integrator to report with the cell and the time.
void KernelPrinter::solve_loop(std::ostream& out, std::size_t index, const Stage& solve,
                               const std::vector<std::string>& temps, const sym::NameMap& names,
                               const std::unordered_set<sym::Expr>& iterates) {
    const ode::AlgebraicSystem& system = *solve.system;
    const std::size_t n = system.symbols.size();
    const std::string k = std::to_string(index);
    const std::string x = "rv_x" + k, ok = "rv_ok" + k;
    out << "    // " << (system.linear ? "LINEAR " : "NONLINEAR ") << system.block << ", "
        << source_ << ":" << system.source.begin.line
        << (system.linear ? ": one Newton step from the values before the SOLVE is exact\n"
                          : ": Newton's method from the values before the SOLVE\n");
    out << "    double " << x << "[" << n << "] = {";
    for (std::size_t u = 0; u < n; ++u)
        out << (u ? ", " : "") << sym::to_c(system.guesses[u], names);
    out << "};\n    bool " << ok << " = false;\n";
    const char* indent = "        ";
    if (system.linear)
        out << "    {\n";
    else
        out << "    for (int rv_it = 0; rv_it < kMaxNewtonIterations && !" << ok
            << "; ++rv_it) {\n";
    for (std::size_t u = 0; u < n; ++u)
        if (iterates.count(system.symbols[u]))
            out << indent << "const double " << names.at(system.symbols[u]) << " = " << x << "["
                << u << "];\n";
    for (const std::string& t : temps)
        out << indent << t << "\n";
    out << indent << "double rv_f[" << n << "] = {";
    for (std::size_t r = 0; r < n; ++r)
        out << (r ? ", " : "") << sym::to_c(system.residuals[r], names);
    out << "};\n" << indent << "double rv_J[" << n * n << "] = {};\n";
    for (const Stage::Entry& e : solve.entries)
        out << indent << "rv_J[" << e.row * n + e.column << "] = " << sym::to_c(e.value, names)
            << ";\n";
    out << indent << ok << " = " << (system.linear ? "linear_update<" : "newton_update<") << n
        << ">(rv_J, rv_f, " << x << ");\n    }\n";
}

// The derivatives of the unknowns at the solution, by the implicit function theorem:
// (dF/du) du/dx = -dF/dx, one dense solve for all the x the body needs.
void KernelPrinter::sensitivities(std::ostream& out, std::size_t index, const Stage& solve,
                                  const sym::NameMap& names,
                                  const std::unordered_set<sym::Expr>& read) {
    const ode::AlgebraicSystem& system = *solve.system;
    const std::size_t n = system.symbols.size();
    const std::size_t m = solve.wrt.size();
    const std::string k = std::to_string(index);
    out << "    // d(" << system.block << ")/d(";
    for (std::size_t j = 0; j < m; ++j)
        out << (j ? ", " : "") << solve.wrt[j];
    out << "): (dF/du) du/dx = -dF/dx at the solution\n";
    out << "    double rv_A" << k << "[" << n * n << "] = {};\n";
    for (const Stage::Entry& e : solve.entries)
        out << "    rv_A" << k << "[" << e.row * n + e.column << "] = " << sym::to_c(e.value, names)
            << ";\n";
    out << "    double rv_s" << k << "[" << n * m << "] = {";
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t j = 0; j < m; ++j)
            out << (r + j ? ", " : "") << sym::to_c(mech_.ctx.neg(solve.dfdx[j][r]), names);
    out << "};\n    solve_dense<" << n << ", " << m << ">(rv_A" << k << ", rv_s" << k << ");\n";
    sym::Context& ctx = mech_.ctx;
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t j = 0; j < m; ++j) {
            sym::Expr symbol = ctx.variable("@dalg" + std::to_string(solve.system_index) + "." +
                                            std::to_string(u) + "/" + solve.wrt[j]);
            if (read.count(symbol))
                out << "    const double " << names.at(symbol) << " = rv_s" << k << "["
                    << u * m + j << "];\n";
        }
}

// A WHILE loop with a run-time trip count: the carried values start from `initial`; each trip
// tests the condition on them and, while it holds, replaces them by `next`. A loop that has not
// ended after kMaxWhileTrips trips leaves NaN, for the runtime to report.
void KernelPrinter::while_loop(std::ostream& out, std::size_t index, const Stage& stage,
                               const std::vector<std::string>& temps, const sym::NameMap& names,
                               const std::unordered_set<sym::Expr>& iterates) {
    const ode::WhileLoop& loop = *stage.loop;
    const std::size_t n = loop.symbols.size();
    const std::string k = std::to_string(index);
    const std::string w = "rv_w" + k, trip = "rv_trip" + k;
    out << "    // loop, " << source_ << ":" << loop.source.begin.line << "\n";
    if (n > 0) {
        out << "    double " << w << "[" << n << "] = {";
        for (std::size_t c = 0; c < n; ++c)
            out << (c ? ", " : "") << sym::to_c(loop.initial[c], names);
        out << "};\n";
    }
    // Where the IFs around the loop do not hold, it does not run (its values are not read).
    const bool always = loop.guard.is_constant() && loop.guard.value() != 0.0;
    std::string guard = sym::to_c(loop.guard, names);
    if (!names.count(loop.guard) && !loop.guard.is_variable())
        guard = "(" + guard + ")";
    out << "    int " << trip << " = 0;\n    for (; " << (always ? "" : guard + " && ") << trip
        << " < kMaxWhileTrips; ++" << trip << ") {\n";
    for (std::size_t c = 0; c < n; ++c)
        if (iterates.count(loop.symbols[c]))
            out << "        const double " << names.at(loop.symbols[c]) << " = " << w << "[" << c
                << "];\n";
    for (const std::string& t : temps)
        out << "        " << t << "\n";
    out << "        if (!(" << sym::to_c(loop.condition, names) << ")) break;\n";
    for (std::size_t c = 0; c < n; ++c)
        if (!(loop.next[c] == loop.symbols[c]))
            out << "        " << w << "[" << c << "] = " << sym::to_c(loop.next[c], names)
                << ";\n";
    out << "    }\n";
}

// FOR_NETCONS: the loop body is its own straight-line block, over the weight vector of each
// NetCon of the instance; it sees the handler's inputs and temporaries by name.
void KernelPrinter::netcon_loop(std::ostream& out, const ode::NetconLoop& loop,
                                const sym::NameMap& outer) {
    if (loop.updates.empty())
        return;
    std::vector<sym::Expr> roots;
    for (const ode::Assignment& a : loop.updates)
        roots.push_back(a.value);
    std::unordered_set<sym::Expr> seen;
    std::vector<sym::Expr> inputs;
    for (sym::Expr root : roots)
        collect_variables(root, seen, inputs);
    std::erase_if(inputs, [](sym::Expr e) { return !e.name().starts_with("@netcon"); });
    std::sort(inputs.begin(), inputs.end(), sym::ExprIdLess());
    sym::NameMap names = outer;
    for (sym::Expr input : inputs)
        names[input] = "nc_" + c_name(loop.formals[internal_index(input.name(), "@netcon")]);
    std::vector<sym::Temporary> temps = sym::common_subexpressions(roots);
    std::erase_if(temps, [&](const sym::Temporary& t) { return outer.count(t.value) > 0; });
    for (sym::Temporary& t : temps)
        t.name = "nc_" + t.name;
    sym::NameMap inner = sym::temporary_names(temps);
    names.insert(inner.begin(), inner.end());
    out << "    ";
    if (!(loop.guard.is_constant() && loop.guard.value() == 1.0))
        out << "if (" << sym::to_c(loop.guard, outer) << ") ";
    out << "for (int rv_n = rv_in.netcon_begin[rv_i]; rv_n < rv_in.netcon_begin[rv_i + 1]; "
           "++rv_n) { // "
        << source_ << ":" << loop.source.begin.line << "\n"
        << "        double* const rv_nw = rv_in.weights + rv_n * " << weight_count() << ";\n";
    for (sym::Expr input : inputs)
        out << "        const double " << names[input] << " = rv_nw["
            << internal_index(input.name(), "@netcon") << "];\n";
    for (const sym::Temporary& t : temps)
        out << "        const double " << t.name << " = " << sym::to_c_definition(t.value, names)
            << ";\n";
    for (std::size_t k = 0; k < loop.updates.size(); ++k)
        out << "        const double rv_nc" << k << " = " << sym::to_c(loop.updates[k].value, names)
            << ";\n";
    for (std::size_t k = 0; k < loop.updates.size(); ++k)
        out << "        rv_nw[" << loop.updates[k].name << "] = rv_nc" << k << ";\n";
    out << "    }\n";
}

// The variables `roots` (and `also`) read, sorted and named after the source (a NET_RECEIVE
// argument after its formal, a draw rv_drawK), and the shared subexpressions of `roots` as
// temporaries; `reserved` are the kernel's own names, which inputs never take.
KernelPrinter::StraightLine KernelPrinter::straight_line(const std::vector<sym::Expr>& roots,
                                                         const std::vector<sym::Expr>& also,
                                                         std::vector<std::string> reserved) {
    StraightLine s;
    std::unordered_set<sym::Expr> seen;
    for (sym::Expr root : roots)
        collect_variables(root, seen, s.inputs);
    for (sym::Expr root : also)
        collect_variables(root, seen, s.inputs);
    // A FOR_NETCONS argument is loaded inside its loop (netcon_loop), never at the top.
    std::erase_if(s.inputs, [](sym::Expr e) { return e.name().starts_with("@netcon"); });
    std::sort(s.inputs.begin(), s.inputs.end(), sym::ExprIdLess());
    sym::CseOptions options;
    options.reserved = std::move(reserved);
    for (sym::Expr input : s.inputs) {
        std::string_view name = input.name();
        std::string& spelled = s.names[input];
        if (name.starts_with("@weight"))
            spelled =
                c_name(mech_.net_receive
                           ->formals[static_cast<std::size_t>(internal_index(name, "@weight"))]);
        else if (name == "@flag")
            spelled = "flag";
        else if (name.starts_with("@draw"))
            spelled = "rv_draw" + std::string(name.substr(5));
        else if (auto unknown = ode::algebraic_unknown(input)) {
            const ode::AlgebraicSystem& system = mech_.algebraic.at(unknown->system);
            spelled = c_name(system.unknowns.at(unknown->unknown)) + "_" + c_name(system.block);
        } else if (auto carried = ode::loop_variable(input)) {
            spelled = c_name(mech_.loops.at(carried->system).carried.at(carried->unknown)) + "_loop";
        } else if (auto sensitivity = ode::algebraic_sensitivity(input)) {
            const ode::AlgebraicSystem& system = mech_.algebraic.at(sensitivity->first.system);
            spelled = "d" + c_name(system.unknowns.at(sensitivity->first.unknown)) + "_d" +
                      c_name(sensitivity->second) + "_" + c_name(system.block);
        } else
            spelled = c_name(name);
        // A formal shadows a field of its name, but an inlined FUNCTION may read the field.
        while (std::count(options.reserved.begin(), options.reserved.end(), spelled) > 0)
            spelled += "_";
        options.reserved.push_back(spelled);
    }
    s.temps = sym::common_subexpressions(roots, mech_.hints, options);
    s.temp_names = sym::temporary_names(s.temps);
    s.temp_names.insert(s.names.begin(), s.names.end());
    return s;
}

// STEADYSTATE: Newton's method on residuals(states) = 0 with the exact dense Jacobian, from the
// states' current values. The inputs that are not states are loaded once; each iteration
// evaluates the residuals and the Jacobian's structural non-zeros at the current iterate. States
// that do not converge in kMaxIterations become NaN, for the runtime to report with the cell.
void KernelPrinter::steady_state(std::ostream& out) {
    const ode::SteadyState& ss = *mech_.steady_state;
    const std::size_t n = ss.states.size();
    sym::Context& ctx = mech_.ctx;
    kernels_.push_back("steady_state");
    std::vector<sym::Expr> unknowns;
    for (const std::string& s : ss.states)
        unknowns.push_back(ctx.variable(s));
    struct Entry {
        std::size_t row, column;
        sym::Expr value;
    };
    std::vector<Entry> entries;
    std::vector<sym::Expr> roots = ss.residuals;
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < n; ++c)
            if (sym::depends_on(ss.residuals[r], unknowns[c])) {
                entries.push_back({r, c, sym::diff(ctx, ss.residuals[r], unknowns[c])});
                roots.push_back(entries.back().value);
            }
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {ss.guard},
                      {"rv_in", "rv_i", "rv_y", "rv_f", "rv_J", "rv_it", "rv_k", "rv_converged"});
    std::unordered_set<sym::Expr> seen(inputs.begin(), inputs.end());
    const Body shell_body{"steady_state", Shell::Instance, {}, {}, nullptr, nullptr};
    auto is_unknown = [&](sym::Expr e) {
        return std::find(unknowns.begin(), unknowns.end(), e) != unknowns.end();
    };
    out << "HOST_DEVICE inline void steady_state(const rv_instances& rv_in, int rv_i) { // "
        << source_ << ":" << ss.source.begin.line << "\n";
    for (sym::Expr input : inputs)
        if (!is_unknown(input))
            out << "    const double " << names[input] << " = " << load(input, shell_body) << ";\n";
    if (!(ss.guard.is_constant() && ss.guard.value() == 1.0))
        out << "    if (!(" << sym::to_c(ss.guard, names) << ")) return;\n";
    // What does not depend on the states (rates, mostly) is computed once, before the loop.
    auto varies = [&](sym::Expr e) {
        return std::any_of(unknowns.begin(), unknowns.end(),
                           [&](sym::Expr u) { return sym::depends_on(e, u); });
    };
    for (const sym::Temporary& t : temps)
        if (!varies(t.value))
            out << "    const double " << t.name << " = "
                << sym::to_c_definition(t.value, temp_names) << ";\n";
    out << "    constexpr int n = " << n << ";\n    double rv_y[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << load(unknowns[k], shell_body);
    out << "};\n    bool rv_converged = false;\n"
        << "    for (int rv_it = 0; rv_it < kMaxNewtonIterations && !rv_converged; ++rv_it) {\n";
    for (std::size_t k = 0; k < n; ++k)
        if (seen.count(unknowns[k]))
            out << "        const double " << names[unknowns[k]] << " = rv_y[" << k << "];\n";
    for (const sym::Temporary& t : temps)
        if (varies(t.value))
            out << "        const double " << t.name << " = "
                << sym::to_c_definition(t.value, temp_names) << ";\n";
    // One Newton iteration of an implicit Euler step of kSteadyStateStep from y: rate rows
    // solve -h f(y) = (I - h J) dy, CONSERVE rows law(y) = 0.
    out << "        double rv_f[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << (ss.conserve[k] ? "" : "-kSteadyStateStep * (")
            << sym::to_c(ss.residuals[k], temp_names) << (ss.conserve[k] ? "" : ")");
    out << "};\n        double rv_J[n * n] = {};\n";
    for (std::size_t k = 0; k < n; ++k)
        if (!ss.conserve[k])
            out << "        rv_J[" << k * n + k << "] = 1.0;\n";
    for (const Entry& e : entries) {
        const std::size_t k = e.row * n + e.column;
        if (ss.conserve[e.row])
            out << "        rv_J[" << k << "] = " << sym::to_c(e.value, temp_names) << ";\n";
        else
            out << "        rv_J[" << k << "] -= kSteadyStateStep * ("
                << sym::to_c(e.value, temp_names) << ");\n";
    }
    out << "        rv_converged = newton_update<n>(rv_J, rv_f, rv_y);\n    }\n";
    for (std::size_t k = 0; k < n; ++k)
        out << "    rv_in.fields[f_" << fields_[field_by_name_.at(ss.states[k])].ident
            << "][rv_i] = rv_converged ? rv_y[" << k << "] : NAN;\n";
    out << "}\n\n";
}

// The exact propagator of a linear system: A and b from the instance, then exp of the augmented
// matrix (expm.h) applied to the states.
void KernelPrinter::propagate(std::ostream& out) {
    const ode::LinearSystem& system = *mech_.linear;
    const std::size_t n = mech_.equations.size();
    kernels_.push_back("propagate");
    std::vector<sym::Expr> roots = system.a;
    roots.insert(roots.end(), system.b.begin(), system.b.end());
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {}, {"rv_in", "rv_i", "rv_A", "rv_b", "rv_y", "n"});
    const Body shell_body{"propagate", Shell::Instance, {}, {}, nullptr, nullptr};
    out << "HOST_DEVICE inline void propagate(const rv_instances& rv_in, int rv_i) {\n";
    for (sym::Expr input : inputs)
        out << "    const double " << names[input] << " = " << load(input, shell_body) << ";\n";
    for (const sym::Temporary& t : temps)
        out << "    const double " << t.name << " = " << sym::to_c_definition(t.value, temp_names)
            << ";\n";
    out << "    constexpr int n = " << n << ";\n    const double rv_A[n * n] = {";
    for (std::size_t k = 0; k < system.a.size(); ++k)
        out << (k ? ", " : "") << sym::to_c(system.a[k], temp_names);
    out << "};\n    const double rv_b[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << sym::to_c(system.b[k], temp_names);
    out << "};\n    double rv_y[n] = {";
    for (std::size_t k = 0; k < n; ++k)
        out << (k ? ", " : "") << load(mech_.equations[k].state_var, shell_body);
    out << "};\n    linear_propagate<n>(rv_A, rv_b, rv_y, rv_in.globals[RV_DT]);\n";
    for (std::size_t k = 0; k < n; ++k)
        out << "    rv_in.fields[f_" << fields_[field_by_name_.at(mech_.equations[k].state)].ident
            << "][rv_i] = rv_y[" << k << "];\n";
    out << "}\n\n";
}

// The tables of TABLE statements (compiled with tables on), point rv_j of each: x on the
// uniform grid from..to, y the tabled value there. They belong to the mechanism, not to an
// instance: the globals they DEPEND on are read from instance 0.
bool KernelPrinter::make_tables(std::ostream& out) {
    sym::Context& ctx = mech_.ctx;
    std::vector<sym::Expr> roots;
    std::vector<std::size_t> generated;
    const sym::Expr point = ctx.variable("@point");
    for (std::size_t k = 0; k < mech_.tables.size(); ++k) {
        const ode::Table& t = mech_.tables[k];
        if (t.value.is_null())
            continue; // a FUNCTION_TABLE: the runtime's points
        sym::Expr step = ctx.div(ctx.sub(t.to, t.from), ctx.constant(t.points - 1));
        sym::Expr x = ctx.add(t.from, ctx.mul(point, step));
        std::unordered_map<sym::Expr, sym::Expr> at{
            {ctx.variable("@table" + std::to_string(k)), x}};
        roots.push_back(x);
        roots.push_back(sym::substitute(ctx, t.value, at));
        generated.push_back(k);
    }
    if (generated.empty())
        return false;
    kernels_.push_back("make_tables");
    auto [inputs, names, temps, temp_names] =
        straight_line(roots, {}, {"rv_in", "rv_i", "rv_j", "rv_x", "rv_y"});
    const Body shell_body{"make_tables", Shell::TablePoint, {}, {}, nullptr, nullptr};
    out << "HOST_DEVICE inline void make_tables(const rv_instances& rv_in, int rv_j) {\n";
    if (std::any_of(inputs.begin(), inputs.end(), [&](sym::Expr e) {
            return !(e == point) && !kGlobals.count(std::string(e.name()));
        }))
        out << "    const int rv_i = 0;\n";
    for (sym::Expr input : inputs)
        if (!(input == point))
            out << "    const double " << names[input] << " = " << load(input, shell_body)
                << ";\n";
    temp_names[point] = "static_cast<double>(rv_j)";
    for (const sym::Temporary& t : temps)
        out << "    const double " << t.name << " = " << sym::to_c_definition(t.value, temp_names)
            << ";\n";
    for (std::size_t g = 0; g < generated.size(); ++g) {
        const ode::Table& t = mech_.tables[generated[g]];
        const std::string table = "rv_in.tables[" + std::to_string(generated[g]) + "]";
        out << "    if (rv_j < " << t.points << ") { // " << source_ << ":" << t.source.begin.line
            << "\n        " << table << ".x[rv_j] = " << sym::to_c(roots[2 * g], temp_names)
            << ";\n        " << table << ".y[rv_j] = " << sym::to_c(roots[2 * g + 1], temp_names)
            << ";\n    }\n";
    }
    out << "}\n\n";
    return true;
}

void KernelPrinter::shell(std::ostream& out, const Body& b) {
    const char* function = b.function;
    const bool events = b.shell == Shell::Delivery || b.shell == Shell::NetconInit;
    const bool points = b.shell == Shell::TablePoint;
    const std::string count = events ? "rv_ev->count"
                              : points ? std::to_string(table_points())
                                       : "rv_in->count";
    // The index runs over instances, the deliveries of a batch, or the points of the tables.
    const std::string k = events ? "rv_k" : points ? "rv_j" : "rv_i";
    if (target_ == Target::Cpp) {
        out << "void " << function << "_all(const rv_instances* rv_in"
            << (events ? ", const rv_deliveries* rv_ev" : "") << ") {\n"
            << "    for (int " << k << " = 0; " << k << " < " << count << "; ++" << k << ") "
            << function << "(*rv_in, " << (events ? "*rv_ev, " : "") << k << ");\n}\n\n";
        return;
    }
    out << "__global__ void " << function << "_kernel(rv_instances rv_in"
        << (events ? ", rv_deliveries rv_ev" : "") << ") {\n"
        << "    const int " << k << " = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);\n"
        << "    if (" << k << " < "
        << (events ? "rv_ev.count" : points ? count : std::string("rv_in.count")) << ") "
        << function
        << "(rv_in, " << (events ? "rv_ev, " : "") << k << ");\n}\n\n"
        << "void " << function << "_all(const rv_instances* rv_in"
        << (events ? ", const rv_deliveries* rv_ev" : "") << ") {\n"
        << "    if (" << count << " == 0) return;\n"
        << "    constexpr int threads = 128;\n"
        << "    " << function << "_kernel<<<(" << count
        << " + threads - 1) / threads, threads>>>(*rv_in" << (events ? ", *rv_ev" : "") << ");\n"
        << "    ranvier::kernel::check_launch(\"" << mech_.name << " " << function << "\");\n}\n\n";
}

void KernelPrinter::descriptor(std::ostream& out) {
    out << "const rv_field fields[] = {\n";
    for (const Field& f : fields_)
        out << "    {\"" << f.name << "\", " << f.role << ", "
            << sym::to_c(mech_.ctx.constant(f.initial)) << "},\n";
    out << "};\n";
    auto list = [&](const char* name, const std::vector<int>& values) {
        if (values.empty())
            return;
        out << "const int " << name << "[] = {";
        for (std::size_t k = 0; k < values.size(); ++k)
            out << (k ? ", " : "") << values[k];
        out << "};\n";
    };
    std::vector<int> states, derivatives;
    for (std::size_t k = 0; k < mech_.equations.size(); ++k) {
        states.push_back(field_by_name_.at(mech_.equations[k].state));
        derivatives.push_back(rhs_[k].field);
    }
    list("state_fields", states);
    list("derivative_fields", derivatives);
    if (!entries_.empty()) {
        out << "const rv_jacobian_entry jacobian_entries[] = {\n";
        for (std::size_t k = 0; k < entries_.size(); ++k) {
            int column = -1;
            for (std::size_t s = 0; s < mech_.equations.size(); ++s)
                if (mech_.equations[s].state == entries_[k].column)
                    column = static_cast<int>(s);
            out << "    {" << entries_[k].row << ", " << column << ", " << jacobian_[k].field
                << "},\n";
        }
        out << "};\n";
    }
    if (!currents_.empty()) {
        out << "const rv_current currents[] = {\n";
        for (std::size_t k = 0; k < mech_.currents.size(); ++k) {
            const ode::Current& c = mech_.currents[k];
            out << "    {\"" << c.name << "\", "
                << (c.ion ? "\"" + *c.ion + "\"" : std::string("nullptr")) << ", "
                << (c.electrode ? 1 : 0) << ", " << currents_[2 * k].field << ", "
                << currents_[2 * k + 1].field << "},\n";
        }
        out << "};\n";
    }
    ion_table(out);
    if (!mech_.tables.empty()) {
        out << "const char* const table_names[] = {";
        for (std::size_t k = 0; k < mech_.tables.size(); ++k)
            out << (k ? ", " : "") << "\"" << mech_.tables[k].name << "\"";
        out << "};\nconst int table_points[] = {";
        for (std::size_t k = 0; k < mech_.tables.size(); ++k)
            out << (k ? ", " : "") << mech_.tables[k].points;
        out << "};\n";
    }
    if (!watch_fields_.empty()) {
        out << "const rv_watch watches[] = {\n";
        for (const WatchFields& w : watch_fields_)
            out << "    {" << w.armed << ", " << w.value << ", " << w.flag << "},\n";
        out << "};\n";
    }
    out << "\n} // namespace\n} // namespace ranvier::generated::" << name_ << "\n\n";
    auto entry = [&](const char* function) {
        bool has = std::find(kernels_.begin(), kernels_.end(), std::string_view(function)) !=
                   kernels_.end();
        return has ? "ranvier::generated::" + name_ + "::" + function + "_all"
                   : std::string("nullptr");
    };
    const char* kinds[] = {"RV_DENSITY", "RV_POINT_PROCESS", "RV_ARTIFICIAL_CELL"};
    std::string ns = "ranvier::generated::" + name_ + "::";
    out << "extern \"C\" const rv_mechanism rv_mechanism_" << name_ << " = {\n"
        << "    RV_ABI_VERSION, \"" << mech_.name << "\", " << kinds[static_cast<int>(mech_.kind)]
        << ",\n"
        << "    " << fields_.size() << ", " << ns << "fields,\n"
        << "    " << states.size() << ", " << (states.empty() ? "nullptr" : ns + "state_fields")
        << ", " << (states.empty() ? "nullptr" : ns + "derivative_fields") << ",\n"
        << "    " << entries_.size() << ", "
        << (entries_.empty() ? "nullptr" : ns + "jacobian_entries") << ",\n"
        << "    " << mech_.currents.size() << ", "
        << (currents_.empty() ? "nullptr" : ns + "currents") << ",\n"
        << "    " << entry("initialize") << ", " << entry("rhs") << ", " << entry("jacobian")
        << ",\n"
        << "    " << entry("compute_currents") << ", " << entry("step") << ",\n"
        << "    " << mech_.ions.size() << ", " << (mech_.ions.empty() ? "nullptr" : ns + "ions")
        << ",\n"
        << "    " << weight_count() << ", " << watch_fields_.size() << ", "
        << (watch_fields_.empty() ? "nullptr" : ns + "watches") << ",\n"
        << "    " << stream_field_ << ", " << counter_field_ << ", "
        << mech_.initial_effects.events.size() << ", "
        << (mech_.net_receive ? mech_.net_receive->effects.events.size() : 0) << ",\n"
        << "    " << entry("watch") << ", " << entry("net_receive") << ", "
        << entry("net_receive_initial") << ", " << entry("discontinuities") << ", "
        << entry("steady_state") << ",\n"
        << "    " << mech_.tables.size() << ", "
        << (mech_.tables.empty() ? "nullptr" : ns + "table_names") << ", " << entry("advance")
        << ", " << entry("propagate") << ",\n"
        << "    " << (mech_.tables.empty() ? "nullptr" : ns + "table_points") << ", "
        << entry("make_tables") << ",\n};\n";
}

void KernelPrinter::ion_table(std::ostream& out) {
    if (mech_.ions.empty())
        return;
    out << "const rv_ion ions[] = {\n";
    for (const ode::Mechanism::Ion& ion : mech_.ions) {
        auto index = [&](const std::string& name) {
            auto it = field_by_name_.find(name);
            return it == field_by_name_.end() ? -1 : it->second;
        };
        auto writes = [&](const std::string& name) {
            return std::find(ion.write.begin(), ion.write.end(), name) != ion.write.end() ? 1 : 0;
        };
        const std::string& n = ion.name;
        out << "    {\"" << n << "\", " << sym::to_c(mech_.ctx.constant(ion.valence)) << ", "
            << index("e" + n) << ", " << index(n + "i") << ", " << index(n + "o") << ", "
            << (writes("i" + n) ? -1 : index("i" + n)) << ", " << writes(n + "i") << ", "
            << writes(n + "o") << ", " << writes("e" + n) << "},\n";
    }
    out << "};\n";
}

void KernelPrinter::print(std::ostream& out) {
    lay_out();
    out << "// Generated by ranvier from " << source_ << " (mechanism " << mech_.name
        << "). Do not edit.\n"
        << "#include \"ranvier/kernel/abi.h\"\n#include \"ranvier/kernel/math.h\"\n";
    if (target_ == Target::Cuda)
        out << "#include \"ranvier/kernel/launch.cuh\"\n";
    if (std::any_of(bodies_.begin(), bodies_.end(),
                    [](const Body& b) { return b.effects && !b.effects->events.empty(); }))
        out << "#include \"ranvier/kernel/events.h\"\n";
    if (stream_field_ >= 0)
        out << "#include \"ranvier/kernel/random.h\"\n";
    if (mech_.steady_state || !mech_.algebraic.empty())
        out << "#include \"ranvier/kernel/newton.h\"\n";
    if (!mech_.tables.empty())
        out << "#include \"ranvier/kernel/table.h\"\n";
    if (mech_.linear)
        out << "#include \"ranvier/kernel/expm.h\"\n";
    out << "\nnamespace ranvier::generated::" << name_
        << " {\nnamespace {\n\nusing namespace ranvier::kernel;\n\n"
        << "enum Field : int {\n";
    for (std::size_t k = 0; k < fields_.size(); ++k)
        out << "    f_" << fields_[k].ident << " = " << k << ", // " << fields_[k].name << "\n";
    out << "};\n\n";
    for (const Body& b : bodies_) {
        body(out, b);
        if (std::find(kernels_.begin(), kernels_.end(), std::string_view(b.function)) !=
            kernels_.end())
            shell(out, b);
    }
    if (mech_.steady_state) {
        steady_state(out);
        shell(out, Body{"steady_state", Shell::Instance, {}, {}, nullptr, nullptr});
    }
    if (mech_.linear) {
        propagate(out);
        shell(out, Body{"propagate", Shell::Instance, {}, {}, nullptr, nullptr});
    }
    if (make_tables(out))
        shell(out, Body{"make_tables", Shell::TablePoint, {}, {}, nullptr, nullptr});
    descriptor(out);
}

} // namespace

void print_kernels(std::ostream& out, ode::Mechanism& mech, const std::string& source,
                   Target target) {
    KernelPrinter(mech, source, target).print(out);
}

} // namespace ranvier::codegen
