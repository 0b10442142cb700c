// `ranvier build`: a model file's CELL or NETWORK as an executable. The mechanisms' kernels are printed as
// C++ (codegen), the cell as C++ that fills the runtime's CellModel (ranvier/app/cell_app.h),
// and both are compiled and linked against this build's runtime with its C++ compiler.
#include "codegen/kernels.h"
#include "driver/pipeline.h"
#include "ranvier_build_config.h"

#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace ranvier::driver {

namespace {

std::string number(double v) {
    if (std::isnan(v))
        return "std::numeric_limits<double>::quiet_NaN()";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    std::string s = buffer;
    if (s == "inf")
        return "std::numeric_limits<double>::infinity()";
    return s;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string ints(const std::vector<int>& list) {
    std::string out = "{";
    for (std::size_t k = 0; k < list.size(); ++k)
        out += (k ? ", " : "") + std::to_string(list[k]);
    return out + "}";
}

std::string doubles(const std::vector<double>& list) {
    std::string out = "{";
    for (std::size_t k = 0; k < list.size(); ++k)
        out += (k ? ", " : "") + number(list[k]);
    return out + "}";
}

std::string values(const std::vector<model::Value>& list) {
    std::string out = "{";
    for (std::size_t k = 0; k < list.size(); ++k)
        out += std::string(k ? ", " : "") + "{" + quoted(list[k].field) + ", " +
               number(list[k].value) + "}";
    return out + "}";
}

std::string descriptor(const std::string& mechanism) {
    return "&rv_mechanism_" + mechanism;
}

std::string distribution(const model::Distribution& d) {
    static const char* const kinds[] = {"Constant", "Normal", "LogNormal", "Uniform",
                                        "Exponential"};
    return std::string("{ranvier::app::DistributionKind::") + kinds[static_cast<int>(d.kind)] +
           ", " + number(d.a) + ", " + number(d.b) + ", " + number(d.scale) + ", " +
           number(d.low) + ", " + number(d.high) + "}";
}

std::string distributions(const std::vector<model::Distribution>& list) {
    std::string out = "{";
    for (std::size_t k = 0; k < list.size(); ++k)
        out += (k ? ", " : "") + distribution(list[k]);
    return out + "}";
}

std::string selection(const model::Selection& s) {
    return "{" + std::to_string(s.population) + ", " + std::to_string(s.first) + ", " +
           std::to_string(s.last) + "}";
}

std::string stimulus(const model::Stimulus& s) {
    static const char* const kinds[] = {"Times", "Regular", "Poisson"};
    return "{" + quoted(s.label) + ", ranvier::app::StimulusKind::" +
           kinds[static_cast<int>(s.kind)] + ", " + doubles(s.times) + ", " + number(s.start) +
           ", " + number(s.stop) + ", " + number(s.interval) + ", " + number(s.rate) + ", " +
           number(s.number) + ", " + std::to_string(s.target) + ", " + doubles(s.weights) + ", " +
           number(s.delay) + "}";
}

std::string record(const model::Record& r) {
    static const char* const records[] = {"Voltage", "Density", "Point", "Ion"};
    return "{" + quoted(r.label) + ", ranvier::app::RecordKind::" +
           records[static_cast<int>(r.kind)] + ", " + std::to_string(r.section) + ", " +
           number(r.x) + ", " + (r.mechanism.empty() ? "nullptr" : descriptor(r.mechanism)) +
           ", " + std::to_string(r.point) + ", " + quoted(r.field) + ", " + quoted(r.ion) + ", " +
           quoted(r.unit) + "}";
}

// A function `describe_cell<index>()` that returns the CELL's description.
void print_cell(std::ostream& out, const model::Cell& c, std::size_t index) {
    out << "ranvier::app::CellModel describe_cell" << index << "() {\n"
        << "    ranvier::app::CellModel m;\n"
        << "    m.name = " << quoted(c.name) << ";\n"
        << "    m.celsius = " << number(c.celsius) << ";\n"
        << "    m.v_init = " << number(c.v_init) << ";\n"
        << "    m.tstop = " << number(c.tstop) << ";\n"
        << "    m.sample_interval = " << number(c.sample_interval) << ";\n";
    for (const cell::SectionSpec& s : c.sections) {
        out << "    {\n        ranvier::cell::SectionSpec s;\n"
            << "        s.name = " << quoted(s.name) << ";\n"
            << "        s.length = " << number(s.length) << ";\n"
            << "        s.diam = " << number(s.diam) << ";\n"
            << "        s.ra = " << number(s.ra) << ";\n"
            << "        s.cm = " << number(s.cm) << ";\n"
            << "        s.nseg = " << s.nseg << ";\n"
            << "        s.parent = " << s.parent << ";\n"
            << "        s.parent_x = " << number(s.parent_x) << ";\n";
        for (const cell::Point3d& p : s.points)
            out << "        s.points.push_back({" << number(p.x) << ", " << number(p.y) << ", "
                << number(p.z) << ", " << number(p.diam) << "});\n";
        out << "        m.sections.push_back(std::move(s));\n    }\n";
    }
    for (const model::Insertion& i : c.insertions)
        out << "    m.insertions.push_back({" << descriptor(i.mechanism) << ", " << ints(i.sections)
            << ", " << values(i.values) << "});\n";
    for (const model::PointProcess& p : c.points)
        out << "    m.points.push_back({" << quoted(p.label) << ", " << descriptor(p.mechanism)
            << ", " << p.section << ", " << number(p.x) << ", " << values(p.values) << "});\n";
    for (const model::Detector& d : c.detectors)
        out << "    m.detectors.push_back({" << d.section << ", " << number(d.x) << ", "
            << number(d.threshold) << ", " << d.point << "});\n";
    for (const model::Stimulus& s : c.stimuli)
        out << "    m.stimuli.push_back(" << stimulus(s) << ");\n";
    const double nan = std::nan("");
    for (const model::IonValues& i : c.ions)
        out << "    m.ions.push_back({" << quoted(i.ion) << ", " << ints(i.sections) << ", "
            << number(i.inside.value_or(nan)) << ", " << number(i.outside.value_or(nan)) << ", "
            << number(i.reversal.value_or(nan)) << "});\n";
    for (const model::Record& r : c.records)
        out << "    m.records.push_back(" << record(r) << ");\n";
    out << "    return m;\n}\n\n";
}

// The C++ that describes the model and runs it: the CELL, or the NETWORK of its cells.
// `cuda`: the NETWORK's main hands the GPU engine and the mechanisms' CUDA kernels (their
// descriptors renamed rv_mechanism_<name>_cuda) to network_main.
void print_model(std::ostream& out, const model::Model& m, const std::string& source, bool cuda) {
    const bool network = m.network.has_value();
    out << "// Generated by ranvier build from " << source << ": "
        << (network ? "NETWORK " + m.network->name : "CELL " + m.cells[0].name) << ".\n"
        << "#include \"ranvier/app/" << (network ? "network_app.h" : "cell_app.h")
        << "\"\n\n#include <limits>\n\n";
    if (cuda)
        out << "#include \"ranvier/device/engine_cuda.h\"\n\n";
    for (const model::MechanismInfo& mech : m.mechanisms) {
        out << "extern \"C\" const rv_mechanism rv_mechanism_" << mech.name << ";\n";
        if (cuda)
            out << "extern \"C\" const rv_mechanism rv_mechanism_" << mech.name << "_cuda;\n";
    }
    out << "\nnamespace {\n\n";
    for (std::size_t k = 0; k < m.cells.size(); ++k)
        print_cell(out, m.cells[k], k);
    if (!network) {
        out << "} // namespace\n\nint main(int argc, char** argv) {\n"
            << "    return ranvier::app::main(argc, argv, describe_cell0());\n}\n";
        return;
    }
    const model::Network& n = *m.network;
    out << "ranvier::app::NetworkModel describe() {\n"
        << "    ranvier::app::NetworkModel m;\n"
        << "    m.name = " << quoted(n.name) << ";\n"
        << "    m.tstop = " << number(n.tstop) << ";\n"
        << "    m.seed = " << number(n.seed) << ";\n";
    for (std::size_t k = 0; k < m.cells.size(); ++k)
        out << "    m.cells.push_back(describe_cell" << k << "());\n";
    for (const model::Population& p : n.populations) {
        out << "    m.populations.push_back({" << quoted(p.name) << ", " << p.cell << ", "
            << p.count << ", " << p.first_gid << ", {";
        for (std::size_t k = 0; k < p.parameters.size(); ++k) {
            const model::PopulationParameter& v = p.parameters[k];
            out << (k ? ", " : "") << "{"
                << (v.mechanism.empty() ? "nullptr" : descriptor(v.mechanism)) << ", " << v.point
                << ", " << quoted(v.field) << ", " << distribution(v.value) << "}";
        }
        out << "}});\n";
    }
    static const char* const rules[] = {"OneToOne",         "AllToAll",
                                        "FixedIndegree",    "FixedOutdegree",
                                        "FixedTotalNumber", "PairwiseBernoulli",
                                        "File"};
    for (const model::Projection& p : n.projections)
        out << "    m.projections.push_back({" << quoted(p.label) << ", " << selection(p.source)
            << ", " << selection(p.target) << ", " << p.synapse
            << ", ranvier::app::Rule::" << rules[static_cast<int>(p.rule)] << ", "
            << number(p.number) << ", " << (p.autapses ? "true" : "false") << ", "
            << (p.multapses ? "true" : "false") << ", " << quoted(p.file) << ", "
            << distributions(p.weights) << ", " << distribution(p.delay) << "});\n";
    for (const model::NetworkStimulus& s : n.stimuli)
        out << "    m.stimuli.push_back({" << quoted(s.label) << ", " << stimulus(s.events)
            << ", " << distributions(s.weights) << ", " << distribution(s.delay) << ", "
            << (s.mechanism.empty() ? "nullptr" : descriptor(s.mechanism)) << ", "
            << values(s.values) << ", " << s.section << ", " << number(s.x) << ", "
            << selection(s.target) << "});\n";
    for (const model::NetworkRecord& r : n.records) {
        out << "    m.records.push_back({" << (r.spikes ? "true" : "false") << ", {";
        for (std::size_t k = 0; k < r.cells.size(); ++k)
            out << (k ? ", " : "") << selection(r.cells[k]);
        out << "}, " << record(r.variable) << ", " << number(r.interval) << "});\n";
    }
    out << "    return m;\n}\n\n} // namespace\n\nint main(int argc, char** argv) {\n";
    if (!cuda) {
        out << "    return ranvier::app::network_main(argc, argv, describe());\n}\n";
        return;
    }
    out << "    ranvier::device::GpuSupport gpu;\n"
        << "    gpu.make = &ranvier::device::make_cuda_engine;\n";
    for (const model::MechanismInfo& mech : m.mechanisms)
        out << "    gpu.kernels.push_back(&rv_mechanism_" << mech.name << "_cuda);\n";
    out << "    return ranvier::app::network_main(argc, argv, describe(), gpu);\n}\n";
}

// A folder of its own for the generated sources.
std::optional<std::filesystem::path> work_folder(const Options& options) {
    if (options.keep_sources) {
        std::filesystem::path folder = options.output;
        folder += ".src";
        std::error_code ec;
        std::filesystem::create_directories(folder, ec);
        if (ec)
            return std::nullopt;
        return folder;
    }
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ranvier-build-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        return std::nullopt;
    return std::filesystem::path(pattern);
}

std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace

int build_executable(const model::Model& model, DiagnosticEngine& diags, const Options& options) {
    if (!model.network && model.cells.size() != 1) {
        std::cerr << "ranvier: error: build makes the executable of one CELL or of a NETWORK; "
                  << options.inputs[0] << " has " << model.cells.size()
                  << " CELLs and no NETWORK\n";
        return 1;
    }
    const std::filesystem::path parent = std::filesystem::absolute(options.output).parent_path();
    if (!std::filesystem::is_directory(parent) || access(parent.c_str(), W_OK) != 0) {
        std::cerr << "ranvier: error: cannot write " << options.output.string() << ": "
                  << (std::filesystem::is_directory(parent) ? "the folder is not writable"
                                                            : "no folder " + parent.string())
                  << "\n";
        return 1;
    }
    if (std::filesystem::is_directory(options.output)) {
        std::cerr << "ranvier: error: cannot write " << options.output.string()
                  << ": it is a folder; name the executable, e.g. -o "
                  << (options.output / "sim").string() << "\n";
        return 1;
    }
    // A NETWORK's cells go to the GPU with --target=cuda (the default when this Ranvier has
    // CUDA); a single CELL's executable always runs on the CPU.
    bool cuda = options.target == BuildTarget::Cuda ||
                (options.target == BuildTarget::Default && RANVIER_HAVE_CUDA);
    if (cuda && !RANVIER_HAVE_CUDA) {
        std::cerr << "ranvier: error: --target=cuda: this Ranvier was built without CUDA (no nvcc "
                     "when it was configured); build with --target=cpu, or rebuild Ranvier with "
                     "the CUDA toolkit\n";
        return 1;
    }
    if (cuda && !model.network) {
        if (options.target == BuildTarget::Cuda)
            std::cerr << "ranvier: note: a CELL's executable runs on the CPU; --target=cuda "
                         "applies to NETWORKs\n";
        cuda = false;
    }
    std::optional<std::filesystem::path> folder = work_folder(options);
    if (!folder) {
        std::cerr << "ranvier: error: cannot create a folder for the generated sources\n";
        return 1;
    }
    std::vector<std::filesystem::path> sources;
    std::vector<std::pair<std::filesystem::path, std::string>> cuda_sources; // (file, mechanism)
    for (const model::MechanismInfo& m : model.mechanisms) {
        std::size_t shown = diags.diagnostics().size();
        std::unique_ptr<ode::Mechanism> mechanism = run_lowering(*m.module, diags, options);
        for (std::size_t i = shown; i < diags.diagnostics().size(); ++i)
            diags.print(std::cerr, diags.diagnostics()[i]);
        if (!mechanism)
            return 1;
        const std::filesystem::path file = *folder / ("mechanism_" + m.name + ".cpp");
        std::ofstream out(file);
        codegen::print_kernels(out, *mechanism, m.path.filename().string(), codegen::Target::Cpp);
        sources.push_back(file);
        if (cuda) {
            const std::filesystem::path cu = *folder / ("mechanism_" + m.name + ".cu");
            std::ofstream gpu(cu);
            codegen::print_kernels(gpu, *mechanism, m.path.filename().string(),
                                   codegen::Target::Cuda);
            cuda_sources.emplace_back(cu, m.name);
        }
    }
    const std::filesystem::path cell_file = *folder / "cell.cpp";
    {
        std::ofstream out(cell_file);
        print_model(out, model, std::filesystem::path(options.inputs[0]).filename().string(), cuda);
        if (!out) {
            std::cerr << "ranvier: error: cannot write " << cell_file.string() << "\n";
            return 1;
        }
    }
    sources.push_back(cell_file);
    const std::filesystem::path log = *folder / "compile.log";
    std::string command;
    // The CUDA kernels: one object per mechanism, its descriptor renamed so that the host's
    // (which sets the cells up) and the device's live side by side. FMA contraction is off, so
    // that the device rounds as the host does.
    for (const auto& [cu, name] : cuda_sources) {
        std::filesystem::path object = cu;
        object.replace_extension(".o");
        command += std::string(RANVIER_NVCC) + " -std=c++17 -O2 --fmad=false -arch=sm_" +
                   RANVIER_CUDA_ARCH + " -I" + shell_quoted(RANVIER_RUNTIME_INCLUDE) +
                   " -Drv_mechanism_" + name + "=rv_mechanism_" + name + "_cuda -c " +
                   shell_quoted(cu.string()) + " -o " + shell_quoted(object.string()) + " >> " +
                   shell_quoted(log.string()) + " 2>&1 && ";
        sources.push_back(object);
    }
    command +=
        std::string(RANVIER_CXX) + " -std=c++20 -O2 -I" + shell_quoted(RANVIER_RUNTIME_INCLUDE);
    for (const std::filesystem::path& s : sources)
        command += " " + shell_quoted(s.string());
    command += " -o " + shell_quoted(options.output.string()) + " " +
               (cuda ? std::string(RANVIER_GPU_LINK) + " " : std::string()) + RANVIER_LINK +
               " >> " + shell_quoted(log.string()) + " 2>&1";
    const int status = std::system(command.c_str());
    if (status != 0) {
        std::cerr << "ranvier: error: compiling the generated code failed (a bug in Ranvier); "
                     "the sources and the compiler's messages are in "
                  << folder->string() << "\n";
        std::ifstream in(log);
        std::string line;
        for (int n = 0; n < 20 && std::getline(in, line); ++n)
            std::cerr << "  " << line << "\n";
        return 1;
    }
    if (!options.keep_sources) {
        std::error_code ec;
        std::filesystem::remove_all(*folder, ec);
    }
    return 0;
}

int plot(int argc, char** argv) {
    std::vector<char*> arguments = {const_cast<char*>(RANVIER_PYTHON),
                                    const_cast<char*>(RANVIER_PLOT_SCRIPT)};
    for (int i = 2; i < argc; ++i)
        arguments.push_back(argv[i]);
    arguments.push_back(nullptr);
    std::cout.flush();
    execv(RANVIER_PYTHON, arguments.data());
    std::cerr << "ranvier: error: cannot run " << RANVIER_PYTHON << " for plot: "
              << std::strerror(errno) << "\n";
    return 1;
}

} // namespace ranvier::driver
