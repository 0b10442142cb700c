// Which rank owns each cell. Round robin deals gids in turn (gid mod ranks); cost balancing
// estimates each cell's work and hands the cells, the costliest first, each to the rank with
// the least work so far (longest processing time first, within 4/3 of the best possible
// balance). Both are pure functions of the network and the number of ranks, computed alike on
// every rank; the spikes do not depend on the assignment.
#pragma once

#include "ranvier/app/network_app.h"

#include <cstdint>
#include <vector>

namespace ranvier::network {

enum class Balance { RoundRobin, Cost };

// The connections each target of `p` receives on average (0 for a file's).
double expected_indegree(const app::Projection& p);

// The work of one cell of `population`: its unknowns (per segment v and the inserted
// mechanisms' states; the point processes' states) and its expected incoming connections
// (events to deliver), in units of one unknown.
double cell_cost(const app::NetworkModel& model, std::size_t population);

struct Assignment {
    std::vector<int> owner;          // per gid: its rank
    std::vector<std::uint32_t> local; // per gid: its index among its rank's cells (gid order)
    std::vector<double> load;         // per rank: the estimated work of its cells
};

Assignment assign(const app::NetworkModel& model, int ranks, Balance balance);

} // namespace ranvier::network
