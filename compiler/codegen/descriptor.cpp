// The shells around the bodies (a loop over instances for C++, a thread per instance for CUDA)
// and the rv_mechanism descriptor with its field, state, Jacobian, current, ion, table and watch
// tables.
#include "codegen/kernel_printer.h"

#include <set>

namespace ranvier::codegen::detail {

void KernelPrinter::shell(std::ostream& out, const Body& b) {
    const char* function = b.function;
    const bool events = b.shell == Shell::Delivery || b.shell == Shell::NetconInit;
    const bool points = b.shell == Shell::TablePoint;
    const std::string count = events   ? "rv_ev->count"
                              : points ? std::to_string(table_points())
                                       : "rv_in->count";
    // The index runs over instances, the deliveries of a batch, or the points of the tables.
    const std::string k = events ? "rv_k" : points ? "rv_j" : "rv_i";
    // NET_RECEIVE also takes segments of deliveries (rv_deliveries), a thread or an iteration
    // per segment.
    const bool segments = b.shell == Shell::Delivery;
    if (target_ == Target::Cpp) {
        out << "void " << function << "_all(const rv_instances* rv_in"
            << (events ? ", const rv_deliveries* rv_ev" : "") << ") {\n";
        if (segments)
            out << "    if (rv_ev->segment_count) {\n"
                << "        for (int rv_s = 0; rv_s < rv_ev->count; ++rv_s)\n"
                << "            deliver_segment(*rv_in, *rv_ev, rv_s, [&](int rv_k) { " << function
                << "(*rv_in, *rv_ev, rv_k); });\n"
                << "        return;\n    }\n";
        out << "    for (int " << k << " = 0; " << k << " < " << count << "; ++" << k << ")";
        if (!events && !points)
            out << "\n        if (!rv_in->active || rv_in->active[" << k << " % rv_in->time_lanes])\n"
                << "           ";
        out << " " << function << "(*rv_in, " << (events ? "*rv_ev, " : "") << k << ");\n}\n\n";
        return;
    }
    out << "__global__ void " << function << "_kernel(rv_instances rv_in"
        << (events ? ", rv_deliveries rv_ev" : "") << ") {\n"
        << "    const int " << k << " = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);\n";
    if (segments)
        out << "    if (rv_ev.segment_count) {\n"
            << "        if (" << k << " < rv_ev.count)\n"
            << "            deliver_segment(rv_in, rv_ev, " << k << ", [&](int rv_j) { " << function
            << "(rv_in, rv_ev, rv_j); });\n"
            << "        return;\n    }\n";
    out << "    if (" << k << " < "
        << (events   ? "rv_ev.count"
            : points ? count
                     : std::string("rv_in.count && (!rv_in.active || rv_in.active[") + k +
                           " % rv_in.time_lanes])")
        << ") " << function << "(rv_in, " << (events ? "rv_ev, " : "") << k << ");\n}\n\n"
        << "void " << function << "_all(const rv_instances* rv_in"
        << (events ? ", const rv_deliveries* rv_ev" : "") << ") {\n"
        << "    if (" << count << " == 0) return;\n"
        << "    constexpr int threads = 128;\n"
        << "    " << function << "_kernel<<<(" << count
        << " + threads - 1) / threads, threads, 0, static_cast<cudaStream_t>(rv_in->stream)>>>(*rv_in"
        << (events ? ", *rv_ev" : "") << ");\n"
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
    // Each state's absolute-tolerance multiplier (an array element has its array's).
    std::vector<double> tolerances;
    bool any_tolerance = false;
    for (const ode::StateEquation& e : mech_.equations) {
        const std::string base = e.state.substr(0, e.state.find('['));
        double tolerance = 1;
        for (const ode::Variable& v : mech_.variables)
            if (v.name == base && v.tolerance)
                tolerance = *v.tolerance, any_tolerance = true;
        tolerances.push_back(tolerance);
    }
    if (any_tolerance) {
        out << "const double state_tolerances[] = {";
        for (std::size_t k = 0; k < tolerances.size(); ++k)
            out << (k ? ", " : "") << sym::to_c(mech_.ctx.constant(tolerances[k]));
        out << "};\n";
    }
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
    if (!current_entries_.empty()) {
        out << "const rv_jacobian_entry current_jacobian_entries[] = {\n";
        for (std::size_t k = 0; k < current_entries_.size(); ++k)
            out << "    {" << current_entries_[k].current << ", " << current_entries_[k].state
                << ", " << jacobian_[entries_.size() + k].field << "},\n";
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
        << entry("make_tables") << ",\n"
        << "    " << current_entries_.size() << ", "
        << (current_entries_.empty() ? "nullptr" : ns + "current_jacobian_entries") << ",\n"
        << "    " << (any_tolerance ? ns + "state_tolerances" : std::string("nullptr"))
        << ",\n"
        << "    " << (netcon_storage() ? 1 : 0) << ",\n};\n";
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

} // namespace ranvier::codegen::detail
