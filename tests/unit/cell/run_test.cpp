// Running a cell with each method through run::run: the same spikes from every method (within
// their accuracy), for several detectors with gids, in spikes.tsv's order; and identical output
// for identical runs.
#include "ranvier/run/run.h"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_pas;
extern "C" const rv_mechanism rv_mechanism_ExpSyn;

namespace ranvier::run {
namespace {

// A soma with hh and an excitable dendrite tip, driven by synaptic events at the soma.
struct Model {
    cell::Cell cell;
    int soma, tip, handle;
};

Model model() {
    std::string error;
    std::optional<cell::Cable> cable = cell::Cable::discretise(
        {{"soma", 20, 20, 100, 1, 1, -1, 1}, {"dend", 200, 2, 100, 1, 5, 0, 1}}, error);
    EXPECT_TRUE(cable) << error;
    Model m{cell::Cell(*cable, 6.3), 0, 0, 0};
    m.soma = m.cell.cable().node_at(0, 0.5);
    m.tip = m.cell.cable().node_at(1, 0.9);
    m.cell.insert(rv_mechanism_hh, m.soma);
    m.cell.insert(rv_mechanism_hh, m.tip);
    for (double x : {0.1, 0.3, 0.5, 0.7})
        m.cell.insert(rv_mechanism_pas, m.cell.cable().node_at(1, x));
    const int syn = m.cell.insert(rv_mechanism_ExpSyn, m.soma);
    m.handle = m.cell.mechanism(rv_mechanism_ExpSyn).connect(syn, {0.1});
    return m;
}

Result simulate(Method method) {
    Model m = model();
    Options options;
    options.method = method;
    options.tstop = 60;
    // NEURON's fixed step delivers an event at the step it falls in: first order in dt, 4e-3 ms
    // off at dt 0.001 here; 4e-4 ms at 0.0001.
    options.dt = 0.0001;
    options.secondorder = 2;
    options.rtol = options.atol = 1e-8;
    return run(m.cell, options, {{7, {m.soma, -20}}, {3, {m.tip, -20}}}, [&] {
        for (double t : {5.0, 25.0, 45.0})
            m.cell.send(rv_mechanism_ExpSyn, m.handle, t);
    });
}

TEST(Run, EveryMethodFindsTheSameSpikes) {
    Result fixed = simulate(Method::Fixed);
    Result bdf = simulate(Method::Bdf);
    Result cvode = simulate(Method::Cvode);
    for (const Result* r : {&fixed, &bdf, &cvode})
        ASSERT_TRUE(r->failure.empty()) << r->failure;
    ASSERT_GE(fixed.spikes.size(), 4u); // each event fires the soma, and the tip after it
    ASSERT_EQ(bdf.spikes.size(), fixed.spikes.size());
    ASSERT_EQ(cvode.spikes.size(), fixed.spikes.size());
    for (std::size_t k = 0; k < fixed.spikes.size(); ++k) {
        EXPECT_EQ(bdf.spikes[k].gid, fixed.spikes[k].gid);
        EXPECT_EQ(cvode.spikes[k].gid, fixed.spikes[k].gid);
        EXPECT_NEAR(bdf.spikes[k].time, fixed.spikes[k].time, 1e-3);
        EXPECT_NEAR(cvode.spikes[k].time, fixed.spikes[k].time, 1e-3);
        if (k > 0) {
            EXPECT_LE(fixed.spikes[k - 1].time, fixed.spikes[k].time);
        }
    }
}

TEST(Run, SpikesFileIsSortedAndReproducible) {
    std::ostringstream first, second;
    write_spikes(first, simulate(Method::Bdf).spikes);
    write_spikes(second, simulate(Method::Bdf).spikes);
    EXPECT_EQ(first.str(), second.str());
    EXPECT_EQ(first.str().substr(0, 13), "gid\ttime_ms\n7");
    std::ostringstream ties;
    write_spikes(ties, {{5, 2.0}, {3, 2.0}, {4, 1.0}});
    EXPECT_EQ(ties.str(), "gid\ttime_ms\n4\t1\n3\t2\n5\t2\n");
}

} // namespace
} // namespace ranvier::run
