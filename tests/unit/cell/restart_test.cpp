// After an event, BdfCell goes on from the new state keeping its order, step size and higher
// history (Bdf::soft_restart) unless told to restart at order 1: both find the same spikes as
// a tight reference within their tolerance, and the soft restart takes fewer steps.
#include "ranvier/integrate/bdf_cell.h"

#include <cmath>
#include <gtest/gtest.h>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_ExpSyn;

namespace ranvier::integrate {
namespace {

struct Outcome {
    std::vector<double> spikes;
    long steps;
};

// An hh soma with an ExpSyn of weight w (uS): the cell and the synapse's NetCon.
std::pair<cell::Cell, int> soma_with_synapse(double w) {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    cell::Cell c(*cable, 6.3);
    const int soma = c.cable().node_at(0, 0.5);
    c.insert(rv_mechanism_hh, soma);
    const int syn = c.insert(rv_mechanism_ExpSyn, soma);
    const int handle = c.mechanism(rv_mechanism_ExpSyn).connect(syn, {w});
    return {std::move(c), handle};
}

// The soma driven by 40 synaptic events, 5 ms apart.
Outcome simulate(double tolerance, bool soft) {
    auto [c, handle] = soma_with_synapse(0.05);
    const int soma = c.cable().node_at(0, 0.5);
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = tolerance;
    options.spike_node = soma;
    options.soft_restart = soft;
    BdfCell solver(c, options);
    solver.initialize(-65);
    for (int k = 0; k < 40; ++k)
        c.send(rv_mechanism_ExpSyn, handle, 5.0 + 5.0 * k);
    EXPECT_TRUE(solver.advance(220)) << solver.failure();
    return {solver.spikes(), solver.statistics().steps};
}

double largest_difference(const std::vector<double>& a, const std::vector<double>& b) {
    EXPECT_EQ(a.size(), b.size());
    double d = 0;
    for (std::size_t k = 0; k < std::min(a.size(), b.size()); ++k)
        d = std::max(d, std::fabs(a[k] - b[k]));
    return d;
}

TEST(Restart, SoftRestartsKeepTheAccuracyInFewerSteps) {
    const Outcome reference = simulate(1e-10, false);
    ASSERT_GT(reference.spikes.size(), 5u);
    for (double tolerance : {1e-4, 1e-6}) {
        const Outcome soft = simulate(tolerance, true), hard = simulate(tolerance, false);
        const double soft_error = largest_difference(soft.spikes, reference.spikes);
        const double hard_error = largest_difference(hard.spikes, reference.spikes);
        EXPECT_LT(soft_error, std::max(3 * hard_error, 1e-3)) << tolerance;
        EXPECT_LT(soft.steps, hard.steps) << tolerance;
    }
}

// A second run of the same BdfCell starts afresh: the same spikes and statistics.
TEST(Restart, InitializeStartsAFreshRun) {
    auto [c, handle] = soma_with_synapse(0.05);
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-6;
    options.spike_node = c.cable().node_at(0, 0.5);
    BdfCell solver(c, options);
    std::vector<std::vector<double>> spikes;
    std::vector<long> steps;
    for (int run = 0; run < 2; ++run) {
        solver.initialize(-65);
        for (int k = 0; k < 10; ++k)
            c.send(rv_mechanism_ExpSyn, handle, 5.0 + 5.0 * k);
        ASSERT_TRUE(solver.advance(60)) << solver.failure();
        spikes.push_back(solver.spikes());
        steps.push_back(solver.statistics().steps);
    }
    EXPECT_FALSE(spikes[0].empty());
    EXPECT_EQ(spikes[0], spikes[1]);
    EXPECT_EQ(steps[0], steps[1]);
}

// After initialize() the last step is empty and at t = 0, whatever trial times starting the
// integrator evaluated the right-hand side at (the network driver confirms the trajectory up to
// step_end(): a later start would let spikes before it arrive too late).
TEST(Restart, InitializeLeavesAnEmptyStepAtZero) {
    auto [c, handle] = soma_with_synapse(0.05);
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-6;
    BdfCell solver(c, options);
    solver.initialize(-65);
    EXPECT_EQ(solver.step_start(), 0.0);
    EXPECT_EQ(solver.step_end(), 0.0);
    solver.restore();
    EXPECT_EQ(c.t(), 0.0);
}

// Events within the window after the one the integrator stops at are delivered with it: the
// same as sending them at that time.
TEST(EventWindow, GroupsSynapticEventsAtTheFirstOnesTime) {
    auto run = [](std::vector<double> times, double window) {
        auto [c, handle] = soma_with_synapse(0.02);
        const int soma = c.cable().node_at(0, 0.5);
        BdfCellOptions options;
        options.bdf.rtol = options.bdf.atol = 1e-8;
        options.spike_node = soma;
        options.event_window = window;
        BdfCell solver(c, options);
        solver.initialize(-65);
        for (double t : times)
            c.send(rv_mechanism_ExpSyn, handle, t);
        EXPECT_TRUE(solver.advance(40)) << solver.failure();
        return solver.spikes();
    };
    const std::vector<double> grouped = run({5, 5.05, 5.09, 20, 20.5}, 0.1);
    const std::vector<double> together = run({5, 5, 5, 20, 20.5}, 0);
    const std::vector<double> apart = run({5, 5.05, 5.09, 20, 20.5}, 0);
    ASSERT_FALSE(grouped.empty());
    EXPECT_EQ(grouped, together);
    EXPECT_NE(grouped, apart);
}

} // namespace
} // namespace ranvier::integrate
