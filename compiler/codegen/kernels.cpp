// KernelPrinter: lays out a mechanism's fields and outputs (one Body per entry point), then prints
// the bodies, their shells and the rv_mechanism descriptor; print_kernels is the entry point.
#include "codegen/kernel_printer.h"

#include "sym/substitute.h"

#include <limits>

namespace ranvier::codegen::detail {

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
    // d(current)/d(state), computed with the Jacobian (joint CSE with the right-hand side's).
    current_entries_ = ode::current_jacobian(mech_);
    for (const ode::CurrentJacobianEntry& e : current_entries_) {
        const std::string& current = mech_.currents[e.current].name;
        const std::string& state = mech_.equations[e.state].state;
        jacobian_.push_back({field("d(" + current + ")/d(" + state + ")",
                                   "J_" + c_name(current) + "_" + c_name(state), "RV_JACOBIAN"),
                             e.value, line(mech_.currents[e.current].source)});
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
        bool drawn =
            std::any_of(mech_.step_effects.draws.begin(), mech_.step_effects.draws.end(),
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
    if (name == "t" && b.shell == Shell::Instance)
        return "instance_time(rv_in, rv_i)";
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

void KernelPrinter::print(std::ostream& out) {
    lay_out();
    out << "// Generated by ranvier from " << source_ << " (mechanism " << mech_.name
        << "). Do not edit.\n"
        << "#include \"ranvier/kernel/abi.h\"\n#include \"ranvier/kernel/math.h\"\n";
    if (target_ == Target::Cuda)
        out << "#include \"ranvier/kernel/launch.cuh\"\n";
    if (std::any_of(bodies_.begin(), bodies_.end(),
                    [](const Body& b) {
                        return b.shell == Shell::Delivery || (b.effects && !b.effects->events.empty());
                    }))
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

} // namespace ranvier::codegen::detail

namespace ranvier::codegen {

void print_kernels(std::ostream& out, ode::Mechanism& mech, const std::string& source,
                   Target target) {
    detail::KernelPrinter(mech, source, target).print(out);
}

} // namespace ranvier::codegen
