// SUNDIALS CVODE (BDF, Newton; block/tree or dense linear solves) advancing a cell through its
// CellSystem: the reference that Ranvier's own BDF integrator is measured against. Events are exact
// discontinuities: CVODE stops at each event time, NET_RECEIVE runs, and CVODE restarts from
// there. Spikes are threshold crossings of one node's potential, located by CVODE's root
// finding on its interpolant.
#pragma once

#include "ranvier/integrate/cell_system.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ranvier::integrate {

struct CvodeOptions {
    double rtol = 1e-3;
    double atol = 1e-3;       // for every component (mV for potentials, state units otherwise)
    long max_steps = 1000000; // per advance() call
    int spike_node = -1;      // the node whose threshold crossings are spikes; -1 for none
    double threshold = -20;   // mV, crossed upwards
    // Newton's matrix from the generated Jacobian (CellSystem::jacobian); otherwise CVODE's
    // difference quotients of the right-hand side.
    bool exact_jacobian = true;
    // With the exact Jacobian, Newton's linear systems are solved by the block elimination and
    // tree solve of CellSystem::setup_newton (O(n)); `dense_newton` uses SUNDIALS' dense LU.
    bool dense_newton = false;
    bool state_tolerances = true;         // atol times each STATE's declared <tol>, as NEURON
    double event_window = 0;              // as BdfCellOptions::event_window
    std::vector<Detector> detectors = {}; // in addition to spike_node
};

struct CvodeStatistics {
    long steps = 0, rhs_evaluations = 0, jacobian_evaluations = 0, newton_iterations = 0,
         error_test_failures = 0, restarts = 0;
};

class Cvode {
  public:
    Cvode(cell::Cell& cell, CvodeOptions options);
    ~Cvode();
    Cvode(const Cvode&) = delete;
    Cvode& operator=(const Cvode&) = delete;

    // NEURON's finitialize, then CVODE's start.
    void initialize(double v_init);
    // Advances to `tout` (the cell is left there). False, with failure() (the time and CVODE's
    // reason), when CVODE cannot go on.
    bool advance(double tout);
    const std::string& failure() const { return failure_; }
    // The spikes of the first detector (spike_node when set).
    const std::vector<double>& spikes() const { return spikes_; }
    // Every detector's spikes as (detector, time), in time order.
    const std::vector<std::pair<std::size_t, double>>& detections() const { return detections_; }
    CvodeStatistics statistics() const;

    // Called after every step with its start and end times (for sampled recordings).
    void on_step(std::function<void(double, double)> hook) { on_step_ = std::move(hook); }
    // Puts the cell at time t inside the last step (CVODE's interpolant), until restore().
    void show(double t);
    void restore();

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
    std::string failure_;
    std::vector<double> spikes_;
    std::vector<std::pair<std::size_t, double>> detections_;
    std::function<void(double, double)> on_step_;
};

} // namespace ranvier::integrate
