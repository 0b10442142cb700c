// The variable-step integrators on a cell, SUNDIALS CVODE and Ranvier's BDF alike: a passive
// compartment under a current step against its closed-form solution, through the step's two
// events; and an hh soma, whose spikes agree with the fixed-step method at a small dt.
#include "ranvier/integrate/bdf_cell.h"
#include "ranvier/integrate/cvode.h"
#include "ranvier/integrate/fixed_step.h"

#include "test_cells.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace ranvier::integrate {
namespace {

using test::set;
using test::soma_cell;

// v(t) = e + I/g (1 - exp(-(t - del) g / cm')) during the pulse, relaxing back after it.
TEST(VariableStep, PassiveCompartmentFollowsTheClosedForm) {
    cell::Cell cell = soma_cell();
    const int node = cell.cable().node_at(0, 0.5);
    const int p = cell.insert(rv_mechanism_pas, node);
    set(cell, rv_mechanism_pas, p, "g", 0.001);
    set(cell, rv_mechanism_pas, p, "e", -70);
    const int c = cell.insert(rv_mechanism_IClamp, node);
    set(cell, rv_mechanism_IClamp, c, "del", 1);
    set(cell, rv_mechanism_IClamp, c, "dur", 2);
    set(cell, rv_mechanism_IClamp, c, "amp", 0.1);
    Cvode cvode(cell, {1e-10, 1e-10});
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-10;
    BdfCell bdf(cell, options);
    cvode.initialize(-70);
    const double area = std::numbers::pi * 20 * 20;
    const double i = 0.1 * 1e2 / area;   // mA/cm2
    const double tau = 1e-3 * 1 / 0.001; // cm / g, ms
    auto exact = [&](double t) {
        const double on = std::clamp(t - 1, 0.0, 2.0);
        double v = -70 + i / 0.001 * (1 - std::exp(-on / tau));
        if (t > 3)
            v = -70 + (v + 70) * std::exp(-(t - 3) / tau);
        return v;
    };
    for (double t : {0.5, 1.5, 2.9, 3.0, 3.5, 6.0}) {
        ASSERT_TRUE(cvode.advance(t)) << cvode.failure();
        EXPECT_NEAR(cell.v()[static_cast<std::size_t>(node)], exact(t), 1e-6) << "t = " << t;
    }
    EXPECT_EQ(cvode.statistics().restarts, 2); // at the pulse's start and end
    bdf.initialize(-70);
    for (double t : {0.5, 1.5, 2.9, 3.0, 3.5, 6.0}) {
        ASSERT_TRUE(bdf.advance(t)) << bdf.failure();
        EXPECT_NEAR(cell.v()[static_cast<std::size_t>(node)], exact(t), 1e-6) << "BDF, t = " << t;
    }
}

TEST(VariableStep, HhSpikesAgreeWithASmallFixedStep) {
    auto build = [](cell::Cell& cell) {
        const int node = cell.cable().node_at(0, 0.5);
        cell.insert(rv_mechanism_hh, node);
        const int c = cell.insert(rv_mechanism_IClamp, node);
        set(cell, rv_mechanism_IClamp, c, "del", 10);
        set(cell, rv_mechanism_IClamp, c, "dur", 1000);
        set(cell, rv_mechanism_IClamp, c, "amp", 0.15);
        return node;
    };
    cell::Cell variable = soma_cell();
    const int node = build(variable);
    Cvode cvode(variable, {1e-8, 1e-8, 1000000, node, -20});
    cvode.initialize(-65);
    ASSERT_TRUE(cvode.advance(100)) << cvode.failure();
    cell::Cell fixed = soma_cell();
    build(fixed);
    FixedStep step(fixed, {0.0005, 2});
    step.initialize(-65);
    std::vector<double> crossings;
    double v_before = -65;
    for (int n = 0; n < 200000; ++n) {
        ASSERT_TRUE(step.step()) << step.failure();
        const double v = fixed.v()[static_cast<std::size_t>(node)];
        if (v_before < -20 && v >= -20)
            crossings.push_back(fixed.t() - 0.0005 * (v + 20) / (v - v_before));
        v_before = v;
    }
    ASSERT_EQ(cvode.spikes().size(), crossings.size());
    ASSERT_GE(crossings.size(), 5u);
    for (std::size_t k = 0; k < crossings.size(); ++k)
        EXPECT_NEAR(cvode.spikes()[k], crossings[k], 2e-3) << "spike " << k;
    cell::Cell again = soma_cell();
    build(again);
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-8;
    options.spike_node = node;
    BdfCell bdf(again, options);
    bdf.initialize(-65);
    ASSERT_TRUE(bdf.advance(100)) << bdf.failure();
    ASSERT_EQ(bdf.spikes().size(), crossings.size());
    for (std::size_t k = 0; k < crossings.size(); ++k)
        EXPECT_NEAR(bdf.spikes()[k], crossings[k], 2e-3) << "BDF spike " << k;
}

} // namespace
} // namespace ranvier::integrate
