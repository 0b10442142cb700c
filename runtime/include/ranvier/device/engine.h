// The lane engine: a rank's cells integrated together, structure of arrays across cells, by
// kernels that run on a GPU (CudaExec) or, the very same templates, on the host (HostExec).
//
// Cells built from the same CELL form a batch: every cell of a batch is a lane, and each value of
// a cell (the potential of a node, a field of a mechanism instance, an ion's concentration at a
// node) is stored at index (element * lanes + lane), so that the threads of a warp, one per
// cell, read consecutive addresses. A mechanism's instance k of lane l is batch instance
// k * lanes + l: the generated kernels run over the whole batch through the ordinary rv_instances
// view (kernel/abi.h), unchanged.
//
// Every cell runs NEURON's fixed step exactly as integrate/FixedStep does, or its own BDF
// integrator as integrate/BdfCell does (engine_bdf.h), with the network's
// per-cell event handling of network/simulation.cpp: a cell's network events wait in its own
// heap ordered by (time, source, synapse kind, payload), move to its event queue (ordered by time,
// then by the order they were queued) for the step that reaches them, and are delivered with
// NET_RECEIVE; WATCH, net_send, net_move and net_event, stimulus generators and spike detection
// all run per lane on the device. So the spikes are those of the CPU backend (to the last bit on
// the host; on a GPU up to the last bit of the device's exp and log).
//
// Only spikes (out and in), samples of recorded variables, and a few counts cross between the
// device and the host. Cells are set up on the host (NEURON's finitialize runs there, by the CPU
// backend's own code) and copied in: setup() takes their state as EngineSetup describes it.
#pragma once

#include "ranvier/kernel/abi.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ranvier::device {

// An event in a cell's queue (cell::Event, with the instance counted within the cell).
struct QueuedEvent {
    double time = 0, flag = 0, weight = 0;
    unsigned long long order = 0;
    int mechanism = 0; // index into the batch's mechanisms
    int instance = 0;  // within the cell
    int netcon = -1;   // the batch's NetCon index; -1: none; kInlineEvent: the weight is carried
    int self = 1;
};
constexpr int kInlineEvent = -2;

// A network event waiting for its cell, ordered as network/simulation.cpp's Pending.
struct PendingEvent {
    double time = 0;
    long long source = 0;
    unsigned kind = 0, payload = 0; // payload: the float weight's bits, or the batch's NetCon
};

enum class GeneratorKind { Times = 0, Regular = 1, Poisson = 2 };

// One stimulus into one cell (network/simulation.cpp's Generator, with its state).
struct GeneratorState {
    int kind = 0;                 // GeneratorKind
    int times_offset = 0;         // Times: into EngineSetup::generator_times
    int times_count = 0;
    double start = 0, end = 0;    // end: min(stop, tstop)
    double interval = 0, rate = 0, number = 0;
    double delay = 0;
    unsigned long long stream = 0, draw = 0;
    long long index = 0;
    double last = 0, queued = 0;
    int done = 0;
    int mechanism = 0, instance = 0, netcon = 0; // batch mechanism, instance in the cell, NetCon
};

struct MechanismSetup {
    const rv_mechanism* descriptor = nullptr;
    int per_lane = 0;            // instances per cell
    std::vector<int> node;       // per instance of a cell: its node
    std::vector<double> fields;  // field f of batch instance b at f * (per_lane * lanes) + b
    std::vector<int> netcon_begin;      // per batch instance, and one past: its NetCons
    std::vector<double> weights;        // the NetCons' weight vectors, in batch order
    std::vector<std::vector<double>> tables; // each table's x then y (lane 0's)
    std::vector<char> watch_armed, watch_above; // per batch instance and watch
};

struct IonSetup {
    std::string name;
    double valence = 1;
    bool nernst_each_step = false;
    std::vector<double> e, ci, co, i, di_dv; // per node and lane
};

struct BatchSetup {
    int lanes = 0;
    std::vector<int> cells; // per lane: the local cell
    int nodes = 0, roots = 0;
    std::vector<int> parent;
    std::vector<double> a, b, cm, axial_diagonal, area;
    std::vector<char> membrane; // per node: has membrane (BDF: a node without follows Kirchhoff)
    std::vector<double> v; // per node and lane
    double celsius = 6.3, seed = 1;
    std::vector<MechanismSetup> mechanisms;
    std::vector<IonSetup> ions;
    // Per network synapse kind: the batch mechanism and the instance within the cell it reaches
    // (-1 when the batch's cells have none).
    std::vector<int> kind_mechanism, kind_instance;
};

// A recorded variable of one cell, and where its value lives.
struct SampleSetup {
    enum class Where { Voltage, Field, Ion } where = Where::Voltage;
    int batch = 0, lane = 0;
    int index = 0;  // node; or the instance within the cell
    int column = 0; // mechanism's field (Field); or which ion array: 0 e, 1 ci, 2 co, 3 i
    int mechanism = 0, ion = 0;
    double interval = 0;
    std::size_t count = 0; // samples taken so far (the first at t = 0)
};

