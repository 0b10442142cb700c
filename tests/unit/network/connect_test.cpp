// Network construction (runtime/network/connect.h): every rule makes the connections it
// promises, distributions have their moments and bounds, and what a rank draws for a target
// does not depend on which other cells the rank owns.
#include "ranvier/network/connect.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace ranvier::network {
namespace {

using app::Distribution;
using app::DistributionKind;
using app::Rule;

// Two populations: a (gids 0..59) and b (gids 60..99); no cells are built here.
app::NetworkModel model(Rule rule, double number, bool autapses = true, bool multapses = true,
                        int source = 0, int target = 1) {
    app::NetworkModel m;
    m.seed = 11;
    m.populations = {{"a", 0, 60, 0, {}}, {"b", 0, 40, 60, {}}};
    const long source_count = m.populations[static_cast<std::size_t>(source)].count;
    const long target_count = m.populations[static_cast<std::size_t>(target)].count;
    app::Projection p{"p", {source, 0, source_count - 1}, {target, 0, target_count - 1}, 0, rule,
                      number, autapses, multapses, "", {}, {}};
    p.weights = {{DistributionKind::Normal, 1, 0.1, 1, 0.8, 1.2}};
    p.delay = {DistributionKind::Uniform, 1, 3, 1, -1e300, 1e300};
    m.projections.push_back(p);
    return m;
}

bool all(long, void*) { return true; }
bool even(long gid, void*) { return gid % 2 == 0; }

// Every target's incoming connections, as one rank owning every cell draws them.
std::map<long, std::vector<Connection>> draw(const app::NetworkModel& m,
                                             bool (*local)(long, void*) = all) {
    ProjectionDraw d(m, 0, local, nullptr);
    const app::Projection& p = m.projections[0];
    const app::Population& to = m.populations[static_cast<std::size_t>(p.target.population)];
    std::map<long, std::vector<Connection>> result;
    for (long i = p.target.first; i <= p.target.last; ++i)
        if (local(to.first_gid + i, nullptr))
            result[to.first_gid + i] = d.incoming(to.first_gid + i);
    return result;
}

bool same(const std::vector<Connection>& a, const std::vector<Connection>& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (a[k].source != b[k].source || a[k].weights != b[k].weights || a[k].delay != b[k].delay)
            return false;
    return true;
}

TEST(Connect, EveryRuleIsIndependentOfThePartition) {
    for (Rule rule : {Rule::OneToOne, Rule::AllToAll, Rule::FixedIndegree, Rule::FixedOutdegree,
                      Rule::FixedTotalNumber, Rule::PairwiseBernoulli}) {
        app::NetworkModel m = model(rule, rule == Rule::PairwiseBernoulli ? 0.2 : 7, false, false,
                                    rule == Rule::OneToOne ? 1 : 0);
        auto whole = draw(m), half = draw(m, even);
        for (const auto& [gid, connections] : half)
            EXPECT_TRUE(same(connections, whole[gid])) << "rule " << static_cast<int>(rule);
    }
}

TEST(Connect, FixedIndegreeWithoutAutapsesOrMultapses) {
    auto in = draw(model(Rule::FixedIndegree, 39, false, false, 1, 1));
    for (const auto& [gid, connections] : in) {
        ASSERT_EQ(connections.size(), 39u);
        std::set<long> sources;
        for (const Connection& c : connections) {
            EXPECT_NE(c.source, gid);
            EXPECT_TRUE(sources.insert(c.source).second) << "a multapse onto " << gid;
            EXPECT_GE(c.source, 60);
            EXPECT_LT(c.source, 100);
        }
    }
}

TEST(Connect, FixedOutdegreeGivesEachSourceItsTargets) {
    auto in = draw(model(Rule::FixedOutdegree, 5, true, false));
    std::map<long, std::set<long>> out;
    for (const auto& [gid, connections] : in)
        for (const Connection& c : connections)
            EXPECT_TRUE(out[c.source].insert(gid).second);
    ASSERT_EQ(out.size(), 60u);
    for (const auto& [source, targets] : out)
        EXPECT_EQ(targets.size(), 5u) << source;
}

TEST(Connect, FixedTotalNumberAndAllToAll) {
    std::size_t total = 0;
    for (const auto& [gid, connections] : draw(model(Rule::FixedTotalNumber, 333)))
        total += connections.size();
    EXPECT_EQ(total, 333u);
    total = 0;
    for (const auto& [gid, connections] : draw(model(Rule::AllToAll, 0)))
        total += connections.size();
    EXPECT_EQ(total, 60u * 40u);
    // Without autapses, one fewer per cell of a population onto itself.
    total = 0;
    for (const auto& [gid, connections] : draw(model(Rule::AllToAll, 0, false, true, 1, 1)))
        total += connections.size();
    EXPECT_EQ(total, 40u * 39u);
}

TEST(Connect, OneToOne) {
    for (const auto& [gid, connections] : draw(model(Rule::OneToOne, 0, true, true, 1, 1))) {
        ASSERT_EQ(connections.size(), 1u);
        EXPECT_EQ(connections[0].source, gid);
    }
}

TEST(Connect, PairwiseBernoulliHasItsProbability) {
    app::NetworkModel m = model(Rule::PairwiseBernoulli, 0.1);
    m.populations[0].count = 2000;
    m.populations[1].first_gid = 2000;
    m.projections[0].source.last = 1999;
    std::size_t total = 0;
    for (const auto& [gid, connections] : draw(m)) {
        std::set<long> sources;
        for (const Connection& c : connections)
            EXPECT_TRUE(sources.insert(c.source).second);
        total += connections.size();
    }
    // 80000 pairs at p = 0.1: mean 8000, sd about 85.
    EXPECT_NEAR(static_cast<double>(total), 8000.0, 500.0);
}

TEST(Connect, WeightsAndDelaysFollowTheirDistributions) {
    double sum = 0, n = 0;
    for (const auto& [gid, connections] : draw(model(Rule::AllToAll, 0)))
        for (const Connection& c : connections) {
            EXPECT_GE(c.weights[0], 0.8);
            EXPECT_LE(c.weights[0], 1.2);
            EXPECT_GE(c.delay, 1);
            EXPECT_LE(c.delay, 3);
            sum += c.delay;
            ++n;
        }
    EXPECT_NEAR(sum / n, 2.0, 0.05);
}

TEST(Connect, SamplesHaveTheirMoments) {
    struct Case {
        Distribution d;
        double mean, sd;
    };
    const Case cases[] = {
        {{DistributionKind::Normal, 3, 2, 1, -1e300, 1e300}, 3, 2},
        {{DistributionKind::Uniform, -1, 1, 1, -1e300, 1e300}, 0, 1 / std::sqrt(3.0)},
        {{DistributionKind::Exponential, 2, 0, 1, -1e300, 1e300}, 2, 2},
        // exp(N(0, 0.5)) in a unit 1000 times smaller: mean exp(0.125) / 1000.
        {{DistributionKind::LogNormal, 0, 0.5, 1e-3, -1e300, 1e300}, std::exp(0.125) * 1e-3,
         1e-3 * std::sqrt((std::exp(0.25) - 1) * std::exp(0.25))},
    };
    for (const Case& c : cases) {
        double sum = 0, squares = 0;
        const int n = 40000;
        for (int k = 0; k < n; ++k) {
            const double x = sample(c.d, 5, 77, static_cast<std::uint64_t>(k) * 64, "x");
            sum += x;
            squares += x * x;
        }
        const double mean = sum / n, sd = std::sqrt(squares / n - mean * mean);
        EXPECT_NEAR(mean, c.mean, 4 * c.sd / std::sqrt(n)) << static_cast<int>(c.d.kind);
        EXPECT_NEAR(sd, c.sd, 0.03 * c.sd) << static_cast<int>(c.d.kind);
    }
    // Clipped: every value inside; bounds that nothing reaches are an error, not a hang.
    const Distribution clipped{DistributionKind::Normal, 0, 1, 1, -0.5, 0.5};
    for (int k = 0; k < 1000; ++k) {
        const double x = sample(clipped, 1, 2, static_cast<std::uint64_t>(k) * 64, "x");
        EXPECT_GE(x, -0.5);
        EXPECT_LE(x, 0.5);
    }
    const Distribution impossible{DistributionKind::Normal, 0, 1, 1, 50, 60};
    EXPECT_THROW(sample(impossible, 1, 2, 0, "the weight"), std::runtime_error);
}

TEST(Connect, ConnectionFiles) {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / "ranvier_connect_test.tsv";
    {
        std::ofstream out(file);
        out << "# source target weight delay\n0 1\n5 1 2.5\n7 39 0.5 4  # the last cell\n\n";
    }
    app::NetworkModel m = model(Rule::File, 0);
    m.projections[0].file = file.string();
    auto in = draw(m);
    ASSERT_EQ(in[61].size(), 2u);
    EXPECT_EQ(in[61][0].source, 0);
    EXPECT_EQ(in[61][1].source, 5);
    EXPECT_EQ(in[61][1].weights[0], 2.5);
    ASSERT_EQ(in[99].size(), 1u);
    EXPECT_EQ(in[99][0].delay, 4);
    EXPECT_EQ(in[99][0].weights[0], 0.5);
    EXPECT_TRUE(in[60].empty());
    {
        std::ofstream out(file);
        out << "0 1\n3 x\n";
    }
    try {
        draw(m);
        ADD_FAILURE() << "a bad line was read";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(":2: 'x' is not a number"), std::string::npos)
            << e.what();
    }
    {
        std::ofstream out(file);
        out << "0 40\n";
    }
    EXPECT_THROW(draw(m), std::runtime_error);
    std::filesystem::remove(file);
}

} // namespace
} // namespace ranvier::network
