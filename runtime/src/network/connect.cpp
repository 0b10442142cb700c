// Counter-based draws of a network's connections and values (see connect.h).
#include "ranvier/network/connect.h"

#include "ranvier/kernel/random.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace ranvier::network {

std::uint64_t stream(Purpose purpose, std::uint64_t index, std::uint64_t gid) {
    return (static_cast<std::uint64_t>(purpose) << 56) | ((index & 0xFFFFFFu) << 32) |
           (gid & 0xFFFFFFFFu);
}

double uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw) {
    const kernel::Philox4x32 w = kernel::random_words(seed, stream, draw);
    return kernel::open_unit(w.v[0], w.v[1]);
}

double normal(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw) {
    const kernel::Philox4x32 w = kernel::random_words(seed, stream, draw);
    const double radius = std::sqrt(-2.0 * std::log(kernel::open_unit(w.v[0], w.v[1])));
    return radius * std::cos(6.283185307179586 * kernel::open_unit(w.v[2], w.v[3]));
}

double sample(const app::Distribution& d, std::uint64_t seed, std::uint64_t stream,
              std::uint64_t first, const std::string& what) {
    using K = app::DistributionKind;
    if (d.kind == K::Constant)
        return d.a;
    for (std::uint64_t attempt = 0; attempt < 64; ++attempt) {
        const std::uint64_t draw = first + attempt;
        double x = 0;
        switch (d.kind) {
        case K::Constant:
            break;
        case K::Normal:
            x = d.a + d.b * normal(seed, stream, draw);
            break;
        case K::LogNormal:
            x = d.scale * std::exp(d.a + d.b * normal(seed, stream, draw));
            break;
        case K::Uniform:
            x = d.a + (d.b - d.a) * uniform(seed, stream, draw);
            break;
        case K::Exponential:
            x = -d.a * std::log(uniform(seed, stream, draw));
            break;
        }
        if (x >= d.low && x <= d.high)
            return x;
    }
    throw std::runtime_error(what + ": 64 draws in a row fell outside the bounds [" +
                             std::to_string(d.low) + ", " + std::to_string(d.high) + "]");
}

namespace {

// Draws per connection: each weight and the delay get 64 (for clipped distributions).
constexpr std::uint64_t kDrawsPerValue = 64;

// A uniform integer in [0, n) from one draw.
long pick(std::uint64_t seed, std::uint64_t s, std::uint64_t draw, long n) {
    const long k = static_cast<long>(uniform(seed, s, draw) * static_cast<double>(n));
    return std::min(k, n - 1);
}

} // namespace

