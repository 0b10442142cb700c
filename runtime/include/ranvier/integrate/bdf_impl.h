// The BDF integrator's implementation (see bdf.h). Constants and rules follow CVODE's published
// algorithm: error-test and order-change biases 6, 6 and 10, step ratio limits (at most 10, or
// 1e4 on the first step; no change below 1.5), a new Newton matrix when gamma changes by 30%,
// after 20 steps or after a failure, at most 3 Newton iterations a step.
#pragma once

#include "ranvier/integrate/bdf.h"
#include "ranvier/integrate/bdf_constants.h"

#include <algorithm>
#include <limits>
#include <sstream>

namespace ranvier::integrate {


template <class S> void Bdf<S>::update_weights() {
    const bool scaled = options_.atol_scale.size() == n_;
    for (std::size_t i = 0; i < n_; ++i)
        weight_[i] = 1.0 / (options_.rtol * std::fabs(z_[0][i]) +
                            options_.atol * (scaled ? options_.atol_scale[i] : 1.0));
}

template <class S> double Bdf<S>::norm(const std::vector<double>& v) const {
    double sum = 0;
    for (std::size_t i = 0; i < n_; ++i)
        sum += (v[i] * weight_[i]) * (v[i] * weight_[i]);
    return std::sqrt(sum / static_cast<double>(std::max<std::size_t>(n_, 1)));
}

// The first step: h from the size of y'' along the first derivative (CVODE's idea, simplified),
// at order 1 with z_1 = h f.
template <class S> void Bdf<S>::start(double t, const double* y) {
    n_ = system_.size();
    for (auto& z : z_)
        z.assign(n_, 0.0);
    for (auto* v : {&e_, &y_, &f_, &delta_, &weight_, &saved_e_})
        v->assign(n_, 0.0);
    t_ = t;
    std::copy(y, y + n_, z_[0].begin());
    update_weights();
    system_.rhs(t, y, f_.data());
    ++stats_.rhs_evaluations;
    const double d1 = norm(f_);
    double h = d1 > 0 ? 0.01 / d1 : 1.0;
    h = std::clamp(h, 100 * options_.h_min, options_.h_max);
    // y'' ~ (f(t + h, y + h f) - f) / h; the step that makes h^2 |y''| / 2 about 0.5.
    for (std::size_t i = 0; i < n_; ++i)
        y_[i] = y[i] + h * f_[i];
    system_.rhs(t + h, y_.data(), delta_.data());
    ++stats_.rhs_evaluations;
    for (std::size_t i = 0; i < n_; ++i)
        delta_[i] = (delta_[i] - f_[i]) / h;
    const double d2 = norm(delta_);
    if (d2 > 0)
        h = std::clamp(std::sqrt(1.0 / d2), h / 100, h * 100);
    h_ = std::clamp(h, 100 * options_.h_min, options_.h_max);
    for (std::size_t i = 0; i < n_; ++i)
        z_[1][i] = h_ * f_[i];
    q_ = q_next_ = 1;
    q_wait_ = 2;
    eta_ = 1;
    eta_max_ = bdf_detail::kEtaMaxFirst;
    tau_.fill(0);
    tq_.fill(0);
    crate_ = 1;
    saved_tq5_ = 0;
    need_setup_ = true;
    jacobian_current_ = false;
    steps_since_setup_ = 0;
    h_used_ = 0;
    failure_.clear();
}

// The history carried across a discontinuity at t <= t_ (an event at the end of the last step,
// or inside it when the cell went back). First the Nordsieck array is re-centred at t (Taylor's
// shift of the interpolating polynomial). Then the jump: the new trajectory differs from the
// old one by d(s) with d(0) = y - y_old and d'(0) = f(t, y) - y_old' =: d1 (the value and the
// right-hand side may both have changed: a weight added to a state, a flag set by a WATCH);
// linearised, d^(k)(0) = J^(k-1) d1, so z_k gains h^k J^(k-1) d1 / k!, each product a
// difference of right-hand sides. For a linear system the new history is exact, so the order
// and step size carry on; for a nonlinear one it is right to first order in the jump, and the
// error test (predictor against corrector) rejects what is not.
template <class S> void Bdf<S>::soft_restart(double t, const double* y) {
    if (stats_.steps == 0 || n_ != system_.size()) {
        start(t, y);
        return;
    }
    if (t != t_) {
        const double s = (t - t_) / h_;
        for (int k = 0; k < q_; ++k)
            for (int j = q_ - 1; j >= k; --j)
                for (std::size_t i = 0; i < n_; ++i)
                    z_[static_cast<std::size_t>(j)][i] += s * z_[static_cast<std::size_t>(j + 1)][i];
        tau_[1] = std::max(tau_[1] + (t - t_), 1e-3 * tau_[1]);
        t_ = t;
    }
    std::copy(y, y + n_, z_[0].begin());
    update_weights();
    system_.rhs(t, y, f_.data());
    ++stats_.rhs_evaluations;
    // d1 into delta_, then z_1 = h f.
    for (std::size_t i = 0; i < n_; ++i) {
        delta_[i] = f_[i] - z_[1][i] / h_;
        z_[1][i] = h_ * f_[i];
    }
    // The terms must shrink: where h J has large eigenvalues (stiff modes within the step) the
    // series diverges, and a BDF history does not follow the stiff transient anyway; there the
    // higher columns are left as they were.
    double factor = h_, size = norm(delta_), term = factor * size;
    for (int k = 2; k <= q_; ++k) {
        if (!(size > 0) || !std::isfinite(size))
            break;
        const double sigma = 1 / size;
        for (std::size_t i = 0; i < n_; ++i)
            y_[i] = y[i] + sigma * delta_[i];
        system_.rhs(t, y_.data(), e_.data());
        ++stats_.rhs_evaluations;
        for (std::size_t i = 0; i < n_; ++i)
            e_[i] = (e_[i] - f_[i]) / sigma;
        const double next_size = norm(e_), next_factor = factor * h_ / k;
        if (!(next_factor * next_size <= 0.5 * term))
            break;
        factor = next_factor, size = next_size, term = factor * size;
        for (std::size_t i = 0; i < n_; ++i) {
            delta_[i] = e_[i];
            z_[static_cast<std::size_t>(k)][i] += factor * delta_[i];
        }
    }
    need_setup_ = true;
    ++stats_.restarts;
}

template <class S> void Bdf<S>::predict() {
    for (int k = 1; k <= q_; ++k)
        for (int j = q_; j >= k; --j)
            for (std::size_t i = 0; i < n_; ++i)
                z_[static_cast<std::size_t>(j - 1)][i] += z_[static_cast<std::size_t>(j)][i];
}

template <class S> void Bdf<S>::retract() {
    for (int k = 1; k <= q_; ++k)
        for (int j = q_; j >= k; --j)
            for (std::size_t i = 0; i < n_; ++i)
                z_[static_cast<std::size_t>(j - 1)][i] -= z_[static_cast<std::size_t>(j)][i];
}

template <class S> void Bdf<S>::rescale(double eta) {
    double factor = eta;
    for (int j = 1; j <= q_; ++j) {
        for (double& x : z_[static_cast<std::size_t>(j)])
            x *= factor;
        factor *= eta;
    }
    h_ *= eta;
}

// The coefficients l of the fixed-leading-coefficient BDF of order q for the present step and
// the last q step sizes, and the error-test constants tq.
template <class S> void Bdf<S>::set_coefficients() {
    const int q = q_;
    l_.fill(0);
    l_[0] = l_[1] = 1;
    double xi_inv = 1, xistar_inv = 1, alpha0 = -1, alpha0_hat = -1, hsum = h_;
    if (q > 1) {
        for (int j = 2; j < q; ++j) {
            hsum += tau_[static_cast<std::size_t>(j - 1)];
            xi_inv = h_ / hsum;
            alpha0 -= 1.0 / j;
            for (int i = j; i >= 1; --i)
                l_[static_cast<std::size_t>(i)] += l_[static_cast<std::size_t>(i - 1)] * xi_inv;
        }
        alpha0 -= 1.0 / q;
        xistar_inv = -l_[1] - alpha0;
        hsum += tau_[static_cast<std::size_t>(q - 1)];
        xi_inv = h_ / hsum;
        alpha0_hat = -l_[1] - xi_inv;
        for (int i = q; i >= 1; --i)
            l_[static_cast<std::size_t>(i)] += l_[static_cast<std::size_t>(i - 1)] * xistar_inv;
    }
    const double a1 = 1 - alpha0_hat + alpha0;
    const double a2 = 1 + q * a1;
    tq_[2] = std::fabs(a1 / (alpha0 * a2));
    tq_[5] = std::fabs(a2 * xistar_inv / (l_[static_cast<std::size_t>(q)] * xi_inv));
    if (q_wait_ == 1) {
        if (q > 1) {
            const double c = xistar_inv / l_[static_cast<std::size_t>(q)];
            const double a3 = alpha0 + 1.0 / q;
            const double a4 = alpha0_hat + xi_inv;
            tq_[1] = std::fabs(c * (1 - a4 + a3) / a3);
        } else {
            tq_[1] = 1;
        }
        hsum += tau_[static_cast<std::size_t>(q)];
        xi_inv = h_ / hsum;
        const double a5 = alpha0 - 1.0 / (q + 1);
        const double a6 = alpha0_hat - xi_inv;
        tq_[3] = std::fabs((1 - a6 + a5) / a2 / (xi_inv * (q + 2) * a5));
    }
    tq_[4] = bdf_detail::kNewtonCoefficient / tq_[2];
    gamma_ = h_ / l_[1];
}

// Newton's method on the corrector. 0: converged; 1: failed with a Jacobian older than this
// step (try again with a fresh one); 2: failed (try a smaller step).
template <class S> int Bdf<S>::newton() {
    using namespace bdf_detail;
    const bool old_matrix =
        gamma_setup_ == 0 || std::fabs(gamma_ / gamma_setup_ - 1) > kGammaChange;
    if (need_setup_ || refactor_ || old_matrix || steps_since_setup_ >= kStepsPerSetup) {
        // Every new Newton matrix gets a fresh Jacobian: the generated one costs about one
        // right-hand side. (CVODE keeps its Jacobian for up to 50 steps because its difference
        // quotients cost n right-hand sides; reusing ours that long cost more steps than it saved
        // on the cells of bench/single_cell.) Only a matrix re-formed within the step that
        // evaluated J (after a failed error test) reuses it.
        const bool fresh = need_setup_ || !jacobian_current_;
        if (!system_.setup(t_, z_[0].data(), gamma_, fresh))
            return jacobian_current_ ? 2 : 1;
        ++stats_.setups;
        if (fresh) {
            ++stats_.jacobian_evaluations;
            jacobian_current_ = true;
        }
        gamma_setup_ = gamma_;
        steps_since_setup_ = 0;
        need_setup_ = refactor_ = false;
        crate_ = 1;
    }
    std::fill(e_.begin(), e_.end(), 0.0);
    y_ = z_[0];
    const double rl1 = 1 / l_[1];
    const double gamma_ratio = gamma_ / gamma_setup_;
    // With a Newton matrix formed for another gamma, the stiff modes contract only by
    // |1 - r| / (1 + r) per iteration (r the ratio, after the 2 / (1 + r) scaling below): the
    // convergence test must not trust a rate measured with an exact matrix. (CVODE keeps the old
    // rate; on stiff problems it then accepts corrections whose stiff part has not converged,
    // which spoils the history at high order.)
    crate_ = std::max(crate_, std::fabs(1 - gamma_ratio) / (1 + gamma_ratio));
    double previous = 0;
    for (int m = 0; m < kMaxNewton; ++m) {
        system_.rhs(t_, y_.data(), f_.data());
        ++stats_.rhs_evaluations;
        ++stats_.newton_iterations;
        for (std::size_t i = 0; i < n_; ++i)
            delta_[i] = gamma_ * f_[i] - rl1 * z_[1][i] - e_[i];
        system_.solve(delta_.data());
        if (gamma_ratio != 1)
            for (double& d : delta_)
                d *= 2 / (1 + gamma_ratio);
        const double del = norm(delta_);
        for (std::size_t i = 0; i < n_; ++i) {
            e_[i] += delta_[i];
            y_[i] = z_[0][i] + e_[i];
        }
        if (!std::isfinite(del))
            break;
        if (m > 0)
            crate_ = std::max(kRateDown * crate_, del / previous);
        if (del * std::min(1.0, crate_) / tq_[4] <= 1)
            return 0;
        if (m > 0 && del > kDiverge * previous)
            break;
        previous = del;
    }
    return jacobian_current_ ? 2 : 1;
}

template <class S> bool Bdf<S>::error_test_passed(double& dsm) {
    dsm = norm(e_) * tq_[2];
    return std::isfinite(dsm) && dsm <= 1;
}

// Order q + 1: the new highest Nordsieck column from the last correction (CVODE's
// cvIncreaseBDF).
template <class S> void Bdf<S>::increase_order() {
    const int q = q_;
    std::array<double, kMaxOrder + 2> l{};
    l[2] = 1;
    double alpha0 = -1, alpha1 = 1, prod = 1, xi_old = 1, hsum = h_;
    for (int j = 1; j < q; ++j) {
        hsum += tau_[static_cast<std::size_t>(j + 1)];
        const double xi = hsum / h_;
        prod *= xi;
        alpha0 -= 1.0 / (j + 1);
        alpha1 += 1.0 / xi;
        for (int i = j + 2; i >= 2; --i)
            l[static_cast<std::size_t>(i)] =
                l[static_cast<std::size_t>(i)] * xi_old + l[static_cast<std::size_t>(i - 1)];
        xi_old = xi;
    }
    const double a1 = (-alpha0 - alpha1) / prod;
    std::vector<double>& top = z_[static_cast<std::size_t>(q + 1)];
    for (std::size_t i = 0; i < n_; ++i)
        top[i] = a1 * saved_e_[i];
    for (int j = 2; j <= q; ++j)
        for (std::size_t i = 0; i < n_; ++i)
            z_[static_cast<std::size_t>(j)][i] += l[static_cast<std::size_t>(j)] * top[i];
    q_ = q + 1;
}

// Order q - 1: the Nordsieck columns adjusted for the dropped one (CVODE's cvDecreaseBDF).
template <class S> void Bdf<S>::decrease_order() {
    const int q = q_;
    std::array<double, kMaxOrder + 2> l{};
    l[2] = 1;
    double hsum = 0;
    for (int j = 1; j <= q - 2; ++j) {
        hsum += tau_[static_cast<std::size_t>(j)];
        const double xi = hsum / h_;
        for (int i = j + 2; i >= 2; --i)
            l[static_cast<std::size_t>(i)] =
                l[static_cast<std::size_t>(i)] * xi + l[static_cast<std::size_t>(i - 1)];
    }
    for (int j = 2; j < q; ++j)
        for (std::size_t i = 0; i < n_; ++i)
            z_[static_cast<std::size_t>(j)][i] -=
                l[static_cast<std::size_t>(j)] * z_[static_cast<std::size_t>(q)][i];
    std::fill(z_[static_cast<std::size_t>(q)].begin(), z_[static_cast<std::size_t>(q)].end(), 0.0);
    q_ = q - 1;
}

template <class S> void Bdf<S>::complete_step() {
    ++stats_.steps;
    ++stats_.steps_at_order[static_cast<std::size_t>(q_)];
    for (int i = q_; i >= 2; --i)
        tau_[static_cast<std::size_t>(i)] = tau_[static_cast<std::size_t>(i - 1)];
    if (q_ == 1 && stats_.steps > 1)
        tau_[2] = tau_[1];
    tau_[1] = h_;
    for (int j = 0; j <= q_; ++j)
        for (std::size_t i = 0; i < n_; ++i)
            z_[static_cast<std::size_t>(j)][i] += l_[static_cast<std::size_t>(j)] * e_[i];
    --q_wait_;
    if (q_wait_ == 1 && q_ != options_.max_order) {
        saved_e_ = e_;
        saved_tq5_ = tq_[5];
    }
    h_used_ = h_;
    jacobian_current_ = false;
    ++steps_since_setup_;
}

// The next step size and order (CVODE's cvPrepareNextStep and cvChooseEta).
template <class S> void Bdf<S>::choose_next(double dsm) {
    using namespace bdf_detail;
    q_next_ = q_;
    if (eta_max_ == 1) { // the step needed retries: keep h and q for now
        q_wait_ = std::max(q_wait_, 2);
        eta_ = 1;
        eta_max_ = kEtaMax;
        return;
    }
    const double etaq = 1 / (std::pow(kBias2 * dsm, 1.0 / (q_ + 1)) + kAddon);
    if (q_wait_ != 0) {
        eta_ = etaq;
    } else {
        q_wait_ = 2;
        double etaqm1 = 0, etaqp1 = 0;
        if (q_ > 1) {
            const double ddn = norm(z_[static_cast<std::size_t>(q_)]) * tq_[1];
            etaqm1 = 1 / (std::pow(kBias1 * ddn, 1.0 / q_) + kAddon);
        }
        if (q_ < options_.max_order && saved_tq5_ > 0) {
            const double cquot = (tq_[5] / saved_tq5_) * std::pow(h_ / tau_[2], q_ + 1);
            for (std::size_t i = 0; i < n_; ++i)
                delta_[i] = e_[i] - cquot * saved_e_[i];
            const double dup = norm(delta_) * tq_[3];
            etaqp1 = 1 / (std::pow(kBias3 * dup, 1.0 / (q_ + 2)) + kAddon);
        }
        eta_ = std::max({etaq, etaqm1, etaqp1});
        if (eta_ >= kThreshold) {
            if (eta_ == etaqm1 && eta_ != etaq) {
                q_next_ = q_ - 1;
            } else if (eta_ == etaqp1 && eta_ != etaq) {
                q_next_ = q_ + 1;
                saved_e_ = e_;
            }
        }
    }
    if (eta_ < kThreshold) {
        eta_ = 1;
        q_next_ = q_;
    } else {
        eta_ = std::min(eta_, eta_max_);
        eta_ = std::min(eta_, options_.h_max / h_);
    }
    eta_max_ = kEtaMax;
}

// The component with the largest weighted entry of v (NaN first): what a failure names.
template <class S> std::size_t Bdf<S>::largest_weighted(const std::vector<double>& v) const {
    std::size_t worst = 0;
    double largest = -1;
    for (std::size_t i = 0; i < n_; ++i) {
        const double x = std::fabs(v[i] * weight_[i]);
        if (std::isnan(x))
            return i;
        if (x > largest)
            largest = x, worst = i;
    }
    return worst;
}

template <class S> bool Bdf<S>::step(double t_stop) {
    using namespace bdf_detail;
    if (stats_.steps >= options_.max_steps) {
        failure_ = "more than the allowed number of steps";
        return false;
    }
    // The order and step size chosen after the last step.
    if (q_next_ != q_) {
        if (q_next_ > q_)
            increase_order();
        else
            decrease_order();
        q_wait_ = q_ + 1;
    }
    if (eta_ != 1)
        rescale(eta_);
    eta_ = 1;
    int error_failures = 0, convergence_failures = 0;
    for (;;) {
        bool lands = false;
        if (t_ + h_ >= t_stop) { // land exactly on t_stop
            rescale((t_stop - t_) / h_);
            lands = true;
        }
        const double t_before = t_;
        update_weights();
        predict();
        t_ = lands ? t_stop : t_ + h_;
        set_coefficients();
        const int newton_result = newton();
        if (newton_result != 0) {
            retract();
            t_ = t_before;
            ++stats_.convergence_failures;
            eta_max_ = 1;
            if (newton_result == 1) { // retry with a fresh Jacobian, same step
                need_setup_ = true;
                continue;
            }
            if (++convergence_failures >= kMaxConvergenceFailures || h_ <= options_.h_min) {
                std::ostringstream message;
                message << "Newton's method does not converge at t = " << t_ << " ms (step " << h_
                        << " ms, order " << q_ << ")";
                failure_ = message.str();
                worst_ = largest_weighted(delta_);
                return false;
            }
            rescale(std::max(kEtaConvergenceFailure, options_.h_min / h_));
            need_setup_ = true;
            continue;
        }
        double dsm = 0;
        if (!error_test_passed(dsm)) {
            retract();
            t_ = t_before;
            ++stats_.error_test_failures;
            eta_max_ = 1;
            refactor_ = true; // a new Newton matrix for the retry, as CVODE does
            ++error_failures;
            if (error_failures >= kMaxErrorFailures || h_ <= options_.h_min) {
                std::ostringstream message;
                message << "the error test keeps failing at t = " << t_ << " ms (step " << h_
                        << " ms, order " << q_ << ")";
                failure_ = message.str();
                worst_ = largest_weighted(e_);
                return false;
            }
            if (error_failures <= 3) {
                double eta = 1 / (std::pow(kBias2 * dsm, 1.0 / (q_ + 1)) + kAddon);
                if (!std::isfinite(eta))
                    eta = kEtaMin;
                eta = std::max({kEtaMin, eta, options_.h_min / h_});
                if (error_failures >= 2)
                    eta = std::min(eta, kEtaAfterFailures);
                rescale(eta);
            } else if (q_ > 1) {
                decrease_order();
                q_wait_ = q_ + 1;
                rescale(std::max(kEtaMin, options_.h_min / h_));
            } else {
                // Order 1 still failing: restart the history from the present derivative.
                h_ *= std::max(kEtaMin, options_.h_min / h_);
                system_.rhs(t_, z_[0].data(), f_.data());
                ++stats_.rhs_evaluations;
                for (std::size_t i = 0; i < n_; ++i)
                    z_[1][i] = h_ * f_[i];
                q_wait_ = 10;
            }
            continue;
        }
        complete_step();
        choose_next(dsm);
        return true;
    }
}

template <class S> void Bdf<S>::interpolate(double t, double* y) const {
    const double s = (t - t_) / h_used_;
    for (std::size_t i = 0; i < n_; ++i) {
        double value = z_[static_cast<std::size_t>(q_)][i];
        for (int j = q_ - 1; j >= 0; --j)
            value = value * s + z_[static_cast<std::size_t>(j)][i];
        y[i] = value;
    }
}

} // namespace ranvier::integrate
