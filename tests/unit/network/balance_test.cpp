// Cells over ranks (runtime/network/balance.h): round robin deals gids in turn; cost balancing
// spreads costly cells, keeps every rank within one cell's cost of the others, and numbers each
// rank's cells in gid order.
#include "ranvier/network/balance.h"

#include "ranvier/kernel/abi.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace ranvier::network {
namespace {

// A detailed cell (4 sections of 10 segments, a 3-state channel everywhere) and a point
// neuron (one segment, a 2-state point process).
struct Models {
    rv_mechanism channel{}, neuron{};
    app::NetworkModel network;

    Models(long detailed, long points) {
        channel.state_count = 3;
        neuron.state_count = 2;
        app::CellModel big;
        big.name = "Big";
        for (int s = 0; s < 4; ++s) {
            cell::SectionSpec section;
            section.name = "s" + std::to_string(s);
            section.nseg = 10;
            section.parent = s - 1;
            big.sections.push_back(section);
        }
        big.insertions.push_back({&channel, {0, 1, 2, 3}, {}});
        app::CellModel small;
        small.name = "Small";
        small.sections.push_back({});
        small.points.push_back({"lif", &neuron, 0, 0.5, {}});
        network.cells = {big, small};
        network.populations = {{"big", 0, detailed, 0, {}}, {"small", 1, points, detailed, {}}};
    }
};

TEST(Balance, CostsCountUnknownsAndInputs) {
    Models m(3, 100);
    EXPECT_DOUBLE_EQ(cell_cost(m.network, 0), 40 * (1 + 3));
    EXPECT_DOUBLE_EQ(cell_cost(m.network, 1), 1 + 2);
    // 20 inputs per small cell add a little.
    m.network.projections.push_back({"p", {1, 0, 99}, {1, 0, 99}, 0, app::Rule::FixedIndegree, 20,
                                     true, true, "", {}, {}});
    EXPECT_GT(cell_cost(m.network, 1), 3);
    EXPECT_LT(cell_cost(m.network, 1), cell_cost(m.network, 0));
}

TEST(Balance, RoundRobinDealsGidsInTurn) {
    Models m(3, 100);
    const Assignment a = assign(m.network, 4, Balance::RoundRobin);
    ASSERT_EQ(a.owner.size(), 103u);
    for (std::size_t gid = 0; gid < a.owner.size(); ++gid) {
        EXPECT_EQ(a.owner[gid], static_cast<int>(gid % 4));
        EXPECT_EQ(a.local[gid], gid / 4);
    }
}

TEST(Balance, CostSpreadsCostlyCellsAndEvensTheLoad) {
    for (int ranks : {1, 2, 3, 4, 7}) {
        Models m(5, 1000);
        const Assignment a = assign(m.network, ranks, Balance::Cost);
        const double big = cell_cost(m.network, 0), small = cell_cost(m.network, 1);
        // No rank holds two detailed cells while another holds fewer than it could.
        std::vector<int> detailed(static_cast<std::size_t>(ranks), 0);
        for (std::size_t gid = 0; gid < 5; ++gid)
            ++detailed[static_cast<std::size_t>(a.owner[gid])];
        EXPECT_LE(*std::max_element(detailed.begin(), detailed.end()) -
                      *std::min_element(detailed.begin(), detailed.end()),
                  1)
            << ranks << " ranks";
        // Longest processing time first: the loads differ by at most the largest cell.
        const auto [low, high] = std::minmax_element(a.load.begin(), a.load.end());
        EXPECT_LE(*high - *low, big + 1e-9) << ranks << " ranks";
        double total = 0;
        for (double load : a.load)
            total += load;
        EXPECT_NEAR(total, 5 * big + 1000 * small, 1e-6);
        // Each rank numbers its cells 0, 1, ... in gid order.
        std::vector<std::uint32_t> next(static_cast<std::size_t>(ranks), 0);
        for (std::size_t gid = 0; gid < a.owner.size(); ++gid)
            EXPECT_EQ(a.local[gid], next[static_cast<std::size_t>(a.owner[gid])]++);
    }
}

TEST(Balance, CostBeatsRoundRobinOnMixedNetworks) {
    // 6 detailed cells on 4 ranks: round robin gives ranks 0 and 1 two each and deals the
    // point neurons evenly; cost balancing gives the point neurons to ranks 2 and 3 instead.
    Models m(6, 40);
    const Assignment rr = assign(m.network, 4, Balance::RoundRobin);
    const Assignment cost = assign(m.network, 4, Balance::Cost);
    EXPECT_LT(*std::max_element(cost.load.begin(), cost.load.end()),
              *std::max_element(rr.load.begin(), rr.load.end()));
}

} // namespace
} // namespace ranvier::network
