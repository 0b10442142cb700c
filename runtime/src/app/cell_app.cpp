// The command line of a built cell (see cell_app.h): build the cell from its description, run
// it with the chosen method, write spikes and traces.
#include "ranvier/app/cell_app.h"

#include "ranvier/kernel/random.h"
#include "ranvier/run/run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace ranvier::app {

namespace {

constexpr const char* kUsage =
    "usage: %s [options]\n"
    "Runs CELL %s and writes DIR/spikes.tsv (and DIR/traces.tsv when it records).\n"
    "  --tstop MS              end time (default %g)\n"
    "  --method bdf|fixed|cvode  Ranvier's variable-order BDF (default), NEURON's fixed step,\n"
    "                          or SUNDIALS CVODE\n"
    "  --dt MS                 fixed step (default 0.025)\n"
    "  --secondorder 0|2       fixed step: backward Euler (0, default) or Crank-Nicolson (2)\n"
    "  --rtol X, --atol X      variable step tolerances (default 1e-3 and 1e-3)\n"
    "  --event-window MS       variable step: deliver events this close after another with it\n"
    "                          (fewer restarts; each moves earlier by at most MS; default 0)\n"
    "  --seed N                seed of the random streams (default 1)\n"
    "  --out DIR               output folder (default .)\n"
    "  --quiet                 no summary on standard output\n";

struct Arguments {
    run::Options run;
    unsigned long seed = 1;
    std::filesystem::path out = ".";
    bool quiet = false;
};

// Parses the command line; nullopt with a message on stderr when it is wrong.
std::optional<Arguments> parse(int argc, char** argv, const CellModel& model, bool& help) {
    Arguments a;
    a.run.tstop = model.tstop;
    a.run.v_init = model.v_init;
    auto number = [&](int& i, const char* name, double low, double high) -> std::optional<double> {
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s: %s needs a value\n", argv[0], name);
            return std::nullopt;
        }
        char* end = nullptr;
        const double v = std::strtod(argv[++i], &end);
        if (end == argv[i] || *end != '\0' || !(v >= low && v <= high)) {
            std::fprintf(stderr, "%s: %s %s: expected a number in [%g, %g]\n", argv[0], name,
                         argv[i], low, high);
            return std::nullopt;
        }
        return v;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::optional<double> v;
        if (arg == "--help" || arg == "-h") {
            help = true;
            return a;
        } else if (arg == "--quiet") {
            a.quiet = true;
            continue;
        } else if (arg == "--method") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s: --method needs bdf, fixed or cvode\n", argv[0]);
                return std::nullopt;
            }
            const std::string m = argv[++i];
            if (m == "bdf")
                a.run.method = run::Method::Bdf;
            else if (m == "fixed")
                a.run.method = run::Method::Fixed;
            else if (m == "cvode")
                a.run.method = run::Method::Cvode;
            else {
                std::fprintf(stderr, "%s: --method %s: expected bdf, fixed or cvode\n", argv[0],
                             m.c_str());
                return std::nullopt;
            }
            continue;
        } else if (arg == "--out") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s: --out needs a folder\n", argv[0]);
                return std::nullopt;
            }
            a.out = argv[++i];
            continue;
        } else if (arg == "--tstop") {
            if (!(v = number(i, "--tstop", 0, 1e12)))
                return std::nullopt;
            a.run.tstop = *v;
        } else if (arg == "--dt") {
            if (!(v = number(i, "--dt", 1e-9, 1e6)))
                return std::nullopt;
            a.run.dt = *v;
        } else if (arg == "--secondorder") {
            if (!(v = number(i, "--secondorder", 0, 2)) || (*v != 0 && *v != 2)) {
                if (v)
                    std::fprintf(stderr, "%s: --secondorder is 0 or 2\n", argv[0]);
                return std::nullopt;
            }
            a.run.secondorder = static_cast<int>(*v);
        } else if (arg == "--rtol") {
            if (!(v = number(i, "--rtol", 1e-15, 1)))
                return std::nullopt;
            a.run.rtol = *v;
        } else if (arg == "--atol") {
            if (!(v = number(i, "--atol", 1e-15, 1e6)))
                return std::nullopt;
            a.run.atol = *v;
        } else if (arg == "--event-window") {
            if (!(v = number(i, "--event-window", 0, 1e6)))
                return std::nullopt;
            a.run.event_window = *v;
        } else if (arg == "--seed") {
            if (!(v = number(i, "--seed", 0, 9007199254740991.0)) || *v != std::floor(*v)) {
                if (v)
                    std::fprintf(stderr, "%s: --seed is a whole number\n", argv[0]);
                return std::nullopt;
            }
            a.seed = static_cast<unsigned long>(*v);
        } else {
            std::fprintf(stderr, "%s: unknown option '%s' (see --help)\n", argv[0], arg.c_str());
            return std::nullopt;
        }
    }
    return a;
}