struct CellSetup {
    int batch = 0, lane = 0;
    int detector_node = -1; // threshold detection on v of this node; -1: none
    double threshold = 0, v_before = 0;
    int net_event_mechanism = -1, net_event_instance = -1; // net_events that are spikes
    std::vector<QueuedEvent> queue;
    unsigned long long next_order = 0;
    std::vector<PendingEvent> pending;
    std::vector<GeneratorState> generators;
};

// An incoming connection as the engine keeps it (network/simulation.cpp's Target).
struct Connection {
    std::uint32_t cell_kind; // local cell (24 bits), kind (8 bits)
    float delay;
    std::uint32_t payload;
};

enum class EngineMethod { Fixed = 0, Bdf = 1 };

// By default (threads_per_cell 0) a cell of kBlockCellNodes nodes or more gets a block of
// threads, unless its batch has kBlockCellLanes cells or more: then a thread per cell fills the
// GPU already, and its accesses (one cell per thread, cells adjacent in memory) coalesce, where
// a block's threads read nodes of one cell, a batch's width apart. (Not yet tuned on a GPU.)
constexpr int kBlockCellNodes = 64;
constexpr int kBlockCellLanes = 16384;

struct EngineSetup {
    EngineMethod method = EngineMethod::Fixed;
    double rtol = 1e-3, atol = 1e-3; // BDF
    double event_window = 0;         // BDF: network and stimulus events this close after a
                                     // delivery are delivered with it
    double dt = 0.025, tstop = 0;
    int secondorder = 0;
    long long steps_total = 0;
    unsigned long long seed = 1;
    int event_capacity = 64; // per cell, to start with; grows as needed
    // Threads that share a cell's tree solve and node updates: 1 (a thread per cell), a multiple
    // of 32 up to 1024 (a block per cell), or 0: a block for cells of kBlockCellNodes nodes or
    // more in batches of fewer than kBlockCellLanes cells, else a thread.
    int threads_per_cell = 0;
    std::vector<BatchSetup> batches;
    std::vector<CellSetup> cells; // by local index
    std::vector<double> generator_times;
    std::vector<int> kind_carries_weight;
    // The incoming connections grouped by source: source k's are targets[begin[k] .. begin[k+1]).
    std::vector<std::uint32_t> target_cell_kind;
    std::vector<float> target_delay;
    std::vector<std::uint32_t> target_payload;
    std::vector<SampleSetup> samples;
    // The mechanisms compiled for the engine's device, matched to the descriptors above by name
    // (a GPU's kernels; empty on the host, which runs the descriptors themselves).
    std::vector<const rv_mechanism*> device_kernels;
};

// A spike of a local cell.
struct LocalSpike {
    int cell;
    double time;
};

class CellEngine {
  public:
    virtual ~CellEngine() = default;
    // Where the cells run: "host", or the GPU's name.
    virtual std::string device() const = 0;
    // Runs every cell as far as `known` allows (every event before it has arrived): the fixed
    // step while t + dt < known; BDF steps that may pass `known` and go back when an event
    // arrives inside them. False when nothing moved. A failure (a potential or a state that is
    // not finite, implicit Euler or BDF that does not converge) stops it: failure() then names the cell and what happened, and failed_cell()
    // and failed_time() say which and when.
    virtual bool advance(double known) = 0;
    // Every cell's trajectory is final up to this time (infinity when all are done).
    virtual double time() const = 0;
    virtual bool done() const = 0;
    virtual const std::string& failure() const = 0;
    virtual int failed_cell() const = 0;
    virtual double failed_time() const = 0;
    // Network events from spikes that reached this rank: each source's targets
    // [begin, end) of the connection table, at (spike time + delay).
    struct Incoming {
        long long source;
        double time;
        std::uint64_t begin, end;
    };
    virtual void deliver(const std::vector<Incoming>& spikes) = 0;
    // The spikes of local cells since the last call, in the order found.
    virtual std::vector<LocalSpike> take_spikes() = 0;
    // The samples that came back since the last call (they travel while the cells run on):
    // values[k] are appended to sample k's list; once done(), every sample has come.
    virtual void take_samples(std::vector<std::vector<double>>& values) = 0;
    // Totals over the cells: steps taken, network and stimulus events moved to the cells.
    virtual double cell_steps() const = 0;
    virtual double events() const = 0;
    virtual double memory_bytes() const = 0;
    // How many times the host waited for the device (each a synchronisation on a GPU).
    virtual double waits() const = 0;
    // How many kernels the engine launched (its own and the mechanisms').
    virtual double launches() const = 0;
};

// The engine on the host: the device code paths, run by loops (tests, and a CPU backend with
// the GPU's data layout).
std::unique_ptr<CellEngine> make_host_engine(EngineSetup setup);

// Makes an engine; throws (with the reason) when it cannot, such as when no GPU is usable.
using EngineFactory = std::unique_ptr<CellEngine> (*)(EngineSetup);

// What an executable built with --target=cuda brings: the GPU engine and its mechanisms.
struct GpuSupport {
    EngineFactory make = nullptr;
    std::vector<const rv_mechanism*> kernels;
};

} // namespace ranvier::device
