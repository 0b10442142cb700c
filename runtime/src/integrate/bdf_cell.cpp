// BdfCell and DenseCellSystem (see bdf_cell.h).
#include "ranvier/integrate/bdf_cell.h"

#include "ranvier/cell/dense_lu.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ranvier::integrate {

// LU with partial pivoting of I - gamma J; J is evaluated only when `fresh`.
bool DenseCellSystem::setup(double t, const double* y, double gamma, bool fresh) {
    if (!dense_)
        return system_.setup_newton(t, y, gamma, fresh);
    const std::size_t n = system_.size();
    if (fresh || jacobian_.size() != n * n)
        system_.jacobian(t, y, jacobian_);
    lu_.assign(n * n, 0.0);
    for (std::size_t k = 0; k < n * n; ++k)
        lu_[k] = -gamma * jacobian_[k];
    for (std::size_t i = 0; i < n; ++i)
        lu_[i * n + i] += 1;
    return cell::lu_factor(lu_, pivot_, n);
}

void DenseCellSystem::solve(double* b) const {
    if (!dense_) {
        system_.solve_newton(b);
        return;
    }
    cell::lu_solve(lu_, pivot_, b, pivot_.size());
}

namespace {

// The integrator's options with each state's absolute-tolerance multiplier.
BdfOptions scaled(const BdfCellOptions& options, const CellSystem& system) {
    BdfOptions o = options.bdf;
    if (options.state_tolerances && o.atol_scale.empty())
        o.atol_scale = system.tolerance_scales();
    return o;
}

} // namespace

BdfCell::BdfCell(cell::Cell& cell, BdfCellOptions options)
    : cell_(cell), options_(options), system_(cell, options.dense_newton),
      bdf_(system_, scaled(options, system_.cell_system())) {}

void BdfCell::initialize(double v_init) {
    failure_.clear();
    spikes_.clear();
    detections_.clear();
    cell_.initialize(v_init);
    watches_ = cell_.has_watches();
    y_.assign(system_.size(), 0.0);
    detectors_ = options_.detectors;
    if (options_.spike_node >= 0)
        detectors_.insert(detectors_.begin(), {options_.spike_node, options_.threshold});
    detector_index_.clear();
    for (const Detector& d : detectors_) {
        // The potentials come first in y, in node order.
        std::size_t k = 0;
        for (int node = 0; node < d.node; ++node)
            k += cell_.cable().membrane()[static_cast<std::size_t>(node)] ? 1 : 0;
        if (!cell_.cable().membrane()[static_cast<std::size_t>(d.node)])
            throw std::invalid_argument("a spike detector at node " + std::to_string(d.node) +
                                        ", which has no membrane");
        detector_index_.push_back(k);
    }
    // A new run starts afresh: no history, order or statistics from an earlier one.
    bdf_.reset_statistics();
    system_.cell_system().gather(y_.data());
    // Starting evaluates the right-hand side at trial times, which leave the cell's t there.
    const double t0 = cell_.t();
    bdf_.start(t0, y_.data());
    start_ = end_ = t0;
    watch_pending_ = went_back_ = false;
}

// One step from bdf_.t() not past `stop`: its crossings found, and its end moved back to where a
// WATCH condition turned true inside it (bisection on the dense output; watch_pending_ set).
bool BdfCell::step_to(double stop) {
    const double t0 = bdf_.t();
    v_before_.clear();
    for (std::size_t k : detector_index_)
        v_before_.push_back(bdf_.y()[k]);
    if (!bdf_.step(stop)) {
        std::ostringstream message;
        const std::size_t k = bdf_.worst();
        message << "BDF: " << bdf_.failure() << "; worst in "
                << system_.cell_system().describe(k) << " = " << bdf_.y()[k];
        failure_ = message.str();
        return false;
    }
    start_ = t0;
    end_ = bdf_.t();
    if (watches_) {
        system_.cell_system().scatter(bdf_.t(), bdf_.y());
        if (cell_.watch_fires()) {
            double lo = t0, hi = bdf_.t();
            for (int i = 0; i < 60 && hi - lo > 1e-13 * std::max(1.0, std::fabs(hi)); ++i) {
                const double mid = 0.5 * (lo + hi);
                show(mid);
                (cell_.watch_fires() ? hi : lo) = mid;
            }
            end_ = hi;
            watch_pending_ = true;
        }
    }
    detect_spikes(t0, v_before_, end_);
    return true;
}

