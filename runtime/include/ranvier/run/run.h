// Running a cell to tstop with one of the integrators, as the executables `ranvier build` makes
// do: spike detectors with gids (threshold crossings located between fixed steps by linear
// interpolation, on the dense output for BDF, by root finding for CVODE), synaptic input sent
// after initialisation, statistics and failures, and the spikes written as spikes.tsv.
#pragma once

#include "ranvier/cell/cell.h"
#include "ranvier/integrate/cell_system.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace ranvier::run {

enum class Method { Fixed, Bdf, Cvode };

struct Options {
    Method method = Method::Bdf;
    double tstop = 100;  // ms
    double dt = 0.025;   // ms, fixed step
    int secondorder = 0; // fixed step: NEURON's secondorder
    double rtol = 1e-3, atol = 1e-3;
    double event_window = 0; // variable step: events this close after another go with it (ms)
    double v_init = -65;     // mV
};

struct Detector {
    int gid = 0;
    integrate::Detector where;
};

struct Spike {
    int gid;
    double time;
};

struct Result {
    std::vector<Spike> spikes; // sorted by time, then gid
    std::string statistics;    // "steps 123 ..." as the method counts them
    std::string failure;       // empty on success
    double seconds = 0;        // integration only
};

// Sampled recordings: `sample(t)` is called at t = 0, interval, 2 interval, ... up to tstop, with
// the cell holding its values at t: for the variable-step methods v and the states come from
// the dense output of the step holding t (other variables are those of the last evaluation);
// for the fixed step, the values at the step end nearest t.
struct Sampling {
    double interval = 0; // ms; 0: no sampling
    std::function<void(double)> sample;
};

// `after_initialize` runs right after NEURON's finitialize (to send synaptic events).
Result run(cell::Cell& cell, const Options& options, const std::vector<Detector>& detectors,
           const std::function<void()>& after_initialize = {}, const Sampling& sampling = {});

// `gid<TAB>time_ms` per spike after a header line, sorted by time then gid; times printed with
// 17 significant digits so that runs compare exactly.
void write_spikes(std::ostream& out, const std::vector<Spike>& spikes);

} // namespace ranvier::run
