// A network simulated over MPI ranks: every rank builds its own cells (balanced by their
// estimated cost, or gid modulo the number of ranks; balance.h) and their incoming connections, then integrates them, each cell with its own
// integrator, exchanging spikes with the ranks that need them.
//
// Spike exchange, two modes behind one loop:
//   - bsp: epochs of the shortest delay D; after each epoch every rank sends the spikes of the
//     epoch to the ranks that need them (MPI_Alltoallv).
//   - async: no global step. A rank sends its final spikes and its progress (the time before
//     which none of its cells can spike any more) point to point to the ranks that depend on
//     it; it may take as known every event before min over its source ranks of (progress + the
//     shortest delay on that link), and runs its cells up to there. Ranks never wait for all
//     others, only for their sources.
// A cell never shortens a step for the horizon: it steps past it and, when an event arrives
// inside its last step, goes back to the event's time on its dense output (BDF) and restarts
// there. So a cell's trajectory depends only on its events, not on when they arrived: the
// spikes are the same, to the last bit, for any number of ranks and either exchange mode.
// The fixed step instead takes a step only once every event up to its end is known.
#pragma once

#include "ranvier/app/network_app.h"
#include "ranvier/device/engine.h"
#include "ranvier/network/balance.h"
#include "ranvier/run/run.h"

#include <string>
#include <vector>

namespace ranvier::network {

enum class Exchange { Async, Bsp };

// Where the cells are integrated: each on its own (cpu), or together as lanes of the lane
// engine (device/engine.h), on the host or on the rank's GPU.
enum class Backend { Cpu, Lanes, Gpu };

struct Options {
    run::Options run; // method (bdf or fixed), tstop, dt, tolerances, event window, v_init
    Exchange exchange = Exchange::Async;
    Balance balance = Balance::Cost; // which rank owns each cell
    unsigned long seed = 1;
    bool progress = false; // a progress line on rank 0's standard error
    Backend backend = Backend::Cpu;
    // The GPU's lane engine and kernels (executables built with --target=cuda link them in);
    // the engine throws when no GPU can be used.
    device::GpuSupport gpu;
    int event_capacity = 64;     // lane engine: events each cell's queue holds, to start with
    int threads_per_cell = 0;    // lane engine: device::EngineSetup::threads_per_cell
};

// What a rank's cells did, summed over the ranks on rank 0.
struct Statistics {
    double cells = 0, connections = 0, steps = 0, events = 0, spikes = 0, messages = 0,
           restarts = 0;
    double build_seconds = 0, initialize_seconds = 0, run_seconds = 0, output_seconds = 0;
    double wait_seconds = 0; // time spent blocked waiting for other ranks (max over ranks)
    double memory_bytes = 0; // the connections' storage
    double imbalance = 1;    // the most loaded rank's estimated work over the mean
    std::string device = "cpu";   // where rank 0's cells ran
    double device_memory_bytes = 0; // the lane engines' memory, summed over the ranks
    double device_waits = 0; // times a lane engine's host waited for its device, summed
    double device_launches = 0; // kernels the lane engines launched, summed
};

// One recorded variable of one cell.
struct Trace {
    std::string label;          // "cells[3].v(soma(0.5))"
    std::size_t record;         // index into the model's records
    int population;             // index into the model's populations
    long node;                  // the cell's index in its population
    double interval;            // ms, the record's
    std::vector<double> values; // at 0, interval, 2 interval, ...
};

struct Result {
    std::vector<run::Spike> spikes; // recorded spikes, sorted by time then gid (rank 0)
    std::vector<Trace> traces;      // rank 0: every recorded variable, by record then gid
    Statistics statistics;
    std::string failure; // the first failure, with the cell's gid and time (every rank)
    std::uint64_t connectivity_hash = 0; // of every connection (source, target, weights, delay)
    int ranks = 1;
};

// Runs the network on MPI_COMM_WORLD (MPI must be initialised). Collective.
Result simulate(const app::NetworkModel& model, const Options& options);

} // namespace ranvier::network
