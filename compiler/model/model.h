// Model files: a file with CELL blocks describes cells built from the mechanisms of .mod files
// (INCLUDEd, or from Ranvier's standard library). This stage resolves a checked model file into
// plain data: sections with their geometry, mechanisms inserted with parameter values converted
// to the units their .mod file declares, point processes, detectors, stimuli and recordings. The
// build step (build.h) prints it as C++ for the runtime's cell builder.
#pragma once

#include "ast/ast.h"
#include "ranvier/cell/cable.h"
#include "support/diagnostics.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::model {

enum class MechanismKind { Density, Point, Artificial };

// What a cell description needs to know of a mechanism: its kind and its variables' units.
struct MechanismInfo {
    std::string name;
    MechanismKind kind = MechanismKind::Density;
    const ast::Module* module = nullptr;
    std::filesystem::path path; // the .mod file
    bool net_receive = false;
    int weights = 0; // NET_RECEIVE's arguments
    std::optional<std::string> weight_unit;
    struct Variable {
        ast::DeclKind kind;
        std::optional<std::string> unit;
        bool array = false;
    };
    std::map<std::string, Variable> variables; // PARAMETER, ASSIGNED, STATE
    std::vector<std::string> ions;             // USEION names
};

// A mechanism's variable set to a value (in the unit the .mod file declares).
struct Value {
    std::string field;
    double value = 0;
};

struct Insertion {
    std::string mechanism;
    std::vector<int> sections;
    std::vector<Value> values;
};

struct PointProcess {
    std::string label;
    std::string mechanism;
    int section = 0;
    double x = 0.5;
    std::vector<Value> values;
    bool synapse = false; // declared SYNAPSE (it receives events)
};

// Spikes: upward crossings of a threshold by v at a location, or the net_events of a point
// process (`point`, an index into Cell::points; -1 for a threshold).
struct Detector {
    int section = 0;
    double x = 0.5;
    double threshold = -20; // mV
    int point = -1;
};

enum class StimulusKind { Times, Regular, Poisson };

// Events into a synapse: at given times, regularly, or as a Poisson process (with the run's
// seed). Times are when events reach the synapse, before `delay`.
struct Stimulus {
    std::string label;
    StimulusKind kind = StimulusKind::Times;
    std::vector<double> times;      // ms (Times)
    double start = 0, stop = 1e300; // ms
    double interval = 10;           // ms (Regular)
    double rate = 10;               // Hz (Poisson)
    double number = 1e300;          // events at most (Regular)
    int target = 0;                 // index into Cell::points
    std::vector<double> weights;    // NET_RECEIVE's arguments
    double delay = 0;               // ms
};

// Initial concentrations and reversal potentials of an ion in some sections.
struct IonValues {
    std::string ion;
    std::vector<int> sections;
    std::optional<double> inside, outside, reversal; // mM, mM, mV
    SourceRange range;
};

enum class RecordKind { Voltage, Density, Point, Ion };

struct Record {
    std::string label; // as written: "v(soma(0.5))", "m_hh(soma(0.5))", "i(stim)"
    RecordKind kind = RecordKind::Voltage;
    int section = 0;
    double x = 0.5;
    std::string mechanism; // Density
    int point = -1;        // Point
    std::string field;     // the mechanism's variable, or the ion variable (ina, cai, ena)
    std::string ion;       // Ion
    std::string unit;      // of the recorded values ("mV"; empty when the .mod gives none)
};

struct Cell {
    std::string name;
    SourceRange range;
    double celsius = 6.3;         // degC
    double v_init = -65;          // mV
    double tstop = 100;           // ms: the executable's default
    double sample_interval = 0.1; // ms
    std::string morphology;       // the SWC file the sections come from, if any
    std::vector<cell::SectionSpec> sections;
    std::vector<Insertion> insertions;
    std::vector<PointProcess> points;
    std::vector<Detector> detectors;
    std::vector<Stimulus> stimuli;
    std::vector<IonValues> ions;
    std::vector<Record> records;
};

// ---------------------------------------------------------------------------------------------
// Networks

// A value drawn per cell or per connection: a constant, or a distribution of numbers in the unit
// its target takes (already converted). Clipped distributions draw again until the value is in
// [low, high].
enum class DistributionKind { Constant, Normal, LogNormal, Uniform, Exponential };

struct Distribution {
    DistributionKind kind = DistributionKind::Constant;
    double a = 0, b = 0; // value; mean, sd; mu, sigma (of the logarithm); low, high; mean
    double scale = 1;    // LogNormal: the factor from the written unit (exp(mu) is in it)
    double low = -1e300, high = 1e300;
};

// A per-cell value of a population: a density mechanism's PARAMETER in every segment that has
// the mechanism, or a point process's PARAMETER.
struct PopulationParameter {
    std::string mechanism; // density: its name; point: empty
    int point = -1;        // index into Cell::points
    std::string field;
    Distribution value;
};

struct Population {
    std::string name;
    int cell = -1;              // index into Model::cells; -1 for an artificial cell
    std::string artificial;     // the ARTIFICIAL_CELL mechanism, when cell is -1
    long count = 0;
    long first_gid = 0;
    std::vector<PopulationParameter> parameters;
};

// Cells first..last (both included) of a population.
struct Selection {
    int population = 0;
    long first = 0, last = 0;
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
    int synapse = -1;       // index into the target CELL's points; -1: the artificial cell
    Rule rule = Rule::AllToAll;
    double number = 0;      // FixedIndegree, FixedOutdegree, FixedTotalNumber: N; Bernoulli: p
    bool autapses = true, multapses = true;
    std::string file;       // File: `source<TAB>target[<TAB>weight<TAB>delay]` per line
    std::vector<Distribution> weights; // NET_RECEIVE's arguments (the rest 0)
    Distribution delay;                // ms
};

// Events into a synapse of every selected cell (each cell its own stream), or a point process
// (a current clamp) inserted at a location of every selected cell.
struct NetworkStimulus {
    std::string label;
    Stimulus events;                   // target: the synapse (when `mechanism` is empty)
    std::vector<Distribution> weights; // NET_RECEIVE's arguments
    Distribution delay;
    std::string mechanism;             // a point process inserted, with `values`
    std::vector<Value> values;
    int section = 0;
    double x = 0.5;
    Selection target;
};

// A recording of the selected cells: spikes, or a variable sampled every `interval` (Record,
// of the population's CELL).
struct NetworkRecord {
    bool spikes = false;
    std::vector<Selection> cells;
    Record variable;
    double interval = 0.1; // ms
};

struct Network {
    std::string name;
    SourceRange range;
    double tstop = 100;     // ms
    double seed = 1;
    std::vector<Population> populations;
    std::vector<Projection> projections;
    std::vector<NetworkStimulus> stimuli;
    std::vector<NetworkRecord> records;
};

struct Model {
    std::vector<MechanismInfo> mechanisms; // those the cells use, in first-use order
    std::vector<Cell> cells;
    std::optional<Network> network;
};

// True when the module is a model file (it has CELL or NETWORK blocks).
bool is_model_file(const ast::Module& module);

// Resolves every CELL of a checked model file. `library` holds the checked standard-library
// modules, searched after the file's INCLUDEs. Reports every problem; nullopt on errors.
std::optional<Model> resolve(const ast::Module& file,
                             const std::vector<const ast::Module*>& library,
                             DiagnosticEngine& diags);

// The resolved model as text, for `ranvier emit --stage=cell` and tests.
void print(std::ostream& out, const Model& model);

} // namespace ranvier::model