const char* method_name(run::Method m) {
    switch (m) {
    case run::Method::Bdf:
        return "bdf";
    case run::Method::Fixed:
        return "fixed";
    case run::Method::Cvode:
        return "cvode";
    }
    return "";
}

} // namespace

void set_values(cell::MechanismSet& set, int instance, const std::vector<Value>& values) {
    for (const Value& v : values) {
        const int field = set.field(v.field);
        if (field < 0)
            throw std::runtime_error("mechanism " + set.name() + " has no variable '" + v.field +
                                     "'");
        set.at(field, instance) = v.value;
    }
}

// The order of the cell's mechanism list, as NEURON's: its built-in mechanisms first (in the
// order NEURON registers them), then the others by name, as nrnivmodl registers *.mod files.
// The fixed step advances states in this order, and a mechanism reads the concentrations the
// ones before it wrote in the same step.
void order_mechanisms(const CellModel& model, cell::Cell& c) {
    static const char* const kBuiltins[] = {
        "pas",    "hh",     "IClamp",  "AlphaSynapse", "ExpSyn",   "Exp2Syn",  "SEClamp",
        "VClamp", "OClamp", "APCount", "NetStim",      "IntFire1", "IntFire2", "IntFire4"};
    auto rank = [](const rv_mechanism* m) {
        for (std::size_t k = 0; k < std::size(kBuiltins); ++k)
            if (std::string_view(m->name) == kBuiltins[k])
                return static_cast<int>(k);
        return static_cast<int>(std::size(kBuiltins));
    };
    std::vector<const rv_mechanism*> used;
    for (const Insertion& i : model.insertions)
        used.push_back(i.mechanism);
    for (const PointProcess& p : model.points)
        used.push_back(p.mechanism);
    std::sort(used.begin(), used.end(), [&](const rv_mechanism* a, const rv_mechanism* b) {
        return rank(a) != rank(b) ? rank(a) < rank(b)
                                  : std::string_view(a->name) < std::string_view(b->name);
    });
    for (const rv_mechanism* m : used)
        c.mechanism(*m);
}

Built build(const CellModel& model, unsigned long seed, double stream_base) {
    Built b;
    std::string error;
    std::optional<cell::Cable> cable = cell::Cable::discretise(model.sections, error);
    if (!cable)
        throw std::runtime_error(error);
    b.cell.emplace(std::move(*cable), model.celsius);
    cell::Cell& c = *b.cell;
    c.global(RV_SEED) = static_cast<double>(seed);
    order_mechanisms(model, c);
    const cell::Cable& cab = c.cable();
    for (const Insertion& insertion : model.insertions)
        for (int s : insertion.sections) {
            const int nseg = model.sections[static_cast<std::size_t>(s)].nseg;
            for (int j = 0; j < nseg; ++j) {
                const int node = cab.node_at(s, (j + 0.5) / nseg);
                const int instance = c.insert(*insertion.mechanism, node);
                set_values(c.mechanism(*insertion.mechanism), instance, insertion.values);
            }
        }
    for (const PointProcess& p : model.points) {
        const int instance = c.insert(*p.mechanism, cab.node_at(p.section, p.x));
        set_values(c.mechanism(*p.mechanism), instance, p.values);
        b.point_instances.push_back(instance);
    }
    // Random streams: one per instance, numbered in the order of the description.
    double stream = stream_base;
    for (cell::MechanismSet& set : c.mechanisms()) {
        const int field = set.descriptor().stream_field;
        for (int i = 0; field >= 0 && i < set.size(); ++i)
            set.at(field, i) = ++stream;
    }
    for (const IonValues& ion : model.ions)
        for (int s : ion.sections) {
            const int nseg = model.sections[static_cast<std::size_t>(s)].nseg;
            for (int j = 0; j < nseg; ++j)
                c.set_ion_initial(ion.ion, cab.node_at(s, (j + 0.5) / nseg), ion.inside,
                                  ion.outside, ion.reversal);
        }
    for (std::size_t d = 0; d < model.detectors.size(); ++d) {
        const Detector& det = model.detectors[d];
        if (det.point < 0) {
            b.detectors.push_back(
                {static_cast<int>(d), {cab.node_at(det.section, det.x), det.threshold}});
            continue;
        }
        const cell::MechanismSet& set =
            c.mechanism(*model.points[static_cast<std::size_t>(det.point)].mechanism);
        const auto m = static_cast<int>(&set - c.mechanisms().data());
        b.net_event_detectors.push_back(
            {m, b.point_instances[static_cast<std::size_t>(det.point)], static_cast<int>(d)});
    }
    return b;
}