ProjectionDraw::ProjectionDraw(const app::NetworkModel& model, std::size_t index,
                               bool (*local)(long, void*), void* context)
    : model_(model), index_(index), p_(model.projections[index]),
      weight_what_("the weight of projection " + p_.label),
      delay_what_("the delay of projection " + p_.label) {
    const app::Population& from = model.populations[static_cast<std::size_t>(p_.source.population)];
    const app::Population& to = model.populations[static_cast<std::size_t>(p_.target.population)];
    source_first_gid_ = from.first_gid + p_.source.first;
    target_first_gid_ = to.first_gid + p_.target.first;
    sources_ = p_.source.last - p_.source.first + 1;
    targets_ = p_.target.last - p_.target.first + 1;
    const std::uint64_t seed = model.seed;
    switch (p_.rule) {
    case app::Rule::FixedTotalNumber: {
        // Each connection k goes to a uniform target; every rank makes the same N draws.
        counts_.assign(static_cast<std::size_t>(targets_), 0);
        const std::uint64_t s = stream(Purpose::Totals, index, 0);
        const auto n = static_cast<std::uint64_t>(p_.number);
        for (std::uint64_t k = 0; k < n; ++k)
            ++counts_[static_cast<std::size_t>(pick(seed, s, k, targets_))];
        break;
    }
    case app::Rule::FixedOutdegree: {
        per_target_.resize(static_cast<std::size_t>(targets_));
        const auto n = static_cast<long>(p_.number);
        for (long i = 0; i < sources_; ++i) {
            const long source = source_first_gid_ + i;
            const std::uint64_t s = stream(Purpose::Connections, index, static_cast<std::uint64_t>(source));
            std::unordered_set<long> chosen;
            std::uint64_t draw = 0;
            for (long m = 0; m < n; ++m) {
                long target = 0;
                for (;; ++draw) {
                    if (draw > 1000 + 100 * static_cast<std::uint64_t>(targets_))
                        throw std::runtime_error("projection " + p_.label +
                                                 " finds no allowed target for gid " +
                                                 std::to_string(source));
                    target = target_first_gid_ + pick(seed, s, draw, targets_);
                    if (!p_.autapses && target == source)
                        continue;
                    if (!p_.multapses && chosen.count(target))
                        continue;
                    break;
                }
                ++draw;
                if (!p_.multapses)
                    chosen.insert(target);
                if (local(target, context))
                    per_target_[static_cast<std::size_t>(target - target_first_gid_)].push_back(
                        {source, m, std::nan(""), std::nan("")});
            }
        }
        break;
    }
    case app::Rule::File: {
        per_target_.resize(static_cast<std::size_t>(targets_));
        std::ifstream in(p_.file);
        if (!in)
            throw std::runtime_error("cannot read connection file '" + p_.file + "'");
        std::string line;
        long number = 0;
        const app::Population& pf = from;
        const app::Population& pt = to;
        while (std::getline(in, line)) {
            ++number;
            const std::string where = p_.file + ":" + std::to_string(number) + ": ";
            const std::size_t hash = line.find('#');
            if (hash != std::string::npos)
                line.erase(hash);
            std::istringstream fields(line);
            double values[4];
            int count = 0;
            std::string word;
            while (fields >> word) {
                if (count == 4)
                    throw std::runtime_error(where + "a line is `source target [weight [delay]]`");
                char* end = nullptr;
                values[count] = std::strtod(word.c_str(), &end);
                if (end == word.c_str() || *end)
                    throw std::runtime_error(where + "'" + word + "' is not a number");
                ++count;
            }
            if (count == 0)
                continue;
            if (count < 2)
                throw std::runtime_error(where + "a line is `source target [weight [delay]]`");
            const double s = values[0], t = values[1];
            if (s != std::floor(s) || s < static_cast<double>(p_.source.first) ||
                s > static_cast<double>(p_.source.last))
                throw std::runtime_error(where + "the source is not a cell " +
                                         std::to_string(p_.source.first) + " to " +
                                         std::to_string(p_.source.last) + " of " + pf.name);
            if (t != std::floor(t) || t < static_cast<double>(p_.target.first) ||
                t > static_cast<double>(p_.target.last))
                throw std::runtime_error(where + "target is not a cell " +
                                         std::to_string(p_.target.first) + " to " +
                                         std::to_string(p_.target.last) + " of " + pt.name);
            if (count == 4 && !(values[3] > 0))
                throw std::runtime_error(where + "a delay must be positive");
            const long target = pt.first_gid + static_cast<long>(t);
            if (!local(target, context))
                continue;
            per_target_[static_cast<std::size_t>(target - target_first_gid_)].push_back(
                {pf.first_gid + static_cast<long>(s), number, count > 2 ? values[2] : std::nan(""),
                 count > 3 ? values[3] : std::nan("")});
        }
        break;
    }
    default:
        break;
    }
}

// The weights of one connection, and its delay: value k from draws base + k * 64 onwards.
double ProjectionDraw::values(std::uint64_t s, std::uint64_t base,
                              std::vector<double>& weights) const {
    const std::uint64_t seed = model_.seed;
    const std::size_t n = p_.weights.size();
    weights.resize(n);
    for (std::size_t k = 0; k < n; ++k)
        weights[k] = sample(p_.weights[k], seed, s, base + k * kDrawsPerValue, weight_what_);
    const double delay = sample(p_.delay, seed, s, base + n * kDrawsPerValue, delay_what_);
    if (!(delay > 0))
        throw std::runtime_error("projection " + p_.label + " drew a delay of " +
                                 std::to_string(delay) + " ms; delays must be positive");
    return delay;
}

