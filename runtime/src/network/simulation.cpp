// A network over MPI ranks (see simulation.h): construction, the per-cell stepping rules that
// make results independent of the partition, and the two spike exchanges.
#include "ranvier/network/simulation.h"

#include "ranvier/network/balance.h"

#include "ranvier/integrate/bdf_cell.h"
#include "ranvier/integrate/fixed_step.h"
#include "ranvier/network/connect.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace ranvier::network {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kTagSpikes = 17;

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// An incoming connection, as the target's rank stores it (under its source gid): 12 bytes.
// The target cell's local index and the synapse's kind (an index into the network's synapse
// kinds) share a word; the delay is single precision (as Arbor keeps it); the last word is the
// weight itself when the synapse keeps nothing per NetCon (NET_RECEIVE only reads its one
// weight: ExpSyn, Exp2Syn, iaf_psc_exp, ...), else the handle of the NetCon that holds the
// weight vector in the synapse's mechanism.
struct Target {
    std::uint32_t cell : 24; // local index of the target cell
    std::uint32_t kind : 8;  // index into Simulation::kinds_
    float delay;             // ms
    std::uint32_t payload;   // the float weight's bits, or the NetCon handle
};
static_assert(sizeof(Target) == 12);
constexpr std::uint32_t kMostLocalCells = 1u << 24, kMostSynapseKinds = 1u << 8;

// The synapses projections target: a point process of the CELL (its instance in each cell is
// point_instances[point]) and whether its events carry their weight (Target::payload).
struct SynapseKind {
    const rv_mechanism* mechanism;
    int point;
    bool carries_weight;
};

// A network event waiting for its cell, ordered by (time, source gid, kind, payload): a total
// order that does not depend on when it arrived or on the number of ranks (kinds are numbered
// from the NETWORK, the same on every rank).
struct Pending {
    double time;
    long source;
    std::uint32_t kind;
    std::uint32_t payload;
    friend bool operator>(const Pending& a, const Pending& b) {
        if (a.time != b.time)
            return a.time > b.time;
        if (a.source != b.source)
            return a.source > b.source;
        if (a.kind != b.kind)
            return a.kind > b.kind;
        return a.payload > b.payload;
    }
};

// The events of one stimulus into one cell, generated as the cell gets to them.
struct Generator {
    const app::Stimulus* stimulus;
    const rv_mechanism* mechanism;
    int handle;
    double delay;
    std::uint64_t stream;
    std::uint64_t draw = 0;
    std::size_t index = 0; // Times: the next; Regular: the count so far
    double last = 0;       // Poisson: the last time drawn
    double queued = -kInfinity;
    bool done = false;

    // The next event's arrival time (before its delay), or nothing.
    std::optional<double> next(std::uint64_t seed, double tstop) {
        const app::Stimulus& s = *stimulus;
        const double end = std::min(s.stop, tstop);
        switch (s.kind) {
        case app::StimulusKind::Times:
            if (index < s.times.size() && s.times[index] <= tstop)
                return s.times[index++];
            return std::nullopt;
        case app::StimulusKind::Regular: {
            if (static_cast<double>(index) >= s.number)
                return std::nullopt;
            const double t = s.start + static_cast<double>(index) * s.interval;
            ++index;
            if (t > end)
                return std::nullopt;
            return t;
        }
        case app::StimulusKind::Poisson: {
            if (!(s.rate > 0))
                return std::nullopt;
            if (draw == 0)
                last = s.start;
            last += 1000.0 / s.rate * -std::log(uniform(seed, stream, draw++));
            if (last > end)
                return std::nullopt;
            return last;
        }
        }
        return std::nullopt;
    }
};

struct Sampled {
    std::size_t record; // index into the model's records
    app::Probe probe;
    double interval;           // the record's
    std::vector<double> values; // at 0, interval, 2 interval, ...
};

struct LocalCell {
    long gid = 0;
    int population = 0;
    const app::CellModel* description = nullptr; // cells built from the same one share a batch
    app::Built built;
    std::unique_ptr<integrate::BdfCell> bdf;
    std::unique_ptr<integrate::FixedStep> fixed;
    int node = -1; // the detector's node; -1: none
    std::optional<std::pair<int, int>> net_event; // or the point process whose net_events count
    std::size_t net_events_seen = 0;
    double threshold = 0, v_before = 0;
    std::vector<Pending> pending; // a min-heap
    std::vector<Generator> generators;
    double confirmed = 0; // the cell's trajectory and spikes are final up to here
    bool done = false;
    bool record_spikes = false;
    std::size_t finalized = 0; // BDF: detections of the last step already final
    long steps = 0, events = 0;
    std::vector<Sampled> samples;
};

class Simulation {
  public:
    // The model is copied with the run's seed (--seed overrides the NETWORK's).
    Simulation(const app::NetworkModel& model, const Options& options)
        : model_(model), options_(options) {
        model_.seed = options.seed;
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
        tstop_ = options.run.tstop;
        seed_ = options.seed;
    }