bool BdfCell::step_once(double limit) {
    std::optional<double> event = cell_.next_event();
    const double stop = event && *event < limit ? std::max(*event, end_) : limit;
    detections_.clear();
    return !(stop > end_) || step_to(stop);
}

void BdfCell::back_to(double t) {
    end_ = t;
    watch_pending_ = false;
    went_back_ = true;
    std::erase_if(detections_, [&](const auto& d) { return d.second >= t; });
}

void BdfCell::settle() {
    if (end_ < bdf_.t())
        show(end_);
    else
        restore();
    cell_.check_watches();
    std::optional<double> event = cell_.next_event();
    if (watch_pending_ || went_back_ || (event && *event <= end_)) {
        if (options_.event_window > 0)
            cell_.deliver(end_ + options_.event_window, end_);
        else
            cell_.deliver(end_);
        restart();
    }
    watch_pending_ = went_back_ = false;
    start_ = end_;
}

void BdfCell::restart() {
    system_.cell_system().gather(y_.data());
    if (options_.soft_restart && bdf_.statistics().steps > 0)
        bdf_.soft_restart(cell_.t(), y_.data());
    else
        bdf_.start(cell_.t(), y_.data());
    // Both evaluate the right-hand side away from y: the cell is left at y.
    system_.cell_system().scatter(cell_.t(), y_.data());
}

// Bisection on the dense output of the last step for v(t) = threshold, for every detector
// whose potential crossed upwards in it; spikes are kept in time order.
void BdfCell::detect_spikes(double t_before, const std::vector<double>& v_before, double t_end) {
    std::vector<double>& y = interpolated_;
    y.resize(system_.size());
    std::vector<double> end(bdf_.y(), bdf_.y() + system_.size());
    if (t_end < bdf_.t())
        bdf_.interpolate(t_end, end.data());
    std::vector<std::pair<double, std::size_t>> found;
    for (std::size_t d = 0; d < detectors_.size(); ++d) {
        const std::size_t k = detector_index_[d];
        const double threshold = detectors_[d].threshold;
        if (!(v_before[d] < threshold && end[k] >= threshold))
            continue;
        double lo = t_before, hi = t_end;
        for (int i = 0; i < 60 && hi - lo > 1e-13 * std::max(1.0, std::fabs(hi)); ++i) {
            const double mid = 0.5 * (lo + hi);
            bdf_.interpolate(mid, y.data());
            (y[k] < threshold ? lo : hi) = mid;
        }
        found.emplace_back(hi, d);
    }
    std::sort(found.begin(), found.end());
    for (const auto& [time, d] : found) {
        detections_.emplace_back(d, time);
        if (d == 0)
            spikes_.push_back(time);
    }
}

void BdfCell::show(double t) {
    interpolated_.resize(system_.size());
    bdf_.interpolate(t, interpolated_.data());
    system_.cell_system().scatter(t, interpolated_.data());
}

void BdfCell::restore() {
    system_.cell_system().scatter(bdf_.t(), bdf_.y());
}

bool BdfCell::advance(double tout) {
    while (bdf_.t() < tout) {
        std::optional<double> event = cell_.next_event();
        const double stop = event && *event < tout ? std::max(*event, bdf_.t()) : tout;
        if (stop > bdf_.t()) {
            if (!step_to(stop))
                return false;
            if (on_step_)
                on_step_(start_, end_);
            // A WATCH condition that turned true inside the step: its event is handled where it
            // turned, and the integrator restarts from that point.
            if (watch_pending_) {
                watch_pending_ = false;
                show(end_);
                cell_.check_watches();
                cell_.deliver(end_);
                restart();
                continue;
            }
            if (watches_) {
                system_.cell_system().scatter(bdf_.t(), bdf_.y());
                cell_.check_watches();
            }
        }
        if (bdf_.t() >= stop) {
            system_.cell_system().scatter(bdf_.t(), bdf_.y());
            if (event && *event <= bdf_.t()) {
                if (options_.event_window > 0)
                    cell_.deliver(bdf_.t() + options_.event_window, bdf_.t());
                else
                    cell_.deliver(bdf_.t());
                restart();
            }
        }
    }
    system_.cell_system().scatter(bdf_.t(), bdf_.y());
    return true;
}

} // namespace ranvier::integrate
