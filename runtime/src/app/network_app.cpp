// The command line of a built network (see network_app.h): parse the options on every rank, run
// the network over MPI, and write the outputs on rank 0.
#include "ranvier/app/network_app.h"

#include "ranvier/network/simulation.h"
#include "sonata.h"

#include <mpi.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace ranvier::app {

namespace {

constexpr const char* kUsage =
    "usage: mpirun -np RANKS %s [options]\n"
    "Runs NETWORK %s and writes to DIR: spikes.tsv and spikes.h5 (SONATA), populations.tsv,\n"
    "report.txt, and for variables it records traces.tsv and a SONATA report per RECORD\n"
    "(v_soma_0_5.h5). `ranvier plot DIR` draws them.\n"
    "  --tstop MS              end time (default %g)\n"
    "  --method bdf|fixed      Ranvier's variable-order BDF per cell (default) or NEURON's\n"
    "                          fixed step\n"
    "  --exchange async|bsp    spike exchange: point to point without global steps (default),\n"
    "                          or bulk-synchronous epochs of the shortest delay\n"
    "  --balance cost|round-robin  cells to ranks: the costliest first, each to the least\n"
    "                          loaded rank (default), or gid modulo the number of ranks\n"
    "  --dt MS                 fixed step (default 0.025)\n"
    "  --secondorder 0|2       fixed step: backward Euler (0, default) or Crank-Nicolson (2)\n"
    "  --rtol X, --atol X      variable step tolerances (default 1e-3 and 1e-3)\n"
    "  --event-window MS       variable step: deliver events this close after another with it\n"
    "  --seed N                seed of connectivity, parameters and stimuli (default %lu)\n"
    "  --backend cpu|gpu|lanes where cells run: each on its own on the CPU; on the rank's GPU\n"
    "                          (executables built with --target=cuda; the default there with\n"
    "                          --method fixed); or as the GPU runs them, on the CPU (lanes)\n"
    "  --event-capacity N      gpu and lanes: events a cell's queue holds at first (default 64)\n"
    "  --threads-per-cell N    gpu and lanes: 1 (a thread per cell), or a block of N threads\n"
    "                          (a multiple of 32 up to 1024) sharing a cell's tree solve;\n"
    "                          default auto: a block for cells of 64 nodes or more, unless\n"
    "                          a rank has 16384 or more of them\n"
    "  --out DIR               output folder (default .)\n"
    "  --progress              a progress line on standard error\n"
    "  --quiet                 no summary on standard output\n";

struct Arguments {
    network::Options options;
    bool backend_given = false;
    std::filesystem::path out = ".";
    bool quiet = false, help = false;
};

// Parses the command line; nullopt with the message in `error` when it is wrong.
std::optional<Arguments> parse(int argc, char** argv, const NetworkModel& model,
                               std::string& error) {
    Arguments a;
    a.options.run.tstop = model.tstop;
    a.options.seed = model.seed;
    if (!model.cells.empty())
        a.options.run.v_init = model.cells[0].v_init;
    auto value = [&](int& i, const std::string& name) -> std::optional<std::string> {
        if (i + 1 >= argc) {
            error = name + " needs a value";
            return std::nullopt;
        }
        return std::string(argv[++i]);
    };
    auto number = [&](int& i, const std::string& name, double low,
                      double high) -> std::optional<double> {
        std::optional<std::string> text = value(i, name);
        if (!text)
            return std::nullopt;
        char* end = nullptr;
        const double v = std::strtod(text->c_str(), &end);
        if (end == text->c_str() || *end != '\0' || !(v >= low && v <= high)) {
            char buffer[200];
            std::snprintf(buffer, sizeof buffer, "%s %s: expected a number in [%g, %g]",
                          name.c_str(), text->c_str(), low, high);
            error = buffer;
            return std::nullopt;
        }
        return v;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::optional<double> v;
        std::optional<std::string> text;
        if (arg == "--help" || arg == "-h") {
            a.help = true;
        } else if (arg == "--quiet") {
            a.quiet = true;
        } else if (arg == "--progress") {
            a.options.progress = true;
        } else if (arg == "--method") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            if (*text == "bdf")
                a.options.run.method = run::Method::Bdf;
            else if (*text == "fixed")
                a.options.run.method = run::Method::Fixed;
            else {
                error = "--method " + *text + ": expected bdf or fixed" +
                        (*text == "cvode" ? " (CVODE runs single cells only)" : "");
                return std::nullopt;
            }
        } else if (arg == "--exchange") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            if (*text == "async")
                a.options.exchange = network::Exchange::Async;
            else if (*text == "bsp")
                a.options.exchange = network::Exchange::Bsp;
            else {
                error = "--exchange " + *text + ": expected async or bsp";
                return std::nullopt;
            }
        } else if (arg == "--balance") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            if (*text == "cost")
                a.options.balance = network::Balance::Cost;
            else if (*text == "round-robin")
                a.options.balance = network::Balance::RoundRobin;
            else {
                error = "--balance " + *text + ": expected cost or round-robin";
                return std::nullopt;
            }
        } else if (arg == "--out") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            a.out = *text;
        } else if (arg == "--tstop") {
            if (!(v = number(i, arg, 0, 1e12)))
                return std::nullopt;
            a.options.run.tstop = *v;
        } else if (arg == "--dt") {
            if (!(v = number(i, arg, 1e-9, 1e6)))
                return std::nullopt;
            a.options.run.dt = *v;
        } else if (arg == "--secondorder") {
            if (!(v = number(i, arg, 0, 2)))
                return std::nullopt;
            if (*v != 0 && *v != 2) {
                error = "--secondorder is 0 or 2";
                return std::nullopt;
            }
            a.options.run.secondorder = static_cast<int>(*v);
        } else if (arg == "--rtol") {
            if (!(v = number(i, arg, 1e-15, 1)))
                return std::nullopt;
            a.options.run.rtol = *v;
        } else if (arg == "--atol") {
            if (!(v = number(i, arg, 1e-15, 1e6)))
                return std::nullopt;
            a.options.run.atol = *v;
        } else if (arg == "--event-window") {
            if (!(v = number(i, arg, 0, 1e6)))
                return std::nullopt;
            a.options.run.event_window = *v;
        } else if (arg == "--backend") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            a.backend_given = true;
            if (*text == "cpu")
                a.options.backend = network::Backend::Cpu;
            else if (*text == "gpu")
                a.options.backend = network::Backend::Gpu;
            else if (*text == "lanes")
                a.options.backend = network::Backend::Lanes;
            else {
                error = "--backend " + *text + ": expected cpu, gpu or lanes";
                return std::nullopt;
            }
        } else if (arg == "--event-capacity") {
            if (!(v = number(i, arg, 1, 1e9)))
                return std::nullopt;
            a.options.event_capacity = static_cast<int>(*v);
        } else if (arg == "--threads-per-cell") {
            if (!(text = value(i, arg)))
                return std::nullopt;
            char* end = nullptr;
            const long n = std::strtol(text->c_str(), &end, 10);
            if (*text == "auto") {
                a.options.threads_per_cell = 0;
            } else if (end != text->c_str() && *end == '\0' &&
                       (n == 1 || (n >= 32 && n <= 1024 && n % 32 == 0))) {
                a.options.threads_per_cell = static_cast<int>(n);
            } else {
                error = "--threads-per-cell " + *text +
                        ": expected auto, 1, or a multiple of 32 up to 1024";
                return std::nullopt;
            }
        } else if (arg == "--seed") {
            if (!(v = number(i, arg, 0, 9007199254740991.0)))
                return std::nullopt;
            if (*v != std::floor(*v)) {
                error = "--seed is a whole number";
                return std::nullopt;
            }
            a.options.seed = static_cast<unsigned long>(*v);
        } else {
            error = "unknown option '" + arg + "' (see --help)";
            return std::nullopt;
        }
    }
    return a;
}

