// Sampled recordings (run::Sampling): every method samples at k * interval up to tstop, and the
// variable-step methods read v from their dense output between steps; and the event times of
// the stimuli the executables of `ranvier build` generate (app::stimulus_times).
#include "ranvier/app/cell_app.h"
#include "ranvier/run/run.h"

#include <cmath>
#include <gtest/gtest.h>

extern "C" const rv_mechanism rv_mechanism_pas;

namespace ranvier {
namespace {

// A passive soma relaxing from v_init to e_pas with tau = cm / g = 1 ms: v(t) = e + (v0 - e)
// exp(-t / tau).
std::vector<std::pair<double, double>> relax(run::Method method, double interval) {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1}}, error);
    cell::Cell c(*cable, 6.3);
    const int soma = c.cable().node_at(0, 0.5);
    const int p = c.insert(rv_mechanism_pas, soma);
    cell::MechanismSet& set = c.mechanism(rv_mechanism_pas);
    set.at(set.field("g"), p) = 1e-3;
    set.at(set.field("e"), p) = -70;
    run::Options options;
    options.method = method;
    options.tstop = 5;
    options.v_init = -50;
    options.dt = 0.0005;
    options.rtol = options.atol = 1e-10;
    std::vector<std::pair<double, double>> samples;
    run::Sampling sampling{interval, [&](double t) {
                               samples.emplace_back(t, c.v()[static_cast<std::size_t>(soma)]);
                           }};
    run::Result r = run::run(c, options, {}, {}, sampling);
    EXPECT_TRUE(r.failure.empty()) << r.failure;
    return samples;
}

TEST(Sampling, EveryMethodSamplesTheAnalyticSolution) {
    for (run::Method method : {run::Method::Fixed, run::Method::Bdf, run::Method::Cvode}) {
        const std::vector<std::pair<double, double>> samples = relax(method, 0.1);
        ASSERT_EQ(samples.size(), 51u) << static_cast<int>(method);
        double worst = 0;
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const auto [t, v] = samples[k];
            EXPECT_DOUBLE_EQ(t, 0.1 * static_cast<double>(k));
            worst = std::max(worst, std::fabs(v - (-70 + 20 * std::exp(-t))));
        }
        // Backward Euler at dt 0.0005 ms is first order: about dt/2 * max|v''| = 5e-3 mV.
        EXPECT_LT(worst, method == run::Method::Fixed ? 6e-3 : 1e-6) << static_cast<int>(method);
    }
}

TEST(Sampling, NoneWithoutAnInterval) {
    EXPECT_TRUE(relax(run::Method::Bdf, 0).empty());
}

app::Stimulus stimulus(app::StimulusKind kind) {
    app::Stimulus s{"s", kind, {}, 0, 1e300, 10, 10, 1e300, 0, {}, 0};
    return s;
}

TEST(StimulusTimes, RegularTimesStopAtTheNumberStopAndTstop) {
    app::Stimulus s = stimulus(app::StimulusKind::Regular);
    s.start = 5;
    s.interval = 10;
    s.number = 3;
    EXPECT_EQ(app::stimulus_times(s, 100, 1, 0), (std::vector<double>{5, 15, 25}));
    s.number = 1e300;
    s.stop = 40;
    EXPECT_EQ(app::stimulus_times(s, 100, 1, 0), (std::vector<double>{5, 15, 25, 35}));
    EXPECT_EQ(app::stimulus_times(s, 20, 1, 0), (std::vector<double>{5, 15}));
}

TEST(StimulusTimes, ListedTimesUpToTstop) {
    app::Stimulus s = stimulus(app::StimulusKind::Times);
    s.times = {1, 2, 50};
    EXPECT_EQ(app::stimulus_times(s, 10, 1, 0), (std::vector<double>{1, 2}));
}

TEST(StimulusTimes, PoissonHasItsRateAndDependsOnlyOnSeedAndStream) {
    app::Stimulus s = stimulus(app::StimulusKind::Poisson);
    s.rate = 50; // Hz
    s.start = 100;
    const std::vector<double> a = app::stimulus_times(s, 100100, 7, 3);
    // 5000 events expected over 100 s: within 4 standard deviations (sqrt 5000 = 71).
    EXPECT_NEAR(static_cast<double>(a.size()), 5000, 4 * 71);
    EXPECT_GT(a.front(), 100);
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
    EXPECT_EQ(a, app::stimulus_times(s, 100100, 7, 3));
    EXPECT_NE(a, app::stimulus_times(s, 100100, 8, 3));
    EXPECT_NE(a, app::stimulus_times(s, 100100, 7, 4));
    // The intervals are exponential: their mean is 1 / rate, their CV 1.
    double sum = 0, squares = 0;
    for (std::size_t k = 1; k < a.size(); ++k) {
        const double d = a[k] - a[k - 1];
        sum += d;
        squares += d * d;
    }
    const double n = static_cast<double>(a.size() - 1), mean = sum / n;
    EXPECT_NEAR(mean, 20, 1.2);
    EXPECT_NEAR(std::sqrt(squares / n - mean * mean) / mean, 1, 0.06);
}

} // namespace
} // namespace ranvier
