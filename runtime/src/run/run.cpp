// Running a cell with a chosen method (see run.h).
#include "ranvier/run/run.h"

#include "ranvier/integrate/bdf_cell.h"
#include "ranvier/integrate/cvode.h"
#include "ranvier/integrate/fixed_step.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>
#include <sstream>

namespace ranvier::run {

namespace {

void sort_spikes(std::vector<Spike>& spikes) {
    std::sort(spikes.begin(), spikes.end(), [](const Spike& a, const Spike& b) {
        return a.time != b.time ? a.time < b.time : a.gid < b.gid;
    });
}

// The sample times, k * interval for k = 0, 1, ... while at most tstop.
class Sampler {
  public:
    Sampler(const Sampling& sampling, double tstop) : sampling_(sampling), tstop_(tstop) {}
    // The next sample time, if any is due by `t` (within round-off of a step's end).
    std::optional<double> due(double t, double slack) const {
        if (sampling_.interval <= 0 || !sampling_.sample)
            return std::nullopt;
        const double next = static_cast<double>(count_) * sampling_.interval;
        if (next > tstop_ * (1 + 1e-12) || next > t + slack)
            return std::nullopt;
        return next;
    }
    void take(double t) {
        sampling_.sample(t);
        ++count_;
    }

  private:
    const Sampling& sampling_;
    double tstop_;
    long count_ = 0;
};

Result run_fixed(cell::Cell& cell, const Options& options, const std::vector<Detector>& detectors,
                 const std::function<void()>& after_initialize, const Sampling& sampling) {
    Result result;
    integrate::FixedStep solver(cell, {options.dt, options.secondorder});
    solver.initialize(options.v_init);
    if (after_initialize)
        after_initialize();
    Sampler sampler(sampling, options.tstop);
    // Each sample from the step end nearest it (so also when dt does not divide tstop).
    const double slack = 0.5 * options.dt * (1 - 1e-9);
    while (std::optional<double> t = sampler.due(cell.t(), slack))
        sampler.take(*t);
    std::vector<double> before;
    for (const Detector& d : detectors)
        before.push_back(cell.v()[static_cast<std::size_t>(d.where.node)]);
    const long steps = std::lround(options.tstop / options.dt);
    for (long n = 0; n < steps; ++n) {
        if (!solver.step()) {
            result.failure = solver.failure();
            break;
        }
        for (std::size_t k = 0; k < detectors.size(); ++k) {
            const double v = cell.v()[static_cast<std::size_t>(detectors[k].where.node)];
            const double threshold = detectors[k].where.threshold;
            if (before[k] < threshold && v >= threshold)
                result.spikes.push_back(
                    {detectors[k].gid, cell.t() - options.dt * (v - threshold) / (v - before[k])});
            before[k] = v;
        }
        while (std::optional<double> t = sampler.due(cell.t(), slack))
            sampler.take(*t);
    }
    result.statistics = "steps " + std::to_string(steps);
    return result;
}

// A variable-step run: initialise, send the input, advance, then its spikes and statistics.
template <class Solver>
void run_variable(Solver& solver, const Options& options, const std::vector<Detector>& detectors,
                  const std::function<void()>& after_initialize, const Sampling& sampling,
                  Result& result) {
    solver.initialize(options.v_init);
    if (after_initialize)
        after_initialize();
    Sampler sampler(sampling, options.tstop);
    const double slack = 1e-9 * sampling.interval;
    if (std::optional<double> t = sampler.due(0, 0)) {
        solver.restore(); // the start may have left the cell at a trial state
        sampler.take(*t);
    }
    // Only with samples to take: the hook makes CVODE return after every step.
    if (sampling.interval > 0 && sampling.sample)
        solver.on_step([&](double, double t_after) {
            std::optional<double> t = sampler.due(t_after, slack);
            if (!t)
                return;
            for (; t; t = sampler.due(t_after, slack)) {
                solver.show(*t);
                sampler.take(*t);
            }
            solver.restore();
        });
    if (!solver.advance(options.tstop))
        result.failure = solver.failure();
    for (const auto& [k, time] : solver.detections())
        result.spikes.push_back({detectors[k].gid, time});
    const auto s = solver.statistics();
    std::ostringstream stats;
    stats << "steps " << s.steps << " rhs " << s.rhs_evaluations << " jacobians "
          << s.jacobian_evaluations << " newton " << s.newton_iterations << " error_test_failures "
          << s.error_test_failures;
    if constexpr (requires { s.steps_at_order; }) {
        stats << " orders";
        for (std::size_t q = 1; q < s.steps_at_order.size(); ++q)
            stats << (q == 1 ? " " : "/") << s.steps_at_order[q];
    }
    result.statistics = stats.str();
}

} // namespace

Result run(cell::Cell& cell, const Options& options, const std::vector<Detector>& detectors,
           const std::function<void()>& after_initialize, const Sampling& sampling) {
    const auto start = std::chrono::steady_clock::now();
    Result result;
    std::vector<integrate::Detector> where;
    for (const Detector& d : detectors)
        where.push_back(d.where);
    if (options.method == Method::Fixed) {
        result = run_fixed(cell, options, detectors, after_initialize, sampling);
    } else if (options.method == Method::Bdf) {
        integrate::BdfCellOptions o;
        o.bdf.rtol = options.rtol;
        o.bdf.atol = options.atol;
        o.event_window = options.event_window;
        o.detectors = where;
        integrate::BdfCell solver(cell, o);
        run_variable(solver, options, detectors, after_initialize, sampling, result);
    } else {
        integrate::CvodeOptions o;
        o.rtol = options.rtol;
        o.atol = options.atol;
        o.event_window = options.event_window;
        o.detectors = where;
        integrate::Cvode solver(cell, o);
        run_variable(solver, options, detectors, after_initialize, sampling, result);
    }
    sort_spikes(result.spikes);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

void write_spikes(std::ostream& out, const std::vector<Spike>& spikes) {
    std::vector<Spike> sorted = spikes;
    sort_spikes(sorted);
    out << "gid\ttime_ms\n";
    char time[32];
    for (const Spike& s : sorted) {
        std::snprintf(time, sizeof time, "%.17g", s.time);
        out << s.gid << '\t' << time << '\n';
    }
}

} // namespace ranvier::run