std::string number(double v, const char* format = "%.17g") {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

std::ofstream open(const std::filesystem::path& path) {
    std::ofstream out(path);
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
    return out;
}

// A file name from a record's label: "v(soma(0.5))" -> "v_soma_0_5".
std::string file_name(const std::string& label) {
    std::string name;
    for (char c : label)
        if (std::isalnum(static_cast<unsigned char>(c)))
            name += c;
        else if (!name.empty() && name.back() != '_')
            name += '_';
    while (!name.empty() && name.back() == '_')
        name.pop_back();
    return name.empty() ? "report" : name;
}

// The populations whose spikes are recorded: those a RECORD spikes names, or all.
std::vector<bool> spike_populations(const NetworkModel& model) {
    std::vector<bool> recorded(model.populations.size(), false);
    bool any = false;
    for (const NetworkRecord& r : model.records)
        if (r.spikes) {
            any = true;
            for (const Selection& s : r.cells)
                recorded[static_cast<std::size_t>(s.population)] = true;
        }
    if (!any)
        std::fill(recorded.begin(), recorded.end(), true);
    return recorded;
}

void write_sonata_spikes(const NetworkModel& model, const std::filesystem::path& path,
                         const std::vector<run::Spike>& spikes) {
    const std::vector<bool> recorded = spike_populations(model);
    std::vector<sonata::SpikePopulation> populations;
    std::vector<int> index(model.populations.size(), -1);
    for (std::size_t p = 0; p < model.populations.size(); ++p)
        if (recorded[p]) {
            index[p] = static_cast<int>(populations.size());
            populations.push_back({model.populations[p].name, {}, {}});
        }
    for (const run::Spike& spike : spikes) { // sorted by time then gid
        const auto p = static_cast<std::size_t>(population_of(model, spike.gid));
        if (index[p] < 0)
            continue;
        sonata::SpikePopulation& out = populations[static_cast<std::size_t>(index[p])];
        out.timestamps.push_back(spike.time);
        out.node_ids.push_back(
            static_cast<std::uint64_t>(spike.gid - model.populations[p].first_gid));
    }
    sonata::write_spikes(path, populations);
}

// Every recorded variable's traces in one table: a row per sample time of any record (a cell
// is empty where its record has no sample at that time).
void write_traces_table(const std::filesystem::path& path,
                        const std::vector<network::Trace>& traces, double tstop) {
    std::map<double, std::size_t> samples; // per interval, the longest trace's samples
    for (const network::Trace& t : traces)
        samples[t.interval] = std::max(samples[t.interval], t.values.size());
    std::set<double> times;
    for (const auto& [interval, count] : samples)
        for (std::size_t k = 0; k < count; ++k)
            times.insert(static_cast<double>(k) * interval);
    std::ofstream out = open(path);
    out << "time_ms";
    for (const network::Trace& t : traces)
        out << '\t' << t.label;
    out << '\n';
    const double tolerance = 1e-9 * std::max(tstop, 1.0);
    std::vector<std::size_t> next(traces.size(), 0);
    double previous = -1;
    for (double time : times) {
        if (time - previous < tolerance)
            continue; // the same time from another interval
        previous = time;
        out << number(time, "%.10g");
        for (std::size_t j = 0; j < traces.size(); ++j) {
            const network::Trace& t = traces[j];
            out << '\t';
            if (next[j] < t.values.size() &&
                std::abs(static_cast<double>(next[j]) * t.interval - time) < tolerance)
                out << number(t.values[next[j]++], "%.10g");
        }
        out << '\n';
    }
}

// A SONATA report per variable RECORD; returns the files' names.
std::vector<std::string> write_sonata_reports(const NetworkModel& model,
                                              const std::filesystem::path& folder,
                                              const std::vector<network::Trace>& traces) {
    std::vector<std::string> names;
    std::map<std::string, int> used;
    for (std::size_t r = 0; r < model.records.size(); ++r) {
        const NetworkRecord& record = model.records[r];
        if (record.spikes)
            continue;
        sonata::Report report;
        report.interval = record.interval;
        report.units = record.variable.unit;
        std::map<int, std::size_t> population_index;
        for (const network::Trace& t : traces) // by record, then gid
            if (t.record == r) {
                auto [at, added] =
                    population_index.emplace(t.population, report.populations.size());
                if (added)
                    report.populations.push_back(
                        {model.populations[static_cast<std::size_t>(t.population)].name, {}, {},
                         {}});
                sonata::ReportPopulation& p = report.populations[at->second];
                p.node_ids.push_back(static_cast<std::uint64_t>(t.node));
                p.element_ids.push_back(record.variable.kind == RecordKind::Point
                                            ? 0u
                                            : static_cast<std::uint32_t>(record.variable.section));
                p.values.push_back(t.values);
            }
        std::string name = file_name(record.variable.label);
        if (int n = ++used[name]; n > 1)
            name += "_" + std::to_string(n);
        name += ".h5";
        sonata::write_report(folder / name, report);
        names.push_back(name);
    }
    return names;
}

// Writes every output on rank 0; returns the names of the files written.
std::vector<std::string> write_outputs(const NetworkModel& model, const Arguments& args,
                                       const network::Result& result) {
    std::filesystem::create_directories(args.out);
    std::vector<std::string> written = {"spikes.tsv", "spikes.h5", "populations.tsv"};
    {
        std::ofstream out = open(args.out / "spikes.tsv");
        run::write_spikes(out, result.spikes);
    }
    write_sonata_spikes(model, args.out / "spikes.h5", result.spikes);
    {
        std::ofstream out = open(args.out / "populations.tsv");
        out << "population\tcell\tfirst_gid\tcount\n";
        for (const Population& p : model.populations)
            out << p.name << '\t' << model.cells[static_cast<std::size_t>(p.cell)].name << '\t'
                << p.first_gid << '\t' << p.count << '\n';
    }
    if (!result.traces.empty()) {
        write_traces_table(args.out / "traces.tsv", result.traces, args.options.run.tstop);
        written.push_back("traces.tsv");
        for (std::string& name : write_sonata_reports(model, args.out, result.traces))
            written.push_back(std::move(name));
    }
    const network::Statistics& s = result.statistics;
    const double tstop = args.options.run.tstop;
    std::ofstream out = open(args.out / "report.txt");
    out << "network\t" << model.name << "\n"
        << "ranks\t" << result.ranks << "\n"
        << "method\t" << (args.options.run.method == run::Method::Bdf ? "bdf" : "fixed") << "\n"
        << "exchange\t" << (args.options.exchange == network::Exchange::Async ? "async" : "bsp")
        << "\n"
        << "balance\t"
        << (args.options.balance == network::Balance::Cost ? "cost" : "round-robin") << "\n"
        << "estimated_imbalance\t" << s.imbalance << "\n"
        << "backend\t"
        << (args.options.backend == network::Backend::Cpu     ? "cpu"
            : args.options.backend == network::Backend::Gpu ? "gpu"
                                                            : "lanes")
        << "\n"
        << "device\t" << s.device << "\n"
        << "device_memory_bytes\t" << s.device_memory_bytes << "\n"
        << "device_waits\t" << s.device_waits << "\n"
        << "device_launches\t" << s.device_launches << "\n"
        << "tstop_ms\t" << tstop << "\n"
        << "seed\t" << args.options.seed << "\n"
        << "cells\t" << s.cells << "\n"
        << "connections\t" << s.connections << "\n"
        << "connection_bytes\t" << s.memory_bytes << "\n"
        << "connectivity_hash\t" << result.connectivity_hash << "\n"
        << "steps\t" << s.steps << "\n"
        << "events\t" << s.events << "\n"
        << "spikes\t" << s.spikes << "\n"
        << "messages\t" << s.messages << "\n"
        << "build_s\t" << s.build_seconds << "\n"
        << "initialize_s\t" << s.initialize_seconds << "\n"
        << "run_s\t" << s.run_seconds << "\n"
        << "wait_s\t" << s.wait_seconds << "\n"
        << "output_s\t" << s.output_seconds << "\n"
        << "real_time_factor\t" << (tstop > 0 ? s.run_seconds / (tstop / 1000) : 0) << "\n";
    written.push_back("report.txt");
    return written;
}

} // namespace

