// Protocols on Ranvier's fixed-step method, for comparison with NEURON (hh_soma_check.py).
//   hh_soma   a 20 x 20 um soma (nseg 1, cm 1 uF/cm2, Ra 100 ohm cm) with the standard
//             library's hh at its defaults, celsius 6.3 degC, v_init -65 mV, and an IClamp at
//             soma(0.5) of 0.15 nA from 10 ms for 1000 ms; prints `t v(soma(0.5))`;
//   branched  the same soma with two passive dendrites, one of 300 x 2 um (nseg 9) at soma(1),
//             one of 200 x 1 um (nseg 3) at soma(0.5) with an hh patch, both Ra 100 ohm cm,
//             pas g 1e-4 S/cm2 e -65 mV; prints t and v at soma(0.5), dend(0.5), dend(1),
//             side(0.9);
//   synapses  the hh soma without the clamp, with an ExpSyn, an Exp2Syn, a kinetic AMPA and a
//             kinetic NMDA (Mg block) at soma(0.5), each driven by NetCon events at set times
//             (sent after initialisation, as NetCon.event does in NEURON).
// Prints a line after initialisation and after each step. With `cvode`, SUNDIALS CVODE at the
// given tolerances instead: prints the soma's spike times (upward crossings of -20 mV), one per
// line, then a `# steps ...` line of statistics.
//
//   hh_soma_fixed PROTOCOL TSTOP_MS DT_MS [SECONDORDER [spikes]]
//   hh_soma_fixed PROTOCOL TSTOP_MS cvode|bdf RTOL ATOL  (bdf: Ranvier's own BDF integrator)
// With `spikes`, the fixed-step run prints the soma's spike times (crossings of -20 mV,
// interpolated linearly between steps) instead of the trace. Both spike listings end with a
// `# steps ... seconds ...` line: the integration's wall time, without set-up and output.
#include "ranvier/integrate/fixed_step.h"
#include "ranvier/run/run.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_pas;
extern "C" const rv_mechanism rv_mechanism_IClamp;
extern "C" const rv_mechanism rv_mechanism_ExpSyn;
extern "C" const rv_mechanism rv_mechanism_Exp2Syn;
extern "C" const rv_mechanism rv_mechanism_AMPA;
extern "C" const rv_mechanism rv_mechanism_NMDA;

