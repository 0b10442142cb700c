// Cells over ranks (see balance.h).
#include "ranvier/network/balance.h"

#include <algorithm>
#include <numeric>
#include <queue>

namespace ranvier::network {

double expected_indegree(const app::Projection& p) {
    const auto sources = static_cast<double>(p.source.last - p.source.first + 1);
    const auto targets = static_cast<double>(p.target.last - p.target.first + 1);
    switch (p.rule) {
    case app::Rule::OneToOne:
        return 1;
    case app::Rule::AllToAll:
        return sources;
    case app::Rule::FixedIndegree:
        return p.number;
    case app::Rule::FixedOutdegree:
        return p.number * sources / targets;
    case app::Rule::FixedTotalNumber:
        return p.number / targets;
    case app::Rule::PairwiseBernoulli:
        return p.number * sources;
    case app::Rule::File:
        return 0; // unknown before the file is read
    }
    return 0;
}

double cell_cost(const app::NetworkModel& model, std::size_t population) {
    const app::Population& pop = model.populations[population];
    const app::CellModel& cell = model.cells[static_cast<std::size_t>(pop.cell)];
    double unknowns = 0;
    for (std::size_t s = 0; s < cell.sections.size(); ++s) {
        double per_segment = 1; // v
        for (const app::Insertion& i : cell.insertions)
            if (std::find(i.sections.begin(), i.sections.end(), static_cast<int>(s)) !=
                i.sections.end())
                per_segment += i.mechanism->state_count;
        unknowns += per_segment * cell.sections[s].nseg;
    }
    for (const app::PointProcess& p : cell.points)
        unknowns += p.mechanism->state_count;
    // An event costs about as much as an unknown's share of a step: a rough weight, enough to
    // tell a cell with thousands of inputs from one with none.
    constexpr double kPerConnection = 0.05;
    double connections = 0;
    for (const app::Projection& p : model.projections)
        if (static_cast<std::size_t>(p.target.population) == population)
            connections += expected_indegree(p) *
                           static_cast<double>(p.target.last - p.target.first + 1) /
                           static_cast<double>(pop.count);
    return unknowns + kPerConnection * connections;
}

Assignment assign(const app::NetworkModel& model, int ranks, Balance balance) {
    long total = 0;
    for (const app::Population& p : model.populations)
        total = std::max(total, p.first_gid + p.count);
    Assignment a;
    a.owner.resize(static_cast<std::size_t>(total));
    a.local.resize(static_cast<std::size_t>(total));
    a.load.assign(static_cast<std::size_t>(ranks), 0);
    std::vector<double> cost(model.populations.size());
    for (std::size_t p = 0; p < model.populations.size(); ++p)
        cost[p] = cell_cost(model, p);
    if (balance == Balance::RoundRobin) {
        for (std::size_t p = 0; p < model.populations.size(); ++p) {
            const app::Population& pop = model.populations[p];
            for (long gid = pop.first_gid; gid < pop.first_gid + pop.count; ++gid) {
                a.owner[static_cast<std::size_t>(gid)] = static_cast<int>(gid % ranks);
                a.load[static_cast<std::size_t>(gid % ranks)] += cost[p];
            }
        }
    } else {
        // Populations by decreasing cost (the cells of one cost the same), each cell to the
        // least loaded rank, the lowest-numbered among equals.
        std::vector<std::size_t> order(model.populations.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return cost[x] > cost[y]; });
        using Load = std::pair<double, int>;
        std::priority_queue<Load, std::vector<Load>, std::greater<>> least;
        for (int r = 0; r < ranks; ++r)
            least.push({0.0, r});
        for (std::size_t p : order) {
            const app::Population& pop = model.populations[p];
            for (long gid = pop.first_gid; gid < pop.first_gid + pop.count; ++gid) {
                auto [load, rank] = least.top();
                least.pop();
                a.owner[static_cast<std::size_t>(gid)] = rank;
                least.push({load + cost[p], rank});
            }
        }
        while (!least.empty()) {
            a.load[static_cast<std::size_t>(least.top().second)] = least.top().first;
            least.pop();
        }
    }
    std::vector<std::uint32_t> next(static_cast<std::size_t>(ranks), 0);
    for (long gid = 0; gid < total; ++gid) {
        const auto g = static_cast<std::size_t>(gid);
        a.local[g] = next[static_cast<std::size_t>(a.owner[g])]++;
    }
    return a;
}

} // namespace ranvier::network