    Result run() {
        Result result;
        result.ranks = size_;
        double t0 = now();
        if (!everywhere([&] { build(); }, result))
            return result;
        result.connectivity_hash = connectivity_hash();
        if (!everywhere([&] { setup_exchange(); }, result))
            return result;
        statistics_.build_seconds = now() - t0;
        t0 = now();
        if (!everywhere([&] { initialize(); }, result))
            return result;
        statistics_.initialize_seconds = now() - t0;
        t0 = now();
        try {
            if (options_.exchange == Exchange::Async)
                run_async();
            else
                run_bsp();
        } catch (const std::exception& e) {
            // Another rank may be waiting for this one: there is no recovering in step.
            std::fprintf(stderr, "rank %d: %s\n", rank_, e.what());
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        statistics_.run_seconds = now() - t0;
        t0 = now();
        gather(result);
        result.statistics.output_seconds = now() - t0;
        return result;
    }

  private:
    // ------------------------------------------------------------------------------------
    // Construction

    bool owns(long gid) const { return owner(gid) == rank_; }
    int owner(long gid) const { return assignment_.owner[static_cast<std::size_t>(gid)]; }
    static bool owns_thunk(long gid, void* self) {
        return static_cast<Simulation*>(self)->owns(gid);
    }

    int population_of(long gid) const { return app::population_of(model_, gid); }

    static bool selects(const app::Selection& s, const app::Population& pop, int population,
                        long gid) {
        if (s.population != population)
            return false;
        const long i = gid - pop.first_gid;
        return i >= s.first && i <= s.last;
    }

    void build() {
        long total = 0;
        for (const app::Population& p : model_.populations)
            total = std::max(total, p.first_gid + p.count);
        assignment_ = assign(model_, size_, options_.balance);
        const auto mine = static_cast<std::uint32_t>(
            std::count(assignment_.owner.begin(), assignment_.owner.end(), rank_));
        if (mine > kMostLocalCells)
            throw std::runtime_error("rank " + std::to_string(rank_) + " would hold " +
                                     std::to_string(mine) +
                                     " cells; at most 2^24 fit on a rank: run on more ranks");
        const double most = *std::max_element(assignment_.load.begin(), assignment_.load.end());
        double sum = 0;
        for (double load : assignment_.load)
            sum += load;
        statistics_.imbalance = sum > 0 ? most / (sum / size_) : 1;
        for (long gid = 0; gid < total; ++gid)
            if (owns(gid))
                build_cell(gid);
        // Incoming connections, projection by projection.
        std::vector<std::pair<long, Target>> incoming;
        std::vector<Connection> buffer; // one target's, reused
        double expected = 0;
        for (const app::Projection& p : model_.projections)
            expected += expected_indegree(p) * static_cast<double>(p.target.last - p.target.first + 1);
        incoming.reserve(static_cast<std::size_t>(1.02 * expected / size_) + 16);
        std::size_t netcon_bytes = 0;
        // Every rank numbers the kinds alike, projection by projection.
        std::vector<std::uint32_t> kind_of;
        for (const app::Projection& p : model_.projections) {
            const app::Population& to = model_.populations[static_cast<std::size_t>(p.target.population)];
            const app::CellModel& cm = model_.cells[static_cast<std::size_t>(to.cell)];
            kind_of.push_back(
                synapse_kind(cm.points[static_cast<std::size_t>(p.synapse)].mechanism, p.synapse));
        }
        for (std::size_t j = 0; j < model_.projections.size(); ++j) {
            const app::Projection& p = model_.projections[j];
            const app::Population& to = model_.populations[static_cast<std::size_t>(p.target.population)];
            ProjectionDraw draw(model_, j, &Simulation::owns_thunk, this);
            const std::uint32_t kind = kind_of[j];
            const SynapseKind& synapse = kinds_[kind];
            for (long i = p.target.first; i <= p.target.last; ++i) {
                const long gid = to.first_gid + i;
                if (!owns(gid))
                    continue;
                const std::uint32_t local = local_index(gid);
                LocalCell& c = *cells_[local];
                const int instance = c.built.point_instances[static_cast<std::size_t>(p.synapse)];
                cell::MechanismSet& set = c.built.cell->mechanism(*synapse.mechanism);
                const std::size_t n = draw.incoming(gid, buffer);
                for (std::size_t k = 0; k < n; ++k) {
                    const Connection& connection = buffer[k];
                    std::uint32_t payload = 0;
                    if (synapse.carries_weight) {
                        const float weight =
                            connection.weights.empty() ? 0.0f : static_cast<float>(connection.weights[0]);
                        std::memcpy(&payload, &weight, sizeof payload);
                    } else {
                        payload = static_cast<std::uint32_t>(set.connect(instance, connection.weights));
                        netcon_bytes += static_cast<std::size_t>(synapse.mechanism->weight_count) *
                                            sizeof(double) +
                                        2 * sizeof(int);
                    }
                    incoming.push_back({connection.source,
                                        {local, kind, static_cast<float>(connection.delay), payload}});
                    hash_connection(j, connection.source, gid, connection.weights, connection.delay);
                }
            }
        }
        // Grouped by source gid, in the order drawn within each: a counting sort, O(n).
        std::vector<std::size_t> count(static_cast<std::size_t>(total) + 1, 0);
        for (const auto& [source, target] : incoming)
            ++count[static_cast<std::size_t>(source) + 1];
        for (std::size_t g = 1; g < count.size(); ++g)
            count[g] += count[g - 1];
        targets_.resize(incoming.size());
        for (const auto& [source, target] : incoming)
            targets_[count[static_cast<std::size_t>(source)]++] = target;
        std::size_t begin = 0;
        for (long g = 0; g < total; ++g) {
            const std::size_t end = count[static_cast<std::size_t>(g)];
            if (end > begin) {
                sources_.push_back(g);
                source_begin_.push_back(begin);
            }
            begin = end;
        }
        source_begin_.push_back(targets_.size());
        statistics_.connections = static_cast<double>(targets_.size());
        // The connection table, and each synapse's NetCon (its weights and its handle).
        statistics_.memory_bytes = static_cast<double>(
            targets_.size() * sizeof(Target) + sources_.size() * (sizeof(long) + sizeof(std::size_t)) +
            netcon_bytes);
    }

    // The index of a synapse in the kinds (Target::kind).
    std::uint32_t synapse_kind(const rv_mechanism* mechanism, int point) {
        for (std::size_t k = 0; k < kinds_.size(); ++k)
            if (kinds_[k].mechanism == mechanism && kinds_[k].point == point)
                return static_cast<std::uint32_t>(k);
        if (kinds_.size() == kMostSynapseKinds)
            throw std::runtime_error("projections target more than 256 different synapses");
        kinds_.push_back({mechanism, point, !mechanism->netcon_storage && mechanism->weight_count <= 1});
        return static_cast<std::uint32_t>(kinds_.size() - 1);
    }

    std::uint32_t local_index(long gid) const {
        return assignment_.local[static_cast<std::size_t>(gid)];
    }

    void build_cell(long gid) {
        const int population = population_of(gid);
        const app::Population& pop = model_.populations[static_cast<std::size_t>(population)];
        const app::CellModel& base = model_.cells[static_cast<std::size_t>(pop.cell)];
        // Current clamps of the NETWORK that reach this cell join its point processes (in a
        // copy of the CELL's description, which the cell's probes refer to).
        const app::CellModel* description = &base;
        for (const app::NetworkStimulus& s : model_.stimuli)
            if (s.mechanism && selects(s.target, pop, population, gid)) {
                if (description == &base) {
                    owned_models_.push_back(std::make_unique<app::CellModel>(base));
                    description = owned_models_.back().get();
                }
                owned_models_.back()->points.push_back(
                    {s.label, s.mechanism, s.section, s.x, s.values});
            }
        auto c = std::make_unique<LocalCell>();
        c->gid = gid;
        c->population = population;
        c->description = description;
        const app::CellModel& cm = *description;
        // Every cell's random streams are its own: (gid + 1) * 2^20 + k.
        c->built = app::build(cm, seed_, static_cast<double>(gid + 1) * 1048576.0);
        cell::Cell& cell = *c->built.cell;
        // Per-cell parameters.
        for (std::size_t k = 0; k < pop.parameters.size(); ++k) {
            const app::PopulationParameter& p = pop.parameters[k];
            const double value =
                sample(p.value, seed_,
                       stream(Purpose::Parameters,
                              static_cast<std::uint64_t>(population) * 256 + k,
                              static_cast<std::uint64_t>(gid)),
                       0, "parameter " + p.field + " of population " + pop.name);
            if (p.mechanism) {
                cell::MechanismSet& set = cell.mechanism(*p.mechanism);
                const int field = set.field(p.field);
                for (int i = 0; i < set.size(); ++i)
                    set.at(field, i) = value;
            } else {
                const app::PointProcess& point = cm.points[static_cast<std::size_t>(p.point)];
                cell::MechanismSet& set = cell.mechanism(*point.mechanism);
                set.at(set.field(p.field),
                       c->built.point_instances[static_cast<std::size_t>(p.point)]) = value;
            }
        }
        // The CELL's first DETECTOR: a threshold on v, or a point process's net_events.
        for (const run::Detector& d : c->built.detectors)
            if (d.gid == 0) {
                c->node = d.where.node;
                c->threshold = d.where.threshold;
            }
        for (const app::Built::NetEvent& d : c->built.net_event_detectors)
            if (d.gid == 0)
                c->net_event = std::pair{d.mechanism, d.instance};
        // Stimuli: the CELL's own, then the NETWORK's, each cell with its own streams.
        auto generator = [&](const app::Stimulus& s, std::uint64_t index,
                             const std::vector<double>& weights, double delay) {
            const app::PointProcess& point = cm.points[static_cast<std::size_t>(s.target)];
            cell::MechanismSet& set = cell.mechanism(*point.mechanism);
            const int handle =
                set.connect(c->built.point_instances[static_cast<std::size_t>(s.target)], weights);
            Generator g{&s, point.mechanism, handle, delay,
                        stream(Purpose::Stimulus, index, static_cast<std::uint64_t>(gid))};
            c->generators.push_back(g);
        };
        for (std::size_t k = 0; k < cm.stimuli.size(); ++k)
            generator(cm.stimuli[k], (1u << 23) + k, cm.stimuli[k].weights, cm.stimuli[k].delay);
        for (std::size_t k = 0; k < model_.stimuli.size(); ++k) {
            const app::NetworkStimulus& s = model_.stimuli[k];
            if (s.mechanism || !selects(s.target, pop, population, gid))
                continue;
            const std::uint64_t values =
                stream(Purpose::Weights, (1u << 23) + k, static_cast<std::uint64_t>(gid));
            std::vector<double> weights;
            for (std::size_t w = 0; w < s.weights.size(); ++w)
                weights.push_back(sample(s.weights[w], seed_, values, w * 64,
                                         "the weight of stimulus " + s.label));
            const double delay =
                sample(s.delay, seed_, values, s.weights.size() * 64, "the delay of " + s.label);
            if (delay < 0)
                throw std::runtime_error("stimulus " + s.label + " drew a negative delay");
            generator(s.events, k, weights, delay);
        }
        // Recordings.
        for (const app::NetworkRecord& r : model_.records)
            for (const app::Selection& s : r.cells)
                if (selects(s, pop, population, gid)) {
                    if (r.spikes)
                        c->record_spikes = true;
                    else
                        c->samples.push_back(
                            {static_cast<std::size_t>(&r - model_.records.data()),
                             app::Probe(r.variable, cm, c->built), r.interval, {}});
                }
        // Without RECORD spikes, every spike is recorded.
        if (std::none_of(model_.records.begin(), model_.records.end(),
                         [](const app::NetworkRecord& r) { return r.spikes; }))
            c->record_spikes = true;
        cells_.push_back(std::move(c));
    }

    void hash_connection(std::size_t projection, long source, long target,
                         const std::vector<double>& weights, double delay) {
        auto mix = [](std::uint64_t x) {
            x += 0x9E3779B97F4A7C15ull;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
            return x ^ (x >> 31);
        };
        std::uint64_t h = mix(projection);
        h = mix(h ^ static_cast<std::uint64_t>(source));
        h = mix(h ^ static_cast<std::uint64_t>(target));
        for (double w : weights) {
            std::uint64_t bits;
            std::memcpy(&bits, &w, sizeof bits);
            h = mix(h ^ bits);
        }
        std::uint64_t bits;
        std::memcpy(&bits, &delay, sizeof bits);
        hash_ += mix(h ^ bits); // a sum: the same whatever the order and the partition
    }

    std::uint64_t connectivity_hash() {
        unsigned long long local = hash_, total = 0;
        MPI_Allreduce(&local, &total, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
        return total;
    }

    // Runs a phase on every rank; false, with the first failing rank's message in the result
    // on every rank, when it failed on any.
    template <class Phase> bool everywhere(Phase phase, Result& result) {
        std::string failure;
        try {
            phase();
        } catch (const std::exception& e) {
            failure = e.what();
        }
        return !agree_failure(failure, result);
    }

    // A failure on any rank stops every rank, with the first failure's message.
    bool agree_failure(const std::string& failure, Result& result) {
        int mine = failure.empty() ? size_ : rank_, first = size_;
        MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
        if (first == size_)
            return false;
        int length = rank_ == first ? static_cast<int>(failure.size()) : 0;
        MPI_Bcast(&length, 1, MPI_INT, first, MPI_COMM_WORLD);
        std::string message = failure;
        message.resize(static_cast<std::size_t>(length));
        MPI_Bcast(message.data(), length, MPI_CHAR, first, MPI_COMM_WORLD);
        result.failure = message;
        return true;
    }

    // Which ranks need each local cell's spikes, and the shortest delay from each rank. Throws
    // (on every rank alike: the checks use global values) when dt or the event window is not
    // shorter than the shortest delay.
    void setup_exchange() {
        std::vector<int> counts(static_cast<std::size_t>(size_), 0);
        min_delay_.assign(static_cast<std::size_t>(size_), kInfinity);
        for (std::size_t k = 0; k < sources_.size(); ++k) {
            const auto from = static_cast<std::size_t>(owner(sources_[k]));
            ++counts[from];
            for (std::size_t t = source_begin_[k]; t < source_begin_[k + 1]; ++t)
                min_delay_[from] = std::min(min_delay_[from], static_cast<double>(targets_[t].delay));
        }
        std::vector<int> displacements(static_cast<std::size_t>(size_), 0);
        for (std::size_t r = 1; r < counts.size(); ++r)
            displacements[r] = displacements[r - 1] + counts[r - 1];
        // The needed gids grouped by owner rank, for the Alltoallv.
        std::vector<long long> needed(sources_.begin(), sources_.end());
        std::stable_sort(needed.begin(), needed.end(),
                         [&](long long a, long long b) {
                             return owner(static_cast<long>(a)) < owner(static_cast<long>(b));
                         });
        std::vector<int> incoming(static_cast<std::size_t>(size_), 0);
        MPI_Alltoall(counts.data(), 1, MPI_INT, incoming.data(), 1, MPI_INT, MPI_COMM_WORLD);
        std::vector<int> in_displacements(static_cast<std::size_t>(size_), 0);
        for (std::size_t r = 1; r < incoming.size(); ++r)
            in_displacements[r] = in_displacements[r - 1] + incoming[r - 1];
        std::vector<long long> asked(static_cast<std::size_t>(in_displacements.back() + incoming.back()));
        MPI_Alltoallv(needed.data(), counts.data(), displacements.data(), MPI_LONG_LONG,
                      asked.data(), incoming.data(), in_displacements.data(), MPI_LONG_LONG,
                      MPI_COMM_WORLD);
        dependents_of_.assign(cells_.size(), {});
        for (int r = 0; r < size_; ++r) {
            if (r == rank_)
                continue;
            const auto ru = static_cast<std::size_t>(r);
            if (incoming[ru] > 0)
                dependents_.push_back(r);
            for (int k = 0; k < incoming[ru]; ++k) {
                const long gid = static_cast<long>(asked[static_cast<std::size_t>(in_displacements[ru] + k)]);
                dependents_of_[local_index(gid)].push_back(r);
            }
        }
        for (int r = 0; r < size_; ++r)
            if (r != rank_ && min_delay_[static_cast<std::size_t>(r)] < kInfinity)
                source_ranks_.push_back(r);
        double local = *std::min_element(min_delay_.begin(), min_delay_.end()), global = kInfinity;
        MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
        global_min_delay_ = global;
        if (options_.run.method == run::Method::Fixed && global < kInfinity &&
            !(options_.run.dt < global))
            throw std::runtime_error("the shortest delay (" + std::to_string(global) +
                             " ms) must be longer than dt (" + std::to_string(options_.run.dt) +
                             " ms)");
        if (options_.run.event_window > 0 && global < kInfinity &&
            !(options_.run.event_window < global))
            throw std::runtime_error("the event window must be shorter than the shortest delay (" +
                             std::to_string(global) + " ms)");
    }

    // ------------------------------------------------------------------------------------
    // Running cells

    void initialize() {
        const run::Options& o = options_.run;
        for (auto& cp : cells_) {
            LocalCell& c = *cp;
            cell::Cell& cell = *c.built.cell;
            if (o.method == run::Method::Fixed) {
                c.fixed = std::make_unique<integrate::FixedStep>(
                    cell, integrate::FixedStepOptions{o.dt, o.secondorder});
                c.fixed->initialize(o.v_init);
                if (c.node >= 0)
                    c.v_before = cell.v()[static_cast<std::size_t>(c.node)];
            } else {
                integrate::BdfCellOptions b;
                b.bdf.rtol = o.rtol;
                b.bdf.atol = o.atol;
                b.event_window = o.event_window;
                if (c.node >= 0)
                    b.detectors = {{c.node, c.threshold}};
                c.bdf = std::make_unique<integrate::BdfCell>(cell, b);
                c.bdf->initialize(o.v_init);
            }
            queue_generators(c, 0);
            emit_net_events(c); // from INITIAL
            if (c.bdf)
                c.bdf->restore(); // starting may have left the cell at a trial state
            take_samples(c, 0, 0, false); // the initial values
        }
        if (options_.backend != Backend::Cpu)
            start_engine();
    }

    // Every generator's events up to its first one after `until` go into the cell's queue.
    void queue_generators(LocalCell& c, double until) {
        for (Generator& g : c.generators)
            while (!g.done && g.queued <= until) {
                std::optional<double> t = g.next(seed_, tstop_);
                if (!t || *t + g.delay > tstop_) {
                    g.done = true;
                    break;
                }
                g.queued = *t + g.delay;
                c.built.cell->send(*g.mechanism, g.handle, g.queued);
            }
    }

    // Samples due by `until`: on the dense output of the last step (BDF), or the present
    // values of the step's end within `slack` (fixed step).
    void take_samples(LocalCell& c, double until, double slack, bool dense = true) {
        for (Sampled& s : c.samples)
            for (;;) {
                const double t = static_cast<double>(s.values.size()) * s.interval;
                if (t > tstop_ * (1 + 1e-12) || t > until + slack)
                    break;
                if (c.bdf && dense)
                    c.bdf->show(t);
                s.values.push_back(s.probe.read());
                if (c.bdf && dense)
                    c.bdf->restore();
            }
    }

    // A final spike of a local cell: recorded, and sent to its targets here and elsewhere.
    void emit(LocalCell& c, double time) {
        if (c.record_spikes)
            spikes_.push_back({static_cast<int>(c.gid), time});
        ++statistics_.spikes;
        deliver_spike(c.gid, time);
        for (int r : dependents_of_[local_index(c.gid)]) {
            std::vector<double>& box = outbox_[r];
            box.push_back(static_cast<double>(c.gid));
            box.push_back(time);
        }
    }

    // The net_events of the cell's spike source since the last look (they happen as events are
    // delivered, at times already final).
    void emit_net_events(LocalCell& c) {
        if (!c.net_event)
            return;
        const cell::Cell& cell = *c.built.cell;
        for (; c.net_events_seen < cell.spikes().size(); ++c.net_events_seen)
            if (cell.spike_sources()[c.net_events_seen] == *c.net_event)
                emit(c, cell.spikes()[c.net_events_seen]);
    }

    // The events a spike of `gid` at `time` makes on this rank's cells.
    void deliver_spike(long gid, double time) {
        auto found = std::lower_bound(sources_.begin(), sources_.end(), gid);
        if (found == sources_.end() || *found != gid)
            return;
        const auto k = static_cast<std::size_t>(found - sources_.begin());
        if (engine_) { // the engine makes the events, before its next steps
            inbox_.push_back({gid, time, source_begin_[k], source_begin_[k + 1]});
            return;
        }
        for (std::size_t t = source_begin_[k]; t < source_begin_[k + 1]; ++t) {
            const Target& target = targets_[t];
            const double at = time + static_cast<double>(target.delay);
            if (at > tstop_)
                continue;
            std::vector<Pending>& heap = cells_[target.cell]->pending;
            heap.push_back({at, gid, target.kind, target.payload});
            std::push_heap(heap.begin(), heap.end(), std::greater<>());
        }
    }

    // Moves the cell's network events due by `until` into its queue, in their order.
    void queue_pending(LocalCell& c, double until) const {
        while (!c.pending.empty() && c.pending.front().time <= until) {
            std::pop_heap(c.pending.begin(), c.pending.end(), std::greater<>());
            const Pending e = c.pending.back();
            c.pending.pop_back();
            const SynapseKind& synapse = kinds_[e.kind];
            if (synapse.carries_weight) {
                float weight = 0;
                std::memcpy(&weight, &e.payload, sizeof weight);
                c.built.cell->send_inline(
                    *synapse.mechanism, c.built.point_instances[static_cast<std::size_t>(synapse.point)],
                    weight, e.time);
            } else {
                c.built.cell->send(*synapse.mechanism, static_cast<int>(e.payload), e.time);
            }
            ++c.events;
        }
    }

    [[noreturn]] void fail(const LocalCell& c, double t, const std::string& why) {
        const app::Population& pop = model_.populations[static_cast<std::size_t>(c.population)];
        std::ostringstream message;
        message << "cell gid " << c.gid << " (" << pop.name << "[" << c.gid - pop.first_gid
                << "]) at t = " << t << " ms: " << why;
        throw std::runtime_error(message.str());
    }

    // Runs a cell as far as the horizon allows: every event before `horizon` is known.
    // True when it moved (a step, or more of its trajectory final).
    bool advance(LocalCell& c, double horizon) {
        if (c.done)
            return false;
        // Past tstop no event matters.
        const double known = horizon > tstop_ ? kInfinity : horizon;
        const double before = c.confirmed;
        const bool stepped = c.fixed ? advance_fixed(c, known) : advance_bdf(c, known);
        return stepped || c.confirmed > before;
    }

    bool advance_fixed(LocalCell& c, double known) {
        const double dt = options_.run.dt;
        const long total = std::lround(tstop_ / dt);
        cell::Cell& cell = *c.built.cell;
        bool moved = false;
        while (c.steps < total) {
            const double t = cell.t();
            if (!(t + dt < known))
                break;
            queue_pending(c, t + dt);
            queue_generators(c, t + dt);
            if (!c.fixed->step())
                fail(c, t, c.fixed->failure());
            ++c.steps;
            moved = true;
            emit_net_events(c);
            if (c.node >= 0) {
                const double v = cell.v()[static_cast<std::size_t>(c.node)];
                // As NEURON's NetCon in the fixed step: the spike is at the end of the step
                // in which v reached the threshold.
                if (c.v_before < c.threshold && v >= c.threshold)
                    emit(c, cell.t());
                c.v_before = v;
            }
            take_samples(c, cell.t(), 0.5 * dt * (1 - 1e-9));
            c.confirmed = cell.t();
        }
        if (c.steps >= total) {
            c.done = true;
            c.confirmed = kInfinity;
        }
        return moved;
    }

    // Final: the last step's crossings before `until` not yet sent.
    void finalize_detections(LocalCell& c, double until) {
        const auto& found = c.bdf->detections();
        while (c.finalized < found.size() && found[c.finalized].second < until)
            emit(c, found[c.finalized++].second);
    }

    void confirm(LocalCell& c, double until) {
        if (until <= c.confirmed)
            return;
        take_samples(c, until, 0);
        finalize_detections(c, until);
        c.confirmed = until;
    }

    bool advance_bdf(LocalCell& c, double known) {
        integrate::BdfCell& bdf = *c.bdf;
        const double window = options_.run.event_window;
        bool moved = false;
        for (;;) {
            const double t0 = bdf.step_start(), t1 = bdf.step_end();
            const double e = c.pending.empty() ? kInfinity : c.pending.front().time;
            if (e <= t1) {
                // An event inside the last step: once nothing earlier can come, go back to it.
                if (!(e + window < known)) {
                    confirm(c, std::min(known, e));
                    return moved;
                }
                if (e < t0 || (e == t0 && t0 != t1))
                    fail(c, e, "internal error: an event arrived before the cell's settled time " +
                                   std::to_string(t0));
                if (e < t1) {
                    confirm(c, e);
                    bdf.back_to(e);
                }
                finalize_detections(c, kInfinity); // the crossings before e (or at e = t1)
                queue_pending(c, e + window);
                queue_generators(c, e + window); // what the event window groups with e
                bdf.settle();
                emit_net_events(c);
                c.finalized = bdf.detections().size();
                c.confirmed = e;
                moved = true;
                continue;
            }
            if (!(t1 < known)) {
                confirm(c, known);
                return moved;
            }
            // The whole last step is final.
            confirm(c, t1);
            finalize_detections(c, kInfinity);
            queue_generators(c, t1 + window);
            bdf.settle();
            emit_net_events(c);
            c.finalized = 0;
            if (t1 >= tstop_) {
                c.done = true;
                c.confirmed = kInfinity;
                return true;
            }
            queue_generators(c, t1);
            if (!bdf.step_once(tstop_))
                fail(c, t1, bdf.failure());
            c.finalized = 0;
            ++c.steps;
            moved = true;
        }
    }

    double local_progress() const {
        if (engine_)
            return engine_->done() ? kInfinity : engine_->time();
        double p = kInfinity;
        for (const auto& c : cells_)
            p = std::min(p, c->confirmed);
        return p;
    }

    // One pass over the cells with a fixed horizon; true when any moved.
    bool sweep(double horizon) {
        if (engine_)
            return sweep_engine(horizon);
        bool moved = false;
        for (auto& c : cells_)
            moved = advance(*c, horizon) || moved;
        return moved;
    }

    // ------------------------------------------------------------------------------------
    // The lane engine (device/engine.h): the cells, once initialised here, continue there.

    // The engine's copy of the cells: a batch per CELL description, each cell a lane.
    void start_engine() {
        const run::Options& o = options_.run;
        const char* backend = options_.backend == Backend::Gpu ? "GPU" : "lane";
        if (o.method == run::Method::Cvode)
            throw std::runtime_error(std::string("the ") + backend +
                                     " backend runs the fixed step and BDF: run with --method "
                                     "fixed or bdf, or with --backend cpu for CVODE");
        device::EngineSetup s;
        s.method = o.method == run::Method::Bdf ? device::EngineMethod::Bdf : device::EngineMethod::Fixed;
        s.rtol = o.rtol;
        s.atol = o.atol;
        s.event_window = o.method == run::Method::Bdf ? o.event_window : 0;
        s.dt = o.dt;
        s.tstop = tstop_;
        s.secondorder = o.secondorder;
        s.steps_total = std::lround(tstop_ / o.dt);
        s.seed = seed_;
        s.event_capacity = options_.event_capacity;
        s.threads_per_cell = options_.threads_per_cell;
        for (const SynapseKind& k : kinds_)
            s.kind_carries_weight.push_back(k.carries_weight ? 1 : 0);
        // Batches, in the order of their first cell.
        std::vector<const app::CellModel*> descriptions;
        std::vector<std::vector<std::uint32_t>> members;
        std::vector<int> batch_of(cells_.size()), lane_of(cells_.size());
        for (std::size_t k = 0; k < cells_.size(); ++k) {
            const auto found = std::find(descriptions.begin(), descriptions.end(), cells_[k]->description);
            const auto b = static_cast<std::size_t>(found - descriptions.begin());
            if (found == descriptions.end()) {
                descriptions.push_back(cells_[k]->description);
                members.emplace_back();
            }
            batch_of[k] = static_cast<int>(b);
            lane_of[k] = static_cast<int>(members[b].size());
            members[b].push_back(static_cast<std::uint32_t>(k));
        }
        // Per batch and mechanism: the first batch NetCon of each batch instance.
        std::vector<std::vector<std::vector<int>>> batch_begin(members.size());
        for (std::size_t b = 0; b < members.size(); ++b)
            s.batches.push_back(engine_batch(members[b], batch_begin[b]));
        // A lane's NetCon (its index in the cell's mechanism) as the batch numbers it.
        auto batch_netcon = [&](std::size_t local, std::size_t m, int netcon) {
            const auto b = static_cast<std::size_t>(batch_of[local]);
            const int lanes = static_cast<int>(members[b].size()), lane = lane_of[local];
            const rv_instances view = cells_[local]->built.cell->mechanisms()[m].view(nullptr, nullptr, nullptr);
            int instance = 0;
            while (view.netcon_begin[instance + 1] <= netcon)
                ++instance;
            return batch_begin[b][m][static_cast<std::size_t>(instance * lanes + lane)] +
                   (netcon - view.netcon_begin[instance]);
        };
        auto mechanism_index = [&](std::size_t local, const rv_mechanism* desc) {
            const auto& ms = cells_[local]->built.cell->mechanisms();
            for (std::size_t m = 0; m < ms.size(); ++m)
                if (&ms[m].descriptor() == desc)
                    return m;
            throw std::runtime_error("internal error: a synapse's mechanism is not in its cell");
        };
        // A network event's payload as the engine keeps it: a NetCon handle becomes the
        // batch's NetCon; a carried weight stays as it is.
        auto payload_of = [&](std::size_t local, std::uint32_t kind, std::uint32_t payload) {
            const SynapseKind& synapse = kinds_[kind];
            if (synapse.carries_weight)
                return payload;
            const std::size_t m = mechanism_index(local, synapse.mechanism);
            const cell::MechanismSet& set = cells_[local]->built.cell->mechanisms()[m];
            return static_cast<std::uint32_t>(
                batch_netcon(local, m, set.netcon(static_cast<int>(payload))));
        };
        std::map<const app::Stimulus*, int> times_offset; // each stimulus's times, once
        for (std::size_t k = 0; k < cells_.size(); ++k) {
            LocalCell& c = *cells_[k];
            cell::Cell& cell = *c.built.cell;
            device::CellSetup cs;
            cs.batch = batch_of[k];
            cs.lane = lane_of[k];
            cs.detector_node = c.node;
            cs.threshold = c.threshold;
            cs.v_before = c.v_before;
            if (c.net_event) {
                cs.net_event_mechanism = c.net_event->first;
                cs.net_event_instance = c.net_event->second;
            }
            for (const cell::Event& e : cell.queue().events()) {
                device::QueuedEvent q;
                q.time = e.time;
                q.flag = e.flag;
                q.weight = e.weight;
                q.order = e.order;
                q.mechanism = e.mechanism;
                q.instance = e.instance;
                q.self = e.self ? 1 : 0;
                q.netcon = e.netcon == cell::kInlineWeight ? device::kInlineEvent
                           : e.netcon < 0 ? -1
                                          : batch_netcon(k, static_cast<std::size_t>(e.mechanism), e.netcon);
                cs.queue.push_back(q);
            }
            cs.next_order = cell.queue().next_order();
            for (const Pending& p : c.pending)
                cs.pending.push_back({p.time, p.source, p.kind, payload_of(k, p.kind, p.payload)});
            for (const Generator& g : c.generators) {
                device::GeneratorState gs;
                const app::Stimulus& st = *g.stimulus;
                gs.kind = static_cast<int>(st.kind);
                const auto [at, first] =
                    times_offset.try_emplace(&st, static_cast<int>(s.generator_times.size()));
                if (first)
                    s.generator_times.insert(s.generator_times.end(), st.times.begin(), st.times.end());
                gs.times_offset = at->second;
                gs.times_count = static_cast<int>(st.times.size());
                gs.start = st.start;
                gs.end = std::min(st.stop, tstop_);
                gs.interval = st.interval;
                gs.rate = st.rate;
                gs.number = st.number;
                gs.delay = g.delay;
                gs.stream = g.stream;
                gs.draw = g.draw;
                gs.index = static_cast<long long>(g.index);
                gs.last = g.last;
                gs.queued = g.queued;
                gs.done = g.done ? 1 : 0;
                const std::size_t m = mechanism_index(k, g.mechanism);
                const cell::MechanismSet& set = cell.mechanisms()[m];
                gs.mechanism = static_cast<int>(m);
                gs.instance = set.instance_of_netcon(g.handle);
                gs.netcon = batch_netcon(k, m, set.netcon(g.handle));
                cs.generators.push_back(gs);
            }
            for (std::size_t j = 0; j < c.samples.size(); ++j) {
                const Sampled& sampled = c.samples[j];
                const app::Probe::Location l = sampled.probe.location();
                device::SampleSetup ss;
                ss.batch = cs.batch;
                ss.lane = cs.lane;
                ss.interval = sampled.interval;
                ss.count = sampled.values.size();
                switch (l.kind) {
                case app::RecordKind::Voltage:
                    ss.where = device::SampleSetup::Where::Voltage;
                    ss.index = l.node;
                    break;
                case app::RecordKind::Density:
                case app::RecordKind::Point:
                    ss.where = device::SampleSetup::Where::Field;
                    ss.mechanism = static_cast<int>(l.mechanism);
                    ss.index = l.instance;
                    ss.column = l.field;
                    break;
                case app::RecordKind::Ion:
                    if (l.ion < 0)
                        throw std::runtime_error("cannot record " + model_.records[sampled.record].variable.label +
                                                 " on the lane engine: the cell has no such ion");
                    ss.where = device::SampleSetup::Where::Ion;
                    ss.ion = l.ion;
                    ss.index = l.node;
                    ss.column = l.which;
                    break;
                }
                s.samples.push_back(ss);
                engine_samples_.emplace_back(k, j);
            }
            s.cells.push_back(std::move(cs));
        }
        // The connection table, with NetCon handles as the batches number them.
        s.target_cell_kind.reserve(targets_.size());
        for (const Target& t : targets_) {
            s.target_cell_kind.push_back(t.cell | (static_cast<std::uint32_t>(t.kind) << 24));
            s.target_delay.push_back(t.delay);
            s.target_payload.push_back(payload_of(t.cell, t.kind, t.payload));
        }
        if (options_.backend == Backend::Gpu) {
            if (!options_.gpu.make)
                throw std::runtime_error("this executable has no GPU backend: build it with "
                                         "ranvier build --target=cuda");
            s.device_kernels = options_.gpu.kernels;
            engine_ = options_.gpu.make(std::move(s));
        } else {
            engine_ = device::make_host_engine(std::move(s));
        }
        statistics_.device = engine_->device();
    }

    // A batch: the cells' state, field by field and lane by lane. `begin` gets, per mechanism,
    // the first batch NetCon of each batch instance.
    device::BatchSetup engine_batch(const std::vector<std::uint32_t>& locals,
                                    std::vector<std::vector<int>>& begin) {
        device::BatchSetup b;
        const std::size_t lanes = locals.size();
        b.lanes = static_cast<int>(lanes);
        for (std::uint32_t k : locals)
            b.cells.push_back(static_cast<int>(k));
        cell::Cell& first = *cells_[locals[0]]->built.cell;
        const cell::Cable& cable = first.cable();
        b.nodes = cable.node_count();
        b.roots = cable.root_count();
        b.parent = cable.parent();
        b.a = cable.a();
        b.b = cable.b();
        b.cm = cable.cm();
        b.axial_diagonal = cable.axial_diagonal();
        b.area = cable.area();
        for (int i = 0; i < b.nodes; ++i)
            b.membrane.push_back(cable.membrane()[static_cast<std::size_t>(i)] ? 1 : 0);
        b.celsius = first.global(RV_CELSIUS);
        b.seed = first.global(RV_SEED);
        const auto nodes = static_cast<std::size_t>(b.nodes);
        b.v.resize(nodes * lanes);
        for (std::size_t l = 0; l < lanes; ++l) {
            cell::Cell& cell = *cells_[locals[l]]->built.cell;
            if (cell.mechanisms().size() != first.mechanisms().size() || cell.v().size() != nodes)
                throw std::runtime_error("internal error: cells of one CELL differ in structure");
            for (std::size_t n = 0; n < nodes; ++n)
                b.v[n * lanes + l] = cell.v()[n];
        }
        for (std::size_t m = 0; m < first.mechanisms().size(); ++m) {
            cell::MechanismSet& proto = first.mechanisms()[m];
            const rv_mechanism& d = proto.descriptor();
            device::MechanismSetup ms;
            ms.descriptor = &d;
            ms.per_lane = proto.size();
            const auto per = static_cast<std::size_t>(proto.size());
            for (int i = 0; i < proto.size(); ++i)
                ms.node.push_back(proto.node(i));
            const std::size_t count = per * lanes;
            ms.fields.resize(static_cast<std::size_t>(d.field_count) * count);
            std::vector<int>& starts = begin.emplace_back(count + 1, 0);
            std::vector<rv_instances> views;
            for (std::size_t l = 0; l < lanes; ++l) {
                cell::MechanismSet& set = cells_[locals[l]]->built.cell->mechanisms()[m];
                if (&set.descriptor() != &d || set.size() != proto.size())
                    throw std::runtime_error("internal error: cells of one CELL differ in mechanisms");
                for (int f = 0; f < d.field_count; ++f)
                    for (std::size_t i = 0; i < per; ++i)
                        ms.fields[static_cast<std::size_t>(f) * count + i * lanes + l] =
                            set.at(f, static_cast<int>(i));
                views.push_back(set.view(nullptr, nullptr, nullptr));
            }
            // NetCons in batch-instance order, as FOR_NETCONS walks them.
            const auto wc = static_cast<std::size_t>(std::max(0, d.weight_count));
            for (std::size_t i = 0; i < per; ++i)
                for (std::size_t l = 0; l < lanes; ++l) {
                    const rv_instances& v = views[l];
                    const int from = v.netcon_begin[i], to = v.netcon_begin[i + 1];
                    starts[i * lanes + l + 1] = starts[i * lanes + l] + (to - from);
                    for (int n = from; n < to; ++n)
                        for (std::size_t w = 0; w < wc; ++w)
                            ms.weights.push_back(v.weights[static_cast<std::size_t>(n) * wc + w]);
                }
            ms.netcon_begin = starts;
            // Tables: lane 0's; a table that differs between cells cannot be shared.
            for (int t = 0; t < d.table_count; ++t) {
                const rv_table& table = views[0].tables[t];
                std::vector<double> xy(table.x, table.x + table.size);
                xy.insert(xy.end(), table.y, table.y + table.size);
                for (std::size_t l = 1; l < lanes; ++l) {
                    const rv_table& other = views[l].tables[t];
                    if (other.size != table.size || !std::equal(table.y, table.y + table.size, other.y) ||
                        !std::equal(table.x, table.x + table.size, other.x))
                        throw std::runtime_error(std::string("mechanism ") + d.name + "'s table " +
                                                 d.table_names[t] +
                                                 " differs between cells; the lane engine shares "
                                                 "one: run with --backend cpu");
                }
                ms.tables.push_back(std::move(xy));
            }
            if (d.watch_count > 0) {
                const auto slots = per * static_cast<std::size_t>(d.watch_count);
                ms.watch_armed.assign(slots * lanes, 0);
                ms.watch_above.assign(slots * lanes, 0);
                for (std::size_t l = 0; l < lanes; ++l) {
                    const auto& states = cells_[locals[l]]->built.cell->watch_states();
                    if (m >= states.size())
                        continue;
                    const cell::Cell::WatchState& w = states[m];
                    for (std::size_t i = 0; i < per; ++i)
                        for (std::size_t k = 0; k < static_cast<std::size_t>(d.watch_count); ++k) {
                            const std::size_t from = i * static_cast<std::size_t>(d.watch_count) + k;
                            const std::size_t to = (i * lanes + l) * static_cast<std::size_t>(d.watch_count) + k;
                            if (from < w.armed.size()) {
                                ms.watch_armed[to] = w.armed[from];
                                ms.watch_above[to] = w.above[from];
                            }
                        }
                }
            }
            b.mechanisms.push_back(std::move(ms));
        }
        for (std::size_t k = 0; k < first.ions().size(); ++k) {
            device::IonSetup is;
            const cell::Ion& proto = first.ions()[k];
            is.name = proto.name;
            is.valence = proto.valence;
            is.nernst_each_step = proto.nernst_each_step;
            for (auto* column : {&is.e, &is.ci, &is.co, &is.i, &is.di_dv})
                column->resize(nodes * lanes);
            for (std::size_t l = 0; l < lanes; ++l) {
                const cell::Ion& ion = cells_[locals[l]]->built.cell->ions()[k];
                for (std::size_t n = 0; n < nodes; ++n) {
                    is.e[n * lanes + l] = ion.e[n];
                    is.ci[n * lanes + l] = ion.ci[n];
                    is.co[n * lanes + l] = ion.co[n];
                    is.i[n * lanes + l] = ion.i[n];
                    is.di_dv[n * lanes + l] = ion.di_dv[n];
                }
            }
            b.ions.push_back(std::move(is));
        }
        // Each synapse kind's mechanism and instance in these cells.
        const LocalCell& c0 = *cells_[locals[0]];
        for (const SynapseKind& k : kinds_) {
            int mechanism = -1, instance = -1;
            for (std::size_t m = 0; m < first.mechanisms().size(); ++m)
                if (&first.mechanisms()[m].descriptor() == k.mechanism &&
                    static_cast<std::size_t>(k.point) < c0.built.point_instances.size()) {
                    mechanism = static_cast<int>(m);
                    instance = c0.built.point_instances[static_cast<std::size_t>(k.point)];
                }
            b.kind_mechanism.push_back(mechanism);
            b.kind_instance.push_back(instance);
        }
        return b;
    }

    // Runs the engine's cells as far as the horizon allows (advance_fixed or advance_bdf for
    // every cell).
    bool sweep_engine(double horizon) {
        engine_->deliver(inbox_);
        inbox_.clear();
        const double known = horizon > tstop_ ? kInfinity : horizon;
        const bool moved = engine_->advance(known);
        if (!engine_->failure().empty())
            fail(*cells_[static_cast<std::size_t>(engine_->failed_cell())], engine_->failed_time(),
                 engine_->failure());
        for (const device::LocalSpike& s : engine_->take_spikes())
            emit(*cells_[static_cast<std::size_t>(s.cell)], s.time);
        engine_->take_samples(engine_values_);
        for (std::size_t k = 0; k < engine_values_.size(); ++k) {
            std::vector<double>& from = engine_values_[k];
            const auto [cell, sample] = engine_samples_[k];
            std::vector<double>& to = cells_[cell]->samples[sample].values;
            to.insert(to.end(), from.begin(), from.end());
            from.clear();
        }
        return moved;
    }

    void route(const double* data, int count) {
        for (int k = 0; k + 1 < count; k += 2)
            deliver_spike(static_cast<long>(data[k]), data[k + 1]);
    }

    void show_progress(double t) {
        if (!options_.progress || rank_ != 0)
            return;
        const double wall = now();
        if (wall < next_report_)
            return;
        next_report_ = wall + 2;
        std::fprintf(stderr, "\r  t = %.1f of %.1f ms (%.0f%%)", std::min(t, tstop_), tstop_,
                     100 * std::min(t, tstop_) / tstop_);
        std::fflush(stderr);
    }

    // ------------------------------------------------------------------------------------
    // Asynchronous exchange

    void run_async() {
        std::vector<double> progress(static_cast<std::size_t>(size_), -kInfinity);
        std::vector<double> sent(static_cast<std::size_t>(size_), -kInfinity);
        std::list<std::pair<MPI_Request, std::vector<double>>> sends;
        std::size_t finished_sources = 0;
        std::vector<double> buffer;
        auto receive = [&](bool block) {
            int flag = 0;
            MPI_Status status;
            if (block) {
                const double t0 = now();
                MPI_Probe(MPI_ANY_SOURCE, kTagSpikes, MPI_COMM_WORLD, &status);
                statistics_.wait_seconds += now() - t0;
                flag = 1;
            } else {
                MPI_Iprobe(MPI_ANY_SOURCE, kTagSpikes, MPI_COMM_WORLD, &flag, &status);
            }
            if (!flag)
                return false;
            int count = 0;
            MPI_Get_count(&status, MPI_DOUBLE, &count);
            buffer.resize(static_cast<std::size_t>(count));
            MPI_Recv(buffer.data(), count, MPI_DOUBLE, status.MPI_SOURCE, kTagSpikes,
                     MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            route(buffer.data() + 1, count - 1);
            double& p = progress[static_cast<std::size_t>(status.MPI_SOURCE)];
            p = std::max(p, buffer[0]);
            if (buffer[0] == kInfinity)
                ++finished_sources;
            return true;
        };
        const double local_delay = min_delay_[static_cast<std::size_t>(rank_)];
        for (;;) {
            while (receive(false)) {
            }
            double horizon = kInfinity;
            for (int r : source_ranks_)
                horizon = std::min(horizon, progress[static_cast<std::size_t>(r)] +
                                                min_delay_[static_cast<std::size_t>(r)]);
            bool moved = false;
            // Local connections: the horizon follows this rank's own progress.
            for (;;) {
                const double h = std::min(horizon, local_progress() + local_delay);
                const bool m = sweep(h);
                moved = moved || m;
                if (!m || local_delay == kInfinity)
                    break;
            }
            const double mine = local_progress();
            show_progress(mine);
            for (int r : dependents_) {
                std::vector<double>& box = outbox_[r];
                if (box.empty() && !(mine > sent[static_cast<std::size_t>(r)]))
                    continue;
                std::vector<double> message;
                message.reserve(box.size() + 1);
                message.push_back(mine);
                message.insert(message.end(), box.begin(), box.end());
                box.clear();
                sent[static_cast<std::size_t>(r)] = mine;
                sends.emplace_back(MPI_REQUEST_NULL, std::move(message));
                auto& [request, data] = sends.back();
                MPI_Isend(data.data(), static_cast<int>(data.size()), MPI_DOUBLE, r, kTagSpikes,
                          MPI_COMM_WORLD, &request);
                ++statistics_.messages;
            }
            // Completed sends free their buffers.
            for (auto it = sends.begin(); it != sends.end();) {
                int done = 0;
                MPI_Test(&it->first, &done, MPI_STATUS_IGNORE);
                it = done ? sends.erase(it) : std::next(it);
            }
            if (mine == kInfinity && finished_sources == source_ranks_.size())
                break;
            if (!moved) {
                if (finished_sources == source_ranks_.size())
                    throw std::runtime_error("internal error: rank " + std::to_string(rank_) +
                                             " cannot advance and waits for nobody");
                receive(true);
            }
        }
        for (auto& [request, data] : sends)
            MPI_Wait(&request, MPI_STATUS_IGNORE);
        // Messages from ranks this one does not depend on cannot exist (they come only from
        // source ranks), so nothing is left unreceived.
    }

    // ------------------------------------------------------------------------------------
    // Bulk-synchronous exchange

    // Epochs of half the shortest delay, each epoch's exchange overlapped with the next one's
    // integration. The spikes of epoch k are final times at or after the progress every rank
    // had confirmed at the end of epoch k - 2 (`before`), so they act at or after before + d:
    // epoch k + 1 runs to that while they travel, and they are routed after it. Each exchange
    // is one small collective (every rank's count and progress, blocking) and one
    // MPI_Ialltoallv of the spikes, completed after the next epoch's integration.
    void run_bsp() {
        const double d = global_min_delay_;
        // The fixed step needs t + dt < horizon, a grouped delivery e + window < horizon: an
        // epoch shorter than twice that could not move a cell.
        const double grain = options_.run.method == run::Method::Fixed ? options_.run.dt
                                                                         : options_.run.event_window;
        const double epoch = std::max(0.5 * d, 2 * grain);
        struct Round {
            std::vector<double> out, in;
            std::vector<int> counts, displacements, in_counts, in_displacements;
            MPI_Request request = MPI_REQUEST_NULL;
        };
        const auto ranks = static_cast<std::size_t>(size_);
        Round rounds[2];
        for (Round& r : rounds)
            for (auto* v : {&r.counts, &r.displacements, &r.in_counts, &r.in_displacements})
                v->assign(ranks, 0);
        std::vector<double> header(2 * ranks), in_header(2 * ranks);
        int which = 0;
        bool in_flight = false;
        double before = 0, last = 0; // the least progress at the ends of the last two epochs
        for (;;) {
            const double horizon = std::min(before + d, last + epoch);
            // Local spikes made during the epoch land at or after the horizon: one pass each
            // time the local cells' progress moves the local part of it.
            for (;;) {
                const double local = local_progress() + min_delay_[static_cast<std::size_t>(rank_)];
                if (!sweep(std::min(horizon, local)) || !(local < horizon))
                    break;
            }
            const double t0 = now();
            if (in_flight) { // the last epoch's spikes, received while this one ran
                Round& previous = rounds[which ^ 1];
                MPI_Wait(&previous.request, MPI_STATUS_IGNORE);
                route(previous.in.data(), static_cast<int>(previous.in.size()));
                in_flight = false;
            }
            Round& r = rounds[which];
            r.out.clear();
            const double mine = local_progress();
            for (std::size_t q = 0; q < ranks; ++q) {
                r.displacements[q] = static_cast<int>(r.out.size());
                std::vector<double>& box = outbox_[static_cast<int>(q)];
                r.out.insert(r.out.end(), box.begin(), box.end());
                r.counts[q] = static_cast<int>(box.size());
                box.clear();
                header[2 * q] = r.counts[q];
                header[2 * q + 1] = mine;
            }
            MPI_Alltoall(header.data(), 2, MPI_DOUBLE, in_header.data(), 2, MPI_DOUBLE,
                         MPI_COMM_WORLD);
            int total = 0;
            double least = kInfinity;
            for (std::size_t q = 0; q < ranks; ++q) {
                r.in_counts[q] = static_cast<int>(in_header[2 * q]);
                r.in_displacements[q] = total;
                total += r.in_counts[q];
                least = std::min(least, in_header[2 * q + 1]);
            }
            r.in.resize(static_cast<std::size_t>(total));
            MPI_Ialltoallv(r.out.data(), r.counts.data(), r.displacements.data(), MPI_DOUBLE,
                           r.in.data(), r.in_counts.data(), r.in_displacements.data(), MPI_DOUBLE,
                           MPI_COMM_WORLD, &r.request);
            ++statistics_.messages;
            if (least == kInfinity) {
                MPI_Wait(&r.request, MPI_STATUS_IGNORE);
                route(r.in.data(), total);
                statistics_.wait_seconds += now() - t0;
                break;
            }
            statistics_.wait_seconds += now() - t0;
            show_progress(least);
            before = last;
            last = least;
            in_flight = true;
            which ^= 1;
        }
    }

    // ------------------------------------------------------------------------------------
    // Results

    void gather(Result& result) {
        // Statistics: sums, and the longest wait.
        double device_memory = 0, device_waits = 0, device_launches = 0;
        if (engine_) {
            statistics_.steps += engine_->cell_steps();
            statistics_.events += engine_->events();
            device_memory = engine_->memory_bytes();
            device_waits = engine_->waits();
            device_launches = engine_->launches();
        }
        for (const auto& c : cells_) {
            statistics_.steps += static_cast<double>(c->steps);
            statistics_.events += static_cast<double>(c->events);
            if (c->bdf)
                statistics_.restarts += static_cast<double>(c->bdf->statistics().restarts);
        }
        statistics_.cells = static_cast<double>(cells_.size());
        double sums[11] = {statistics_.cells,  statistics_.connections, statistics_.steps,
                           statistics_.events, statistics_.spikes,      statistics_.messages,
                           statistics_.restarts, statistics_.memory_bytes, device_memory,
                           device_waits, device_launches};
        double totals[11] = {};
        MPI_Reduce(sums, totals, 11, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        double times[4] = {statistics_.build_seconds, statistics_.initialize_seconds,
                           statistics_.run_seconds, statistics_.wait_seconds};
        double longest[4] = {};
        MPI_Reduce(times, longest, 4, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
        Statistics& s = result.statistics;
        s.cells = totals[0];
        s.connections = totals[1];
        s.steps = totals[2];
        s.events = totals[3];
        s.spikes = totals[4];
        s.messages = totals[5];
        s.restarts = totals[6];
        s.memory_bytes = totals[7];
        s.device_memory_bytes = totals[8];
        s.device_waits = totals[9];
        s.device_launches = totals[10];
        s.device = statistics_.device;
        s.build_seconds = longest[0];
        s.initialize_seconds = longest[1];
        s.run_seconds = longest[2];
        s.wait_seconds = longest[3];
        s.imbalance = statistics_.imbalance;
        // Spikes on rank 0, sorted.
        std::vector<double> mine;
        for (const run::Spike& spike : spikes_) {
            mine.push_back(spike.gid);
            mine.push_back(spike.time);
        }
        std::vector<double> all = gather_doubles(mine);
        for (std::size_t k = 0; k + 1 < all.size(); k += 2)
            result.spikes.push_back({static_cast<int>(all[k]), all[k + 1]});
        std::sort(result.spikes.begin(), result.spikes.end(),
                  [](const run::Spike& a, const run::Spike& b) {
                      return a.time != b.time ? a.time < b.time : a.gid < b.gid;
                  });
        // Traces: (gid, record, count, values...) per sampled variable.
        std::vector<double> traces;
        for (const auto& c : cells_)
            for (const Sampled& sampled : c->samples) {
                traces.push_back(static_cast<double>(c->gid));
                traces.push_back(static_cast<double>(sampled.record));
                traces.push_back(static_cast<double>(sampled.values.size()));
                traces.insert(traces.end(), sampled.values.begin(), sampled.values.end());
            }
        std::vector<double> every = gather_doubles(traces);
        struct Piece {
            long gid;
            std::size_t record;
            std::vector<double> values;
        };
        std::vector<Piece> pieces;
        for (std::size_t k = 0; k + 2 < every.size();) {
            Piece p{static_cast<long>(every[k]), static_cast<std::size_t>(every[k + 1]), {}};
            const auto n = static_cast<std::size_t>(every[k + 2]);
            p.values.assign(every.begin() + static_cast<long>(k + 3),
                            every.begin() + static_cast<long>(k + 3 + n));
            pieces.push_back(std::move(p));
            k += 3 + n;
        }
        std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
            return a.record != b.record ? a.record < b.record : a.gid < b.gid;
        });
        for (Piece& p : pieces) {
            const int population = population_of(p.gid);
            const app::Population& pop = model_.populations[static_cast<std::size_t>(population)];
            const app::NetworkRecord& r = model_.records[p.record];
            result.traces.push_back({pop.name + "[" + std::to_string(p.gid - pop.first_gid) + "]." +
                                         r.variable.label,
                                     p.record, population, p.gid - pop.first_gid, r.interval,
                                     std::move(p.values)});
        }
    }

    // Every rank's values, concatenated in rank order on rank 0.
    std::vector<double> gather_doubles(const std::vector<double>& mine) {
        int count = static_cast<int>(mine.size());
        std::vector<int> counts(static_cast<std::size_t>(size_)), displacements(static_cast<std::size_t>(size_));
        MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
        int total = 0;
        for (int r = 0; r < size_; ++r) {
            displacements[static_cast<std::size_t>(r)] = total;
            total += counts[static_cast<std::size_t>(r)];
        }
        std::vector<double> all(rank_ == 0 ? static_cast<std::size_t>(total) : 0);
        MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), displacements.data(),
                    MPI_DOUBLE, 0, MPI_COMM_WORLD);
        return all;
    }

    app::NetworkModel model_;
    Options options_;
    int rank_ = 0, size_ = 1;
    double tstop_ = 0;
    std::uint64_t seed_ = 1;
    Assignment assignment_; // every gid's rank and index there
    std::vector<SynapseKind> kinds_; // Target::kind's
    std::vector<std::unique_ptr<LocalCell>> cells_;
    std::vector<std::unique_ptr<app::CellModel>> owned_models_;
    // Incoming connections by source gid: sources_[k]'s are targets_[source_begin_[k]] ..
    std::vector<long> sources_;
    std::vector<std::size_t> source_begin_;
    std::vector<Target> targets_;
    std::uint64_t hash_ = 0;
    std::vector<double> min_delay_;           // per source rank; this rank's own: local links
    double global_min_delay_ = kInfinity;
    std::vector<std::vector<int>> dependents_of_; // per local cell: the ranks its spikes go to
    std::vector<int> dependents_, source_ranks_;
    std::map<int, std::vector<double>> outbox_; // per rank: (gid, time) pairs to send
    std::vector<run::Spike> spikes_;
    Statistics statistics_;
    std::unique_ptr<device::CellEngine> engine_;
    std::vector<device::CellEngine::Incoming> inbox_; // spikes for the engine's next steps
    std::vector<std::pair<std::size_t, std::size_t>> engine_samples_; // (local cell, sample)
    std::vector<std::vector<double>> engine_values_;
    double next_report_ = 0;
};

} // namespace

Result simulate(const app::NetworkModel& model, const Options& options) {
    return Simulation(model, options).run();
}

} // namespace ranvier::network
