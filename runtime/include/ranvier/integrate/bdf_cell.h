// Ranvier's BDF integrator (bdf.h) advancing a cell: events are discontinuities (the integrator
// lands on each event time, NET_RECEIVE runs, and it goes on from the new state with the
// value and slope replaced and the rest of its history kept, or restarts at order 1); spikes are
// upward threshold crossings of one node's potential, located on the dense output of the step that
// crossed. The Newton matrix I - gamma J is the generated Jacobian, solved by block elimination
// onto the voltages and the tree (CellSystem::setup_newton), or densely (for comparison).
#pragma once

#include "ranvier/integrate/bdf.h"
#include "ranvier/integrate/cell_system.h"

#include <functional>
#include <memory>

namespace ranvier::integrate {

struct BdfCellOptions {
    BdfOptions bdf;
    std::vector<Detector> detectors; // in addition to spike_node
    int spike_node = -1;             // the node whose threshold crossings are spikes; -1 for none
    double threshold = -20;          // mV
    bool dense_newton = false;       // dense LU of I - gamma J instead of the block/tree solve
    bool state_tolerances = true;    // atol times each STATE's declared <tol>, as NEURON
    // After an event, keep the order, the step size and the higher-order history (Bdf::
    // soft_restart) instead of starting again at order 1 (as CVODE does): about 20% fewer
    // steps on the pyramidal example at the same accuracy.
    bool soft_restart = true;
    // Events due within this many ms after the one the integrator stops at are delivered with
    // it, at its time: fewer restarts, each event moved earlier by at most the window. 0: every
    // event at its own time.
    double event_window = 0;
};

// The cell's ODE system with the Newton solve the integrator asks for: block elimination and
// the tree (O(n)), or dense LU.
class DenseCellSystem {
  public:
    explicit DenseCellSystem(cell::Cell& cell, bool dense = true) : system_(cell), dense_(dense) {}
    CellSystem& cell_system() { return system_; }
    std::size_t size() const { return system_.size(); }
    void rhs(double t, const double* y, double* ydot) { system_.rhs(t, y, ydot); }
    bool setup(double t, const double* y, double gamma, bool fresh);
    void solve(double* b) const;

  private:
    CellSystem system_;
    bool dense_;
    std::vector<double> jacobian_, lu_;
    std::vector<std::size_t> pivot_;
};

class BdfCell {
  public:
    BdfCell(cell::Cell& cell, BdfCellOptions options);

    void initialize(double v_init);
    // Advances to `tout`. False, with failure() (time, cause and the worst state), on failure.
    bool advance(double tout);
    const std::string& failure() const { return failure_; }
    // The spikes of the first detector (spike_node when set).
    const std::vector<double>& spikes() const { return spikes_; }
    // Every detector's spikes as (detector, time), in the order found.
    const std::vector<std::pair<std::size_t, double>>& detections() const { return detections_; }
    const BdfStatistics& statistics() const { return bdf_.statistics(); }

    // Called after every step with its start and end times (for sampled recordings).
    void on_step(std::function<void(double, double)> hook) { on_step_ = std::move(hook); }
    // Puts the cell at time t inside the last step (dense output), until restore().
    void show(double t);
    void restore();

    // Network mode: the network engine (network/engine.cpp) drives the cell one step at a time
    // and decides when events from other cells arrive, which may be inside the last step.
    //   step_once(limit): one step from the settled point, not past `limit` nor the next event
    //     in the cell's queue; it ends early where a WATCH condition turns true. Afterwards
    //     step_start() .. step_end() is the last step and detections() its threshold crossings.
    //   back_to(t): the cell at t inside the last step (dense output); the rest is discarded.
    //   settle(): what is due at step_end() happens (the WATCH found there, the events queued
    //     for that time, NET_RECEIVE) and the integrator restarts after any; the last step is
    //     then over: step_start() == step_end().
    bool step_once(double limit);
    void back_to(double t);
    void settle();
    double step_start() const { return start_; }
    double step_end() const { return end_; }

  private:
    bool step_to(double stop);
    void restart();
    void detect_spikes(double t_before, const std::vector<double>& v_before, double t_end);

    cell::Cell& cell_;
    BdfCellOptions options_;
    DenseCellSystem system_;
    Bdf<DenseCellSystem> bdf_;
    std::vector<double> y_;
    std::vector<Detector> detectors_;
    std::vector<std::size_t> detector_index_;     // of each detector's node's v in y
    std::vector<double> v_before_, interpolated_; // per-step buffers
    std::string failure_;
    std::vector<double> spikes_;
    std::vector<std::pair<std::size_t, double>> detections_;
    std::function<void(double, double)> on_step_;
    bool watches_ = false; // some mechanism has WATCH conditions
    // Network mode: the last step, whether it ended at a WATCH crossing, and whether the cell
    // went back into it.
    double start_ = 0, end_ = 0;
    bool watch_pending_ = false, went_back_ = false;
};

} // namespace ranvier::integrate