namespace {

using ranvier::cell::SectionSpec;

void set(ranvier::cell::Cell& cell, const rv_mechanism& m, int instance, const char* field,
         double value) {
    ranvier::cell::MechanismSet& set = cell.mechanism(m);
    set.at(set.field(field), instance) = value;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: hh_soma_fixed hh_soma|branched TSTOP_MS DT_MS [SECONDORDER]\n");
        return 2;
    }
    const bool branched = std::strcmp(argv[1], "branched") == 0;
    const bool synapses = std::strcmp(argv[1], "synapses") == 0;
    const double tstop = std::atof(argv[2]), dt = std::atof(argv[3]);
    const bool cvode = std::strcmp(argv[3], "cvode") == 0;
    const bool bdf = std::strcmp(argv[3], "bdf") == 0;
    const int secondorder = argc > 4 && !cvode ? std::atoi(argv[4]) : 0;
    std::vector<SectionSpec> sections = {{"soma", 20, 20, 100, 1, 1, -1, 1}};
    if (branched) {
        sections.push_back({"dend", 300, 2, 100, 1, 9, 0, 1});
        sections.push_back({"side", 200, 1, 100, 1, 3, 0, 0.5});
    }
    std::string error;
    std::optional<ranvier::cell::Cable> cable = ranvier::cell::Cable::discretise(sections, error);
    if (!cable) {
        std::fprintf(stderr, "hh_soma_fixed: %s\n", error.c_str());
        return 1;
    }
    ranvier::cell::Cell cell(*cable, 6.3);
    const int soma = cell.cable().node_at(0, 0.5);
    cell.insert(rv_mechanism_hh, soma);
    std::vector<int> probes = {soma};
    if (branched) {
        for (int s = 1; s <= 2; ++s)
            for (int j = 0; j < sections[static_cast<std::size_t>(s)].nseg; ++j) {
                const double x = (j + 0.5) / sections[static_cast<std::size_t>(s)].nseg;
                const int p = cell.insert(rv_mechanism_pas, cell.cable().node_at(s, x));
                set(cell, rv_mechanism_pas, p, "g", 1e-4);
                set(cell, rv_mechanism_pas, p, "e", -65);
            }
        cell.insert(rv_mechanism_hh, cell.cable().node_at(2, 0.9));
        probes = {soma, cell.cable().node_at(1, 0.5), cell.cable().node_at(1, 1),
                  cell.cable().node_at(2, 0.9)};
    }
    // Synapses: mechanism, weight, event times.
    struct Input {
        const rv_mechanism* mechanism;
        double weight;
        std::vector<double> times;
        int handle = -1;
    };
    std::vector<Input> inputs;
    if (synapses) {
        inputs = {{&rv_mechanism_ExpSyn, 0.004, {5, 12.5}},
                  {&rv_mechanism_Exp2Syn, 0.003, {20, 21}},
                  {&rv_mechanism_AMPA, 0.002, {40, 40.6, 41.2}},
                  {&rv_mechanism_NMDA, 0.002, {60, 60.5}}};
        for (Input& input : inputs) {
            const int instance = cell.insert(*input.mechanism, soma);
            input.handle = cell.mechanism(*input.mechanism).connect(instance, {input.weight});
        }
    } else {
        const int stim = cell.insert(rv_mechanism_IClamp, soma);
        set(cell, rv_mechanism_IClamp, stim, "del", 10);
        set(cell, rv_mechanism_IClamp, stim, "dur", 1000);
        set(cell, rv_mechanism_IClamp, stim, "amp", 0.15);
    }
    auto send_inputs = [&] {
        for (const Input& input : inputs)
            for (double t : input.times)
                cell.send(*input.mechanism, input.handle, t);
    };
    if (bdf || cvode) {
        ranvier::run::Options options;
        options.method = bdf ? ranvier::run::Method::Bdf : ranvier::run::Method::Cvode;
        options.tstop = tstop;
        options.rtol = argc > 4 ? std::atof(argv[4]) : 1e-3;
        options.atol = argc > 5 ? std::atof(argv[5]) : 1e-3;
        const ranvier::run::Result r =
            ranvier::run::run(cell, options, {{0, {soma, -20}}}, send_inputs);
        if (!r.failure.empty()) {
            std::fprintf(stderr, "hh_soma_fixed: %s\n", r.failure.c_str());
            return 1;
        }
        for (const ranvier::run::Spike& spike : r.spikes)
            std::printf("%.17g\n", spike.time);
        std::printf("# %s seconds %.6f\n", r.statistics.c_str(), r.seconds);
        return 0;
    }
    ranvier::integrate::FixedStep solver(cell, {dt, secondorder});
    const long steps = std::lround(tstop / dt);
    if (argc > 5 && std::strcmp(argv[5], "spikes") == 0) {
        std::vector<double> spikes;
        const auto start = std::chrono::steady_clock::now();
        solver.initialize(-65);
        send_inputs();
        double v_before = cell.v()[static_cast<std::size_t>(soma)];
        for (long n = 0; n < steps; ++n) {
            if (!solver.step()) {
                std::fprintf(stderr, "hh_soma_fixed: %s\n", solver.failure().c_str());
                return 1;
            }
            const double v = cell.v()[static_cast<std::size_t>(soma)];
            if (v_before < -20 && v >= -20)
                spikes.push_back(cell.t() - dt * (v + 20) / (v - v_before));
            v_before = v;
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (double t : spikes)
            std::printf("%.17g\n", t);
        std::printf("# steps %ld seconds %.6f\n", steps, seconds);
        return 0;
    }
    solver.initialize(-65);
    send_inputs();
    auto print = [&] {
        std::printf("%.17g", cell.t());
        for (int p : probes)
            std::printf(" %.17g", cell.v()[static_cast<std::size_t>(p)]);
        std::printf("\n");
    };
    print();
    for (long n = 0; n < steps; ++n) {
        if (!solver.step()) {
            std::fprintf(stderr, "hh_soma_fixed: %s\n", solver.failure().c_str());
            return 1;
        }
        print();
    }
    return 0;
}
