// The executables `ranvier build` makes for a NETWORK: the network's description (which the
// compiler prints as C++ from the model file) and the command line that runs it over MPI. The
// generated main() is `return ranvier::app::network_main(argc, argv, model);`.
//
//   mpirun -np R BIN [--tstop MS] [--method bdf|fixed] [--exchange async|bsp] [--dt MS]
//       [--rtol X] [--atol X] [--balance cost|round-robin] [--seed N] [--out DIR] [--quiet]
//
// Every rank builds its own cells (balanced by estimated cost, or gid modulo the number of
// ranks) and only their incoming
// connections, drawn from counter-based random streams keyed by (seed, projection, target gid),
// so that the network and its spikes are the same for any number of ranks. Rank 0 writes
// DIR/spikes.tsv (`gid<TAB>time_ms`, sorted by time then gid), DIR/populations.tsv (each
// population's name, first gid and size), DIR/traces.tsv when the network records variables,
// and DIR/report.txt (wall time per phase, steps, events, spikes, real-time factor).
#pragma once

#include "ranvier/device/engine.h"
#include "ranvier/app/cell_app.h"

#include <string>
#include <vector>

namespace ranvier::app {

// A value drawn per cell or per connection (see the compiler's model.h).
enum class DistributionKind { Constant, Normal, LogNormal, Uniform, Exponential };

struct Distribution {
    DistributionKind kind = DistributionKind::Constant;
    double a = 0, b = 0; // value; mean, sd; mu, sigma; low, high; mean
    double scale = 1;    // LogNormal: exp(mu) is in this unit
    double low = -1e300, high = 1e300;
};

// A density mechanism's PARAMETER in every segment that has it (`mechanism`), or a point
// process's (`point`), drawn per cell.
struct PopulationParameter {
    const rv_mechanism* mechanism;
    int point;
    std::string field;
    Distribution value;
};

struct Population {
    std::string name;
    int cell; // index into NetworkModel::cells
    long count;
    long first_gid;
    std::vector<PopulationParameter> parameters;
};

// Cells first..last (both included) of a population.
struct Selection {
    int population;
    long first, last;
};

enum class Rule {
    OneToOne,
    AllToAll,
    FixedIndegree,
    FixedOutdegree,
    FixedTotalNumber,
    PairwiseBernoulli,
    File
};

struct Projection {
    std::string label;
    Selection source, target;
    int synapse; // index into the target CELL's points
    Rule rule;
    double number; // N of the fixed rules; p of pairwise_bernoulli
    bool autapses, multapses;
    std::string file; // File: `source target [weight [delay]]` per line, indices in the selections
    std::vector<Distribution> weights;
    Distribution delay; // ms
};

// Events into a synapse of every selected cell, each cell with its own random stream; or, when
// `mechanism` is set, that point process inserted at (section, x) of every selected cell.
struct NetworkStimulus {
    std::string label;
    Stimulus events; // events.target: the synapse
    std::vector<Distribution> weights;
    Distribution delay;
    const rv_mechanism* mechanism;
    std::vector<Value> values;
    int section;
    double x;
    Selection target;
};

struct NetworkRecord {
    bool spikes;
    std::vector<Selection> cells;
    Record variable;
    double interval; // ms
};

struct NetworkModel {
    std::string name;
    double tstop = 100;
    unsigned long seed = 1;
    std::vector<CellModel> cells;
    std::vector<Population> populations;
    std::vector<Projection> projections;
    std::vector<NetworkStimulus> stimuli;
    std::vector<NetworkRecord> records;
};

// The index of the population that holds `gid`; -1 when none does.
int population_of(const NetworkModel& model, long gid);

// `gpu`: the GPU's lane engine, when the executable was built for CUDA; the cells then run on
// the rank's GPU (with the fixed step; BDF runs on the CPU backend so far).
int network_main(int argc, char** argv, const NetworkModel& model,
                 device::GpuSupport gpu = {});

} // namespace ranvier::app
