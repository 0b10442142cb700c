// Events that carry their weight (Cell::send_inline, for synapses whose NET_RECEIVE only reads
// it) act exactly as events through a NetCon holding the same weight.
#include "ranvier/integrate/bdf_cell.h"

#include <gtest/gtest.h>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_ExpSyn;

namespace ranvier::integrate {
namespace {

cell::Cell hh_soma() {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    cell::Cell c(*cable, 6.3);
    c.insert(rv_mechanism_hh, c.cable().node_at(0, 0.5));
    return c;
}

std::vector<double> spikes(bool inline_weight) {
    cell::Cell c = hh_soma();
    const int soma = c.cable().node_at(0, 0.5);
    const int syn = c.insert(rv_mechanism_ExpSyn, soma);
    const double weights[] = {0.03125, 0.0625, 0.015625};
    std::vector<int> handles;
    if (!inline_weight)
        for (double w : weights)
            handles.push_back(c.mechanism(rv_mechanism_ExpSyn).connect(syn, {w}));
    BdfCellOptions options;
    options.bdf.rtol = options.bdf.atol = 1e-6;
    options.spike_node = soma;
    BdfCell solver(c, options);
    solver.initialize(-65);
    for (int k = 0; k < 30; ++k) {
        const double t = 3.0 + 3.7 * k;
        if (inline_weight)
            c.send_inline(rv_mechanism_ExpSyn, syn, weights[k % 3], t);
        else
            c.send(rv_mechanism_ExpSyn, handles[static_cast<std::size_t>(k % 3)], t);
    }
    EXPECT_TRUE(solver.advance(130)) << solver.failure();
    return solver.spikes();
}

TEST(InlineWeight, SameSpikesAsNetCons) {
    const std::vector<double> through_netcons = spikes(false), carried = spikes(true);
    ASSERT_GT(through_netcons.size(), 3u);
    EXPECT_EQ(carried, through_netcons);
}

TEST(InlineWeight, RefusedForSynapsesWithNetConState) {
    EXPECT_EQ(rv_mechanism_ExpSyn.netcon_storage, 0);
    rv_mechanism plastic = rv_mechanism_ExpSyn; // as if NET_RECEIVE wrote its weight
    plastic.netcon_storage = 1;
    cell::Cell c = hh_soma();
    const int node = c.cable().node_at(0, 0.5);
    const int syn = c.insert(rv_mechanism_ExpSyn, node);
    const int other = c.insert(plastic, node);
    EXPECT_NO_THROW(c.send_inline(rv_mechanism_ExpSyn, syn, 0.1, 1.0));
    EXPECT_THROW(c.send_inline(plastic, other, 0.1, 1.0), std::invalid_argument);
    EXPECT_THROW(c.send_inline(rv_mechanism_hh, 0, 0.1, 1.0), std::invalid_argument);
}

} // namespace
} // namespace ranvier::integrate