std::optional<int> net_event_gid(const Built& b, std::pair<int, int> source) {
    for (const Built::NetEvent& d : b.net_event_detectors)
        if (d.mechanism == source.first && d.instance == source.second)
            return d.gid;
    return std::nullopt;
}

Probe::Probe(const Record& r, const CellModel& model, Built& b) : record_(r), cell_(*b.cell) {
        // v at x = 0 or 1 is the end's own node; a mechanism's or an ion's variable there is
        // the first or last segment's, as NEURON reads range variables at the ends.
        const double x = r.kind == RecordKind::Voltage ? r.x : std::clamp(r.x, 1e-9, 1 - 1e-9);
        node_ = r.kind == RecordKind::Point ? -1 : cell_.cable().node_at(r.section, x);
        if (r.kind == RecordKind::Density || r.kind == RecordKind::Point) {
            const PointProcess* p = r.kind == RecordKind::Point
                                        ? &model.points[static_cast<std::size_t>(r.point)]
                                        : nullptr;
            const rv_mechanism& m = p ? *p->mechanism : *r.mechanism;
            cell::MechanismSet& set = cell_.mechanism(m);
            for (std::size_t k = 0; k < cell_.mechanisms().size(); ++k)
                if (&cell_.mechanisms()[k] == &set)
                    mechanism_ = k;
            field_ = set.field(r.field);
            if (field_ < 0)
                throw std::runtime_error("cannot record " + r.label + ": " + set.name() +
                                         " has no variable '" + r.field + "'");
            instance_ = -1;
            if (p)
                instance_ = b.point_instances[static_cast<std::size_t>(r.point)];
            for (int i = 0; !p && i < set.size(); ++i)
                if (set.node(i) == node_)
                    instance_ = i;
            if (instance_ < 0)
                throw std::runtime_error("cannot record " + r.label + ": " + set.name() +
                                         " is not at that location");
        }
    }

Probe::Location Probe::location() const {
    Location l{record_.kind, node_, field_, instance_, mechanism_, -1, 3};
    if (record_.kind == RecordKind::Ion)
        for (std::size_t k = 0; k < cell_.ions().size(); ++k) {
            const cell::Ion& ion = cell_.ions()[k];
            if (ion.name != record_.ion)
                continue;
            l.ion = static_cast<int>(k);
            const std::string& f = record_.field;
            l.which = f == "e" + ion.name ? 0 : f == ion.name + "i" ? 1 : f == ion.name + "o" ? 2 : 3;
        }
    return l;
}

double Probe::read() const {
        const auto n = static_cast<std::size_t>(node_);
        switch (record_.kind) {
        case RecordKind::Voltage:
            return cell_.v()[n];
        case RecordKind::Density:
        case RecordKind::Point:
            return cell_.mechanisms()[mechanism_].at(field_, instance_);
        case RecordKind::Ion:
            for (const cell::Ion& ion : cell_.ions()) {
                if (ion.name != record_.ion)
                    continue;
                const std::string& f = record_.field;
                if (f == "e" + ion.name)
                    return ion.e[n];
                if (f == ion.name + "i")
                    return ion.ci[n];
                if (f == ion.name + "o")
                    return ion.co[n];
                return ion.i[n];
            }
            return std::nan("");
        }
        return std::nan("");
    }



std::vector<double> stimulus_times(const Stimulus& s, double tstop, unsigned long seed,
                                   unsigned long stream) {
    std::vector<double> times;
    const double end = std::min(s.stop, tstop);
    switch (s.kind) {
    case StimulusKind::Times:
        for (double t : s.times)
            if (t <= tstop)
                times.push_back(t);
        break;
    case StimulusKind::Regular:
        for (double k = 0; k < s.number; ++k) {
            const double t = s.start + k * s.interval;
            if (t > end)
                break;
            times.push_back(t);
        }
        break;
    case StimulusKind::Poisson: {
        if (!(s.rate > 0))
            break;
        const double mean = 1000.0 / s.rate; // ms
        double t = s.start;
        for (double draw = 0;; ++draw) {
            t += mean * kernel::random_exponential(static_cast<double>(seed),
                                                   static_cast<double>(stream), draw);
            if (t > end)
                break;
            times.push_back(t);
        }
        break;
    }
    }
    return times;
}

