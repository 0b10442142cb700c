// The executables `ranvier build` makes for a CELL: the cell's description (which the compiler
// prints as C++ from the model file) and the command line that runs it. The generated main()
// is `return ranvier::app::main(argc, argv, model);`.
//
//   BIN [--tstop MS] [--method bdf|fixed|cvode] [--dt MS] [--secondorder 0|2] [--rtol X]
//       [--atol X] [--seed N] [--out DIR] [--quiet]
//
// writes DIR/spikes.tsv (a header line, then `gid<TAB>time_ms` per spike, sorted by time then
// gid; the gid of a spike is its detector's index in the CELL) and, when the CELL records,
// DIR/traces.tsv (`time_ms` and one column per RECORD), and, when it has stimuli,
// DIR/stimuli.tsv (`stimulus<TAB>time_ms`: every event each STIMULUS delivers, after its
// delay). Exit status 0 on success, 1 on bad
// arguments or a failed run (the message says the cell, the time and the cause).
#pragma once

#include "ranvier/cell/cable.h"
#include "ranvier/cell/cell.h"
#include "ranvier/kernel/abi.h"
#include "ranvier/run/run.h"

#include <optional>

#include <string>
#include <vector>

namespace ranvier::app {

// A mechanism's variable and its value, in the units of its .mod file.
struct Value {
    std::string field;
    double value;
};

// A density mechanism in every segment of some sections.
struct Insertion {
    const rv_mechanism* mechanism;
    std::vector<int> sections;
    std::vector<Value> values;
};

struct PointProcess {
    std::string label;
    const rv_mechanism* mechanism;
    int section;
    double x;
    std::vector<Value> values;
};

// Spikes: v crossing `threshold` upwards at (section, x), or the net_events of point process
// `point` (an index into CellModel::points; -1 for a threshold).
struct Detector {
    int section;
    double x;
    double threshold; // mV
    int point = -1;
};

enum class StimulusKind { Times, Regular, Poisson };

// Events into a point process: at the given times, regularly from `start` every `interval`
// (at most `number`), or as a Poisson process of `rate` from the run's seed; all before `stop`
// and tstop, and delivered `delay` later.
struct Stimulus {
    std::string label;
    StimulusKind kind;
    std::vector<double> times; // ms
    double start, stop, interval, rate, number;
    int target; // index into CellModel::points
    std::vector<double> weights;
    double delay; // ms
};

// Initial ion values in some sections (NaN: NEURON's default).
struct IonValues {
    std::string ion;
    std::vector<int> sections;
    double inside, outside, reversal;
};

enum class RecordKind { Voltage, Density, Point, Ion };

struct Record {
    std::string label;
    RecordKind kind;
    int section;
    double x;
    const rv_mechanism* mechanism; // Density
    int point;                     // Point
    std::string field;             // the mechanism's variable or the ion's (ina, cai, ena)
    std::string ion;               // Ion
    std::string unit;              // of the values ("mV", "mA/cm2", "mM"; may be empty)
};

struct CellModel {
    std::string name;
    double celsius = 6.3, v_init = -65, tstop = 100, sample_interval = 0.1;
    std::vector<cell::SectionSpec> sections;
    std::vector<Insertion> insertions;
    std::vector<PointProcess> points;
    std::vector<Detector> detectors;
    std::vector<Stimulus> stimuli;
    std::vector<IonValues> ions;
    std::vector<Record> records;
};

// A cell built from its description: the index of each point process's instance and the
// detectors (gid: the detector's index in the CELL).
struct Built {
    std::optional<cell::Cell> cell;
    std::vector<int> point_instances;
    std::vector<run::Detector> detectors; // threshold detectors
    struct NetEvent {
        int mechanism, instance; // the point process whose net_events are spikes
        int gid;                 // the detector's index
    };
    std::vector<NetEvent> net_event_detectors;
};

// The gid of a net_event from (mechanism, instance) of the cell, when a DETECTOR names it.
std::optional<int> net_event_gid(const Built& b, std::pair<int, int> source);

// Builds the cell. Mechanism instances that draw random numbers get the streams stream_base + 1,
// stream_base + 2, ... in the order of the description.
Built build(const CellModel& model, unsigned long seed, double stream_base);

// Sets a mechanism instance's variables; throws when the mechanism has no such variable.
void set_values(cell::MechanismSet& set, int instance, const std::vector<Value>& values);

// Reads one recorded variable from a built cell as it is now.
class Probe {
  public:
    Probe(const Record& r, const CellModel& model, Built& b);
    double read() const;

    // Where the value lives: v of `node`; field `field` of instance `instance` of the cell's
    // mechanism `mechanism`; or an ion's variable at `node` (ion: its index in the cell's ions,
    // which: 0 the reversal potential, 1 inside, 2 outside, 3 the current).
    struct Location {
        RecordKind kind;
        int node, field, instance;
        std::size_t mechanism;
        int ion, which;
    };
    Location location() const;

  private:
    const Record& record_;
    cell::Cell& cell_;
    int node_ = 0;
    std::size_t mechanism_ = 0;
    int field_ = -1, instance_ = -1;
};

// The event times of a stimulus up to tstop, before its delay; Poisson draws come from stream
// `stream` under `seed`, so a run is the same for the same seed.
std::vector<double> stimulus_times(const Stimulus& s, double tstop, unsigned long seed,
                                   unsigned long stream);

int main(int argc, char** argv, const CellModel& model);

} // namespace ranvier::app
