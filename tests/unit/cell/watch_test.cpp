// WATCH: a leaky integrate-and-fire neuron (the standard library's iaf_psc_exp, which detects
// its threshold with WATCH) under a constant current fires at the analytic times with every
// integrator: V(t) = E_L + R I (1 - exp(-t / tau)) crosses V_th at
// t* = -tau ln(1 - (V_th - E_L) / (R I)), and after each spike V rests at V_reset for t_ref.
#include "ranvier/integrate/bdf_cell.h"
#include "ranvier/integrate/cvode.h"
#include "ranvier/integrate/fixed_step.h"

#include <cmath>
#include <gtest/gtest.h>

extern "C" const rv_mechanism rv_mechanism_iaf_psc_exp;

namespace ranvier::integrate {
namespace {

constexpr double kTstop = 100;

cell::Cell neuron() {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    cell::Cell c(*cable, 6.3);
    const int i = c.insert(rv_mechanism_iaf_psc_exp, c.cable().node_at(0, 0.5));
    cell::MechanismSet& set = c.mechanism(rv_mechanism_iaf_psc_exp);
    set.at(set.field("I_e"), i) = 0.5; // nA: R I = 40 Mohm * 0.5 nA = 20 mV
    return c;
}

std::vector<double> analytic() {
    const double tau = 10, gap = 15, drive = 20, refractory = 2;
    const double first = -tau * std::log(1 - gap / drive);
    std::vector<double> times;
    for (double t = first; t <= kTstop; t += first + refractory)
        times.push_back(t);
    return times;
}

void expect_spikes(const std::vector<double>& spikes, double tolerance) {
    const std::vector<double> expected = analytic();
    ASSERT_EQ(spikes.size(), expected.size());
    for (std::size_t k = 0; k < spikes.size(); ++k)
        EXPECT_NEAR(spikes[k], expected[k], tolerance) << k;
}

TEST(Watch, BdfFindsTheThresholdCrossings) {
    cell::Cell c = neuron();
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-10;
    BdfCell solver(c, options);
    solver.initialize(-65);
    ASSERT_TRUE(solver.advance(kTstop)) << solver.failure();
    // The crossings are located to 1e-13 ms; what remains is the integration's global error,
    // which grows by about 5e-8 ms per interval at these tolerances.
    expect_spikes(c.spikes(), 1e-6);
}

TEST(Watch, CvodeFindsTheThresholdCrossings) {
    cell::Cell c = neuron();
    CvodeOptions options;
    options.rtol = options.atol = 1e-10;
    Cvode solver(c, options);
    solver.initialize(-65);
    ASSERT_TRUE(solver.advance(kTstop)) << solver.failure();
    // CVODE's global error at these tolerances: about 2e-7 ms per interval.
    expect_spikes(c.spikes(), 2e-6);
}

TEST(Watch, FixedStepFiresAtTheStepThatCrosses) {
    cell::Cell c = neuron();
    const double dt = 0.001;
    FixedStep solver(c, {dt, 0});
    solver.initialize(-65);
    for (long n = 0; n < std::lround(kTstop / dt); ++n)
        ASSERT_TRUE(solver.step()) << solver.failure();
    // As NEURON's fixed step: the event at the end of the step in which the condition turned
    // true, so each spike is up to one step late, and the lateness accumulates over the train.
    expect_spikes(c.spikes(), 8 * dt);
}

} // namespace
} // namespace ranvier::integrate