int main(int argc, char** argv, const CellModel& model) {
    bool help = false;
    std::optional<Arguments> args = parse(argc, argv, model, help);
    if (help) {
        std::printf(kUsage, argv[0], model.name.c_str(), model.tstop);
        return 0;
    }
    if (!args)
        return 1;
    try {
        Built b = build(model, args->seed, 0);
        cell::Cell& cell = *b.cell;
        // Stimuli: a NetCon per stimulus into its point process, events sent after
        // initialisation. Stream ids above those of the mechanisms' instances.
        std::vector<std::pair<int, std::vector<double>>> inputs; // (handle, arrival times)
        for (std::size_t k = 0; k < model.stimuli.size(); ++k) {
            const Stimulus& s = model.stimuli[k];
            const PointProcess& p = model.points[static_cast<std::size_t>(s.target)];
            const int handle =
                cell.mechanism(*p.mechanism)
                    .connect(b.point_instances[static_cast<std::size_t>(s.target)], s.weights);
            std::vector<double> times =
                stimulus_times(s, args->run.tstop, args->seed, (1ul << 40) + k);
            for (double& t : times)
                t += s.delay;
            inputs.emplace_back(handle, std::move(times));
        }
        if (!inputs.empty()) {
            // The events each stimulus delivers, so that other simulators can replay them.
            std::filesystem::create_directories(args->out);
            std::ofstream out(args->out / "stimuli.tsv");
            out << "stimulus\ttime_ms\n";
            char time[32];
            for (std::size_t k = 0; k < inputs.size(); ++k)
                for (double t : inputs[k].second) {
                    std::snprintf(time, sizeof time, "%.17g", t);
                    out << model.stimuli[k].label << '\t' << time << '\n';
                }
            if (!out)
                throw std::runtime_error("cannot write " + (args->out / "stimuli.tsv").string());
        }
        auto send = [&] {
            for (std::size_t k = 0; k < inputs.size(); ++k) {
                const Stimulus& s = model.stimuli[k];
                const rv_mechanism& m = *model.points[static_cast<std::size_t>(s.target)].mechanism;
                for (double t : inputs[k].second)
                    cell.send(m, inputs[k].first, t);
            }
        };
        std::vector<Probe> probes;
        for (const Record& r : model.records)
            probes.emplace_back(r, model, b);
        std::filesystem::create_directories(args->out);
        std::ofstream traces;
        run::Sampling sampling;
        if (!probes.empty()) {
            traces.open(args->out / "traces.tsv");
            if (!traces)
                throw std::runtime_error("cannot write " + (args->out / "traces.tsv").string());
            traces << "time_ms";
            for (const Record& r : model.records)
                traces << '\t' << r.label;
            traces << '\n';
            sampling.interval = model.sample_interval;
            sampling.sample = [&](double t) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.10g", t);
                traces << buffer;
                for (const Probe& p : probes) {
                    std::snprintf(buffer, sizeof buffer, "%.10g", p.read());
                    traces << '\t' << buffer;
                }
                traces << '\n';
            };
        }
        run::Result result = run::run(cell, args->run, b.detectors, send, sampling);
        for (std::size_t k = 0; k < cell.spikes().size(); ++k)
            if (std::optional<int> gid = net_event_gid(b, cell.spike_sources()[k]))
                result.spikes.push_back({*gid, cell.spikes()[k]});
        std::ofstream spikes(args->out / "spikes.tsv");
        if (!spikes)
            throw std::runtime_error("cannot write " + (args->out / "spikes.tsv").string());
        run::write_spikes(spikes, result.spikes);
        if (!result.failure.empty()) {
            std::fprintf(stderr, "%s: cell %s (gid 0): %s\n", argv[0], model.name.c_str(),
                         result.failure.c_str());
            return 1;
        }
        if (!args->quiet) {
            std::printf("cell %s: %d sections, %d nodes; method %s, tstop %g ms\n",
                        model.name.c_str(), static_cast<int>(model.sections.size()),
                        cell.cable().node_count(), method_name(args->run.method), args->run.tstop);
            std::printf("%s; %zu spikes; %.3f s\n", result.statistics.c_str(), result.spikes.size(),
                        result.seconds);
            std::printf("wrote %s%s\n", (args->out / "spikes.tsv").c_str(),
                        probes.empty() ? ""
                                       : (" and " + (args->out / "traces.tsv").string()).c_str());
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: cell %s: %s\n", argv[0], model.name.c_str(), e.what());
        return 1;
    }
}

} // namespace ranvier::app