int population_of(const NetworkModel& model, long gid) {
    // Populations hold consecutive gids in order: the last one starting at or before gid.
    auto after = std::upper_bound(
        model.populations.begin(), model.populations.end(), gid,
        [](long g, const Population& p) { return g < p.first_gid; });
    if (after == model.populations.begin())
        return -1;
    const Population& p = *(after - 1);
    return gid < p.first_gid + p.count ? static_cast<int>(after - 1 - model.populations.begin())
                                       : -1;
}

int network_main(int argc, char** argv, const NetworkModel& model, device::GpuSupport gpu) {
    MPI_Init(&argc, &argv);
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    std::string error;
    std::optional<Arguments> args = parse(argc, argv, model, error);
    int status = 0;
    if (!args) {
        if (rank == 0)
            std::fprintf(stderr, "%s: %s\n", argv[0], error.c_str());
        status = 1;
    } else if (args->help) {
        if (rank == 0)
            std::printf(kUsage, argv[0], model.name.c_str(), model.tstop, model.seed);
    } else {
        args->options.gpu = gpu;
        // Built for CUDA: the GPU unless asked otherwise (CVODE, which only the CPU backend
        // runs, stays there).
        if (gpu.make && !args->backend_given) {
            const run::Options& o = args->options.run;
            if (o.method == run::Method::Fixed || o.method == run::Method::Bdf)
                args->options.backend = network::Backend::Gpu;
        }
        const network::Result result = network::simulate(model, args->options);
        if (!result.failure.empty()) {
            if (rank == 0)
                std::fprintf(stderr, "%s: network %s: %s\n", argv[0], model.name.c_str(),
                             result.failure.c_str());
            status = 1;
        } else if (rank == 0) {
            try {
                const std::vector<std::string> written = write_outputs(model, *args, result);
                if (!args->quiet) {
                    const network::Statistics& s = result.statistics;
                    std::printf("network %s: %.0f cells, %.0f connections on %d ranks; %s, %s "
                                "exchange, tstop %g ms\n",
                                model.name.c_str(), s.cells, s.connections, result.ranks,
                                args->options.run.method == run::Method::Bdf ? "bdf" : "fixed",
                                args->options.exchange == network::Exchange::Async ? "async"
                                                                                   : "bsp",
                                args->options.run.tstop);
                    std::printf("%.0f spikes, %.0f events, %.0f steps; build %.3f s, run %.3f s "
                                "(real-time factor %.3g)\n",
                                s.spikes, s.events, s.steps, s.build_seconds, s.run_seconds,
                                args->options.run.tstop > 0
                                    ? s.run_seconds / (args->options.run.tstop / 1000)
                                    : 0.0);
                    std::string files;
                    for (const std::string& name : written)
                        files += (files.empty() ? "" : ", ") + name;
                    std::printf("wrote %s: %s\n", args->out.c_str(), files.c_str());
                }
            } catch (const std::exception& e) {
                std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
                status = 1;
            }
        }
        MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    }
    MPI_Finalize();
    return status;
}

} // namespace ranvier::app
