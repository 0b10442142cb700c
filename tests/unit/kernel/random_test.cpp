// The kernels' random numbers: Philox4x32-10 matches the known-answer vectors published with
// the generator (Random123's kat_vectors), and the variates have the moments of their laws.
#include "ranvier/kernel/random.h"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

namespace ranvier::kernel {
namespace {

void expect_words(Philox4x32 got, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    EXPECT_EQ(got.v[0], a);
    EXPECT_EQ(got.v[1], b);
    EXPECT_EQ(got.v[2], c);
    EXPECT_EQ(got.v[3], d);
}

TEST(Philox, KnownAnswers) {
    expect_words(philox4x32_10({{0, 0, 0, 0}}, 0, 0), 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu,
                 0x9b00dbd8u);
    expect_words(philox4x32_10({{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}}, 0xffffffffu,
                               0xffffffffu),
                 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu);
    expect_words(philox4x32_10({{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}}, 0xa4093822u,
                               0x299f31d0u),
                 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u);
}

TEST(Philox, StreamsAndDrawsDiffer) {
    std::set<double> seen;
    for (int stream = 0; stream < 100; ++stream)
        for (int draw = 0; draw < 100; ++draw)
            seen.insert(random_uniform(42, stream, draw));
    EXPECT_EQ(seen.size(), 10000u);
    EXPECT_NE(random_uniform(1, 0, 0), random_uniform(2, 0, 0));
    // Seeds above 2^32 reach the key's high word.
    EXPECT_NE(random_uniform(1, 0, 0), random_uniform(1 + 4294967296.0, 0, 0));
}

struct Moments {
    double mean = 0, variance = 0, min = INFINITY, max = -INFINITY;
};

template <class F> Moments moments(F draw, int n) {
    double sum = 0, sum2 = 0;
    Moments m;
    for (int k = 0; k < n; ++k) {
        double x = draw(k);
        sum += x;
        sum2 += x * x;
        m.min = std::fmin(m.min, x);
        m.max = std::fmax(m.max, x);
    }
    m.mean = sum / n;
    m.variance = sum2 / n - m.mean * m.mean;
    return m;
}

// With n = 200000, the sample mean's standard error is sd / 447: tolerances are about 5 of them.
TEST(Philox, Distributions) {
    const int n = 200000;
    Moments u = moments([](int k) { return random_uniform(7, 3, k); }, n);
    EXPECT_NEAR(u.mean, 0.5, 0.0035);
    EXPECT_NEAR(u.variance, 1.0 / 12, 0.002);
    EXPECT_GT(u.min, 0.0);
    EXPECT_LT(u.max, 1.0);
    Moments e = moments([](int k) { return random_exponential(7, 4, k); }, n);
    EXPECT_NEAR(e.mean, 1.0, 0.012);
    EXPECT_NEAR(e.variance, 1.0, 0.05);
    EXPECT_GT(e.min, 0.0);
    Moments g = moments([](int k) { return random_normal(7, 5, k); }, n);
    EXPECT_NEAR(g.mean, 0.0, 0.012);
    EXPECT_NEAR(g.variance, 1.0, 0.02);
}

TEST(Philox, OpenUnitIntervalEnds) {
    EXPECT_GT(open_unit(0, 0), 0.0);
    EXPECT_LT(open_unit(0xffffffffu, 0xffffffffu), 1.0);
    EXPECT_TRUE(std::isfinite(-std::log(open_unit(0, 0))));
}

} // namespace
} // namespace ranvier::kernel
