// Drawing a network's random parts the same way on any number of ranks: every variate is a pure
// function of (the run's seed, a stream, a draw index) through Philox (kernel/random.h), and the
// streams are keyed by what the draw is for and by the gid it belongs to, never by the rank or
// the order in which ranks work. A rank draws only what its own cells need: their parameters,
// their stimuli and their incoming connections.
#pragma once

#include "ranvier/app/network_app.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ranvier::network {

// What a stream is for: the top byte of its id.
enum class Purpose : std::uint64_t {
    Connections = 1, // a projection's choice of partners for one target (or source) gid
    Weights = 2,     // its weights and delays
    Parameters = 3,  // a population parameter of one cell
    Stimulus = 4,    // a stimulus's events into one cell
    Totals = 5,      // fixed_total_number: which target each connection goes to
    Outgoing = 6     // fixed_outdegree: the weights of one source's connections
};

// The stream of `purpose` for item `index` (a projection, stimulus or parameter) and `gid`.
std::uint64_t stream(Purpose purpose, std::uint64_t index, std::uint64_t gid);

// A uniform variate in (0, 1) and a standard normal one: draw `draw` of `stream`.
double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw);
double normal(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw);

// A value of `d` (clipped distributions drawn again until inside their bounds), from draws
// `first`, `first + 1`, ... of `stream` (at most 64). Throws std::runtime_error naming `what`
// when 64 draws all fall outside the bounds.
double sample(const app::Distribution& d, std::uint64_t seed, std::uint64_t stream,
              std::uint64_t first, const std::string& what);

// One incoming connection of a target cell.
struct Connection {
    long source;                 // gid
    std::vector<double> weights; // NET_RECEIVE's arguments
    double delay;                // ms
};

// The connections of one projection onto the cells of this rank. Construction does what cannot
// be drawn per target: it reads a connection file (rule file), draws how many of N connections
// each target gets (fixed_total_number, a multinomial draw), or replays every source's choice of
// targets and keeps those that `local` owns (fixed_outdegree, whose draws are keyed by source).
// Throws std::runtime_error with the file, line and cause for a bad connection file.
class ProjectionDraw {
  public:
    ProjectionDraw(const app::NetworkModel& model, std::size_t index, bool (*local)(long, void*),
                   void* context);

    // The connections onto the target gid `target` (a cell of the projection's target
    // selection owned here), in an order that depends only on the seed and the network.
    std::vector<Connection> incoming(long target) const;
    // The same into `buffer`, whose entries (and their weight vectors) are reused: returns the
    // number of connections, buffer's first entries.
    std::size_t incoming(long target, std::vector<Connection>& buffer) const;

  private:
    const app::NetworkModel& model_;
    std::size_t index_;
    const app::Projection& p_;
    long source_first_gid_, target_first_gid_; // gids of the selections' first cells
    long sources_, targets_;                    // selection sizes
    // Precomputed per local target (offset from target_first_gid_): fixed_total_number's
    // counts; fixed_outdegree's and the file's (source gid, ordinal or line) pairs.
    std::vector<long> counts_;
    struct Incoming {
        long source;
        long ordinal; // fixed_outdegree: the draw on the source's stream; file: the line's index
        double weight, delay;
    };
    std::vector<std::vector<Incoming>> per_target_;
    std::string weight_what_, delay_what_; // for the errors of clipped draws
    double values(std::uint64_t stream, std::uint64_t base, std::vector<double>& weights) const;
};

} // namespace ranvier::network
