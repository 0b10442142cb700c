// KernelPrinter: lays out a mechanism's fields, then prints each entry point as one HOST_DEVICE
// body (shared subexpressions as temporaries named after the source, each output citing its
// .mod line), the C++ or CUDA shell around it, and the rv_mechanism descriptor.
#include "codegen/kernels.h"

#include "ode/print.h"
#include "sym/cse.h"
#include "sym/print.h"

#include <algorithm>
#include <cctype>
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
    int field;
    sym::Expr value;
    std::uint32_t line; // of the .mod file; 0 when unknown
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
    void body(std::ostream& out, const char* function, const std::vector<Output>& outputs);
    void shell(std::ostream& out, const char* function);
    void descriptor(std::ostream& out);
    std::string load(sym::Expr variable) const;

    ode::Mechanism& mech_;
    std::string source_;
    Target target_;
    std::string name_;
    std::vector<Field> fields_;
    std::map<std::string, int> field_by_name_;
    std::vector<Output> initial_, rhs_, jacobian_, currents_, step_;
    std::vector<ode::JacobianEntry> entries_;
    std::vector<const char*> kernels_;
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
        double initial = var.default_value.value_or(0.0);
        if (var.array_size == 0)
            field(var.name, c_name(var.name), role, initial);
        for (int k = 0; k < var.array_size; ++k) {
            std::string element = var.name + "[" + std::to_string(k) + "]";
            field(element, c_name(element), role, initial);
        }
    }
    for (std::uint32_t id = 0; id < mech_.ctx.variable_count(); ++id) {
        std::string name(mech_.ctx.variable_by_id(id).name());
        if (name != "v" && !kGlobals.count(name))
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
    for (const ode::Assignment& a : mech_.step_updates) {
        auto it = field_by_name_.find(a.name);
        if (it != field_by_name_.end())
            step_.push_back({it->second, a.value, 0});
    }
}

std::string KernelPrinter::load(sym::Expr variable) const {
    std::string name(variable.name());
    if (name == "v")
        return "rv_in.voltage[rv_in.node[rv_i]]";
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
// store the outputs. All values are computed before any is stored, so an output field may also
// be an input (a state updated by step()).
void KernelPrinter::body(std::ostream& out, const char* function,
                         const std::vector<Output>& outputs) {
    if (outputs.empty())
        return;
    kernels_.push_back(function);
    std::vector<sym::Expr> roots;
    for (const Output& o : outputs)
        roots.push_back(o.value);
    std::unordered_set<sym::Expr> seen;
    std::vector<sym::Expr> inputs;
    for (sym::Expr root : roots)
        collect_variables(root, seen, inputs);
    std::sort(inputs.begin(), inputs.end(), sym::ExprIdLess());

    sym::NameMap names;
    sym::CseOptions options;
    options.reserved = {"rv_in", "rv_i", "rv_out"};
    for (sym::Expr input : inputs) {
        names[input] = c_name(input.name());
        options.reserved.push_back(names[input]);
    }
    std::vector<sym::Temporary> temps = sym::common_subexpressions(roots, mech_.hints, options);
    sym::NameMap temp_names = sym::temporary_names(temps);
    temp_names.insert(names.begin(), names.end());

    out << "HOST_DEVICE inline void " << function << "(const rv_instances& rv_in, int rv_i) {\n";
    for (sym::Expr input : inputs)
        out << "    const double " << names[input] << " = " << load(input) << ";\n";
    for (const sym::Temporary& t : temps)
        out << "    const double " << t.name << " = " << sym::to_c_definition(t.value, temp_names)
            << ";\n";
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        out << "    const double rv_out" << k << " = " << sym::to_c(outputs[k].value, temp_names)
            << ";";
        if (outputs[k].line)
            out << " // " << source_ << ":" << outputs[k].line;
        out << "\n";
    }
    for (std::size_t k = 0; k < outputs.size(); ++k)
        out << "    rv_in.fields[f_" << fields_[outputs[k].field].ident << "][rv_i] = rv_out" << k
            << ";\n";
    out << "}\n\n";
}

void KernelPrinter::shell(std::ostream& out, const char* function) {
    if (target_ == Target::Cpp) {
        out << "void " << function << "_all(const rv_instances* rv_in) {\n"
            << "    for (int rv_i = 0; rv_i < rv_in->count; ++rv_i) " << function
            << "(*rv_in, rv_i);\n}\n\n";
        return;
    }
    out << "__global__ void " << function << "_kernel(rv_instances rv_in) {\n"
        << "    const int rv_i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);\n"
        << "    if (rv_i < rv_in.count) " << function << "(rv_in, rv_i);\n}\n\n"
        << "void " << function << "_all(const rv_instances* rv_in) {\n"
        << "    if (rv_in->count == 0) return;\n"
        << "    constexpr int threads = 128;\n"
        << "    " << function
        << "_kernel<<<(rv_in->count + threads - 1) / threads, threads>>>(*rv_in);\n"
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
        << "    " << entry("compute_currents") << ", " << entry("step") << ",\n};\n";
}

void KernelPrinter::print(std::ostream& out) {
    lay_out();
    out << "// Generated by ranvier from " << source_ << " (mechanism " << mech_.name
        << "). Do not edit.\n"
        << "#include \"ranvier/kernel/abi.h\"\n#include \"ranvier/kernel/math.h\"\n";
    if (target_ == Target::Cuda)
        out << "#include \"ranvier/kernel/launch.cuh\"\n";
    out << "\nnamespace ranvier::generated::" << name_
        << " {\nnamespace {\n\nusing namespace ranvier::kernel;\n\n"
        << "enum Field : int {\n";
    for (std::size_t k = 0; k < fields_.size(); ++k)
        out << "    f_" << fields_[k].ident << " = " << k << ", // " << fields_[k].name << "\n";
    out << "};\n\n";
    const std::pair<const char*, const std::vector<Output>*> entry_points[] = {
        {"initialize", &initial_},
        {"rhs", &rhs_},
        {"jacobian", &jacobian_},
        {"compute_currents", &currents_},
        {"step", &step_}};
    for (const auto& [function, outputs] : entry_points) {
        body(out, function, *outputs);
        if (!outputs->empty())
            shell(out, function);
    }
    descriptor(out);
}

} // namespace

void print_kernels(std::ostream& out, ode::Mechanism& mech, const std::string& source,
                   Target target) {
    KernelPrinter(mech, source, target).print(out);
}

} // namespace ranvier::codegen
