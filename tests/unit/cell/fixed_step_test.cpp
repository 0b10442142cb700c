// NEURON's fixed-step method on small cells built from the standard library's generated kernels:
// a passive compartment follows the backward-Euler recursion exactly, and an hh soma under a
// current pulse rests, then fires.
#include "ranvier/integrate/fixed_step.h"

#include "test_cells.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace ranvier::integrate {
namespace {

using test::set;
using test::soma_cell;

// (1e-3 cm / dt + g) dv = -g (v - e) + I 1e2 / area: v after each step, in closed form.
TEST(FixedStep, PassiveCompartmentIsBackwardEuler) {
    cell::Cell cell = soma_cell();
    const int centre = cell.cable().node_at(0, 0.5);
    const int pas = cell.insert(rv_mechanism_pas, centre);
    const int clamp = cell.insert(rv_mechanism_IClamp, centre);
    set(cell, rv_mechanism_pas, pas, "g", 0.001);
    set(cell, rv_mechanism_pas, pas, "e", -70);
    set(cell, rv_mechanism_IClamp, clamp, "del", 1);
    set(cell, rv_mechanism_IClamp, clamp, "dur", 2);
    set(cell, rv_mechanism_IClamp, clamp, "amp", 0.1);
    FixedStep solver(cell, {0.025, 0});
    solver.initialize(-65);
    const double dt = 0.025, g = 0.001, e = -70, cm = 1;
    const double area = std::numbers::pi * 20 * 20;
    double v = -65, t = 0;
    for (int n = 0; n < 200; ++n) {
        const double half = t + dt / 2;
        const double injected = (half >= 1 && half < 3) ? 0.1 * 1e2 / area : 0.0;
        v += (-g * (v - e) + injected) / (1e-3 * cm / dt + g);
        ASSERT_TRUE(solver.step()) << solver.failure();
        t += dt;
        ASSERT_NEAR(cell.v()[static_cast<std::size_t>(centre)], v, 1e-10) << "step " << n;
    }
    EXPECT_NEAR(cell.t(), 5.0, 1e-9);
}

TEST(FixedStep, HhSomaRestsThenFires) {
    cell::Cell cell = soma_cell();
    const int centre = cell.cable().node_at(0, 0.5);
    cell.insert(rv_mechanism_hh, centre);
    const int clamp = cell.insert(rv_mechanism_IClamp, centre);
    set(cell, rv_mechanism_IClamp, clamp, "del", 10);
    set(cell, rv_mechanism_IClamp, clamp, "dur", 1000);
    set(cell, rv_mechanism_IClamp, clamp, "amp", 0.15);
    FixedStep solver(cell, {0.025, 0});
    solver.initialize(-65);
    double peak = -100, before_pulse = 0;
    int spikes = 0;
    bool above = false;
    for (int n = 0; n < 4000; ++n) {
        ASSERT_TRUE(solver.step()) << solver.failure();
        const double v = cell.v()[static_cast<std::size_t>(centre)];
        if (n == 390)
            before_pulse = v;
        peak = std::max(peak, v);
        if (v > -20 && !above)
            ++spikes;
        above = v > -20;
    }
    EXPECT_NEAR(before_pulse, -65, 0.05); // hh rests at -65 mV with its default parameters
    EXPECT_GT(peak, 30);
    EXPECT_GE(spikes, 5); // repetitive firing at about 70 Hz over the 90 ms of the pulse
    EXPECT_LE(spikes, 8);
}

} // namespace
} // namespace ranvier::integrate