std::vector<Connection> ProjectionDraw::incoming(long target) const {
    std::vector<Connection> result;
    result.resize(incoming(target, result));
    return result;
}

std::size_t ProjectionDraw::incoming(long target, std::vector<Connection>& result) const {
    std::size_t used = 0;
    const std::uint64_t seed = model_.seed;
    const long offset = target - target_first_gid_;
    const std::uint64_t connections = stream(Purpose::Connections, index_, static_cast<std::uint64_t>(target));
    const std::uint64_t weights = stream(Purpose::Weights, index_, static_cast<std::uint64_t>(target));
    const std::uint64_t per_connection = (p_.weights.size() + 1) * kDrawsPerValue;
    auto add = [&](long source, std::uint64_t s, std::uint64_t ordinal) {
        if (used == result.size())
            result.emplace_back();
        Connection& c = result[used++];
        c.source = source;
        c.delay = values(s, ordinal * per_connection, c.weights);
    };
    // Sources by index in the source selection; autapses skipped when not allowed.
    auto autapse = [&](long source) { return !p_.autapses && source == target; };
    switch (p_.rule) {
    case app::Rule::OneToOne:
        if (!autapse(source_first_gid_ + offset))
            add(source_first_gid_ + offset, weights, 0);
        break;
    case app::Rule::AllToAll: {
        std::uint64_t ordinal = 0;
        for (long i = 0; i < sources_; ++i)
            if (!autapse(source_first_gid_ + i))
                add(source_first_gid_ + i, weights, ordinal++);
        break;
    }
    case app::Rule::FixedIndegree:
    case app::Rule::FixedTotalNumber: {
        const long n = p_.rule == app::Rule::FixedIndegree
                           ? static_cast<long>(p_.number)
                           : counts_[static_cast<std::size_t>(offset)];
        std::unordered_set<long> chosen;
        std::uint64_t draw = 0;
        for (long m = 0; m < n; ++m) {
            long source = 0;
            for (;; ++draw) {
                if (draw > 1000 + 100 * static_cast<std::uint64_t>(sources_))
                    throw std::runtime_error("projection " + p_.label +
                                             " finds no allowed source for gid " +
                                             std::to_string(target));
                source = source_first_gid_ + pick(seed, connections, draw, sources_);
                if (autapse(source) || (!p_.multapses && chosen.count(source)))
                    continue;
                break;
            }
            ++draw;
            if (!p_.multapses)
                chosen.insert(source);
            add(source, weights, static_cast<std::uint64_t>(m));
        }
        break;
    }
    case app::Rule::PairwiseBernoulli: {
        // Geometric gaps between the chosen sources: about p * sources draws, not sources.
        const double p = p_.number;
        if (p <= 0)
            break;
        std::uint64_t ordinal = 0, draw = 0;
        const double log_q = std::log1p(-p);
        for (long i = 0; i < sources_; ++i, ++draw) {
            if (p < 1) {
                const double gap = std::floor(std::log(uniform(seed, connections, draw)) / log_q);
                if (gap >= static_cast<double>(sources_ - i))
                    break;
                i += static_cast<long>(gap);
            }
            if (!autapse(source_first_gid_ + i))
                add(source_first_gid_ + i, weights, ordinal++);
        }
        break;
    }
    case app::Rule::FixedOutdegree:
        for (const Incoming& in : per_target_[static_cast<std::size_t>(offset)])
            add(in.source, stream(Purpose::Outgoing, index_, static_cast<std::uint64_t>(in.source)),
                static_cast<std::uint64_t>(in.ordinal));
        break;
    case app::Rule::File: {
        std::uint64_t ordinal = 0;
        for (const Incoming& in : per_target_[static_cast<std::size_t>(offset)]) {
            add(in.source, weights, ordinal++);
            Connection& c = result[used - 1];
            if (!std::isnan(in.weight) && !c.weights.empty())
                c.weights[0] = in.weight;
            if (!std::isnan(in.delay))
                c.delay = in.delay;
        }
        break;
    }
    }
    return used;
}

} // namespace ranvier::network
