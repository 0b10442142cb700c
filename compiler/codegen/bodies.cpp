// Straight-line bodies: an entry point loads what it reads, computes the shared subexpressions
// once (with the solves and loops of stages.cpp where they are needed), stores its outputs, emits
// its events and runs its FOR_NETCONS loops.
#include "codegen/kernel_printer.h"

namespace ranvier::codegen::detail {

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
    Staging staging = stage(roots, loop_values,
                            {"rv_in", "rv_i", "rv_out", "rv_ev", "rv_k", "rv_w", "rv_netcon",
                             "rv_n", "rv_nw", "rv_f", "rv_J", "rv_it"});
    const sym::NameMap& temp_names = staging.line.temp_names;
    prologue(out, b, staging.line);
    print_staged(out, staging);
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

// The signature, the instance and NetCon of a delivery, the weight vector, and the loads of the
// inputs (values a solve or loop defines are computed, not loaded).
void KernelPrinter::prologue(std::ostream& out, const Body& b, const StraightLine& line) {
    const std::vector<sym::Expr>& inputs = line.inputs;
    const std::size_t event_count = b.effects ? b.effects->events.size() : 0;
    const std::size_t loop_count = b.loops ? b.loops->size() : 0;
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
            out << "    const double " << line.names.at(input) << " = " << load(input, b) << ";\n";
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
            spelled =
                c_name(mech_.loops.at(carried->system).carried.at(carried->unknown)) + "_loop";
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

} // namespace ranvier::codegen::detail
