// The BDF integrator of integrate/bdf.h (variable order 1-5, variable step, Nordsieck form, after
// CVODE) for one cell of a lane batch: the same algorithm and constants, rewritten as per-lane
// functions on strided vectors so that a GPU thread runs one cell's integrator. The lane engine
// (engine_bdf.h) runs the phases of a step for all its cells at once: what needs the cell's
// right-hand side or Jacobian (the generated kernels, over the whole batch) happens between the
// phases; what happens here is each cell's own bookkeeping.
//
// A cell's vectors live at index (component * lanes + lane); Nordsieck column j of a batch of n
// components at z + j * n * lanes.
#pragma once

#include "ranvier/integrate/bdf_constants.h"
#include "ranvier/kernel/math.h"

#include <math.h>

namespace ranvier::device::bdf {

constexpr int kMaxOrder = 5;
using namespace integrate::bdf_detail;
constexpr double kHMin = 1e-12, kHMax = 1e9; // BdfOptions' h_min and h_max

// Where a cell is in its step.
enum Phase : int {
    kIdle = 0,      // nothing to do in this round
    kAttempt = 1,   // about to try a step (predict, coefficients, maybe a new Newton matrix)
    kNewton = 2,    // iterating
    kConverged = 3, // Newton's method converged: the error test is next
    kDiverged = 4,  // Newton's method failed (or the matrix was singular)
    kAccepted = 5,  // the step is taken
    kFailed = 6     // the cell cannot go on (failure says why)
};

enum Failure : int { kNone = 0, kNoConvergence = 1, kErrorTest = 2, kTooManySteps = 3 };

// One cell's integrator state (Bdf's members).
struct Lane {
    double t, h, h_used, eta, eta_max, gamma, gamma_setup, crate, saved_tq5;
    double t_before, stop, previous;
    double eval_t; // the time of the cell's next right-hand side or Jacobian
    // The network's view: events are delivered at `end` (the step's end, or back inside the
    // step at an event that arrived later); the trajectory is final up to `confirmed`; a
    // threshold crossing found in the last step waits at `crossing` until it is final.
    double end, confirmed, crossing;
    int has_crossing;
    // A WATCH condition that turned true inside the last step: where (found by bisection
    // between watch_lo and watch_time); the step then ends there.
    double watch_lo, watch_time;
    int has_watch;
    double l[kMaxOrder + 2], tau[kMaxOrder + 2], tq[6];
    long long steps, since_setup;
    int q, q_next, q_wait;
    int jacobian_current, need_setup, refactor;
    int phase, lands, iteration, error_failures, convergence_failures, first_try, setup, fresh;
    int failure, worst;
    // A soft restart in progress: the next column k, and the series' terms.
    int restart_k;
    double restart_factor, restart_size, restart_term, restart_sigma;
};

// A cell's vector: component k at p[k * lanes] (p points at the cell's lane).
struct Vec {
    double* p;
    int lanes;
    HOST_DEVICE double& operator[](int k) const { return p[static_cast<long long>(k) * lanes]; }
};

// The cell's view of a batch's integrator arrays.
struct Cell {
    int n, lanes;
    double* z; // Nordsieck columns
    Vec e, y, f, delta, weight, saved_e;
    const double* scale; // per component: atol's multiplier (shared by the batch)
    double rtol, atol;
    int max_order;
    HOST_DEVICE Vec column(int j) const {
        return {z + static_cast<long long>(j) * n * lanes, lanes};
    }
};

HOST_DEVICE inline Cell cell_view(int n, int lanes, int lane, double* z, double* e, double* y,
                                  double* f, double* delta, double* weight, double* saved_e,
                                  const double* scale, double rtol, double atol, int max_order) {
    return {n,          lanes,          z + lane,          {e + lane, lanes},
            {y + lane, lanes}, {f + lane, lanes}, {delta + lane, lanes}, {weight + lane, lanes},
            {saved_e + lane, lanes}, scale, rtol, atol, max_order};
}

HOST_DEVICE inline double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }
HOST_DEVICE inline double larger(double a, double b) { return a > b ? a : b; }
HOST_DEVICE inline double smaller(double a, double b) { return a < b ? a : b; }

HOST_DEVICE inline void update_weights(const Cell& c) {
    const Vec z0 = c.column(0);
    for (int i = 0; i < c.n; ++i)
        c.weight[i] = 1.0 / (c.rtol * fabs(z0[i]) + c.atol * c.scale[i]);
}

HOST_DEVICE inline double norm(const Cell& c, const Vec& v) {
    double sum = 0;
    for (int i = 0; i < c.n; ++i)
        sum += (v[i] * c.weight[i]) * (v[i] * c.weight[i]);
    return sqrt(sum / (c.n > 0 ? c.n : 1));
}

HOST_DEVICE inline int largest_weighted(const Cell& c, const Vec& v) {
    int worst = 0;
    double largest = -1;
    for (int i = 0; i < c.n; ++i) {
        const double x = fabs(v[i] * c.weight[i]);
        if (isnan(x))
            return i;
        if (x > largest)
            largest = x, worst = i;
    }
    return worst;
}

HOST_DEVICE inline void predict(const Cell& c, int q) {
    for (int k = 1; k <= q; ++k)
        for (int j = q; j >= k; --j) {
            const Vec to = c.column(j - 1), from = c.column(j);
            for (int i = 0; i < c.n; ++i)
                to[i] += from[i];
        }
}

HOST_DEVICE inline void retract(const Cell& c, int q) {
    for (int k = 1; k <= q; ++k)
        for (int j = q; j >= k; --j) {
            const Vec to = c.column(j - 1), from = c.column(j);
            for (int i = 0; i < c.n; ++i)
                to[i] -= from[i];
        }
}

HOST_DEVICE inline void rescale(Lane& s, const Cell& c, double eta) {
    double factor = eta;
    for (int j = 1; j <= s.q; ++j) {
        const Vec z = c.column(j);
        for (int i = 0; i < c.n; ++i)
            z[i] *= factor;
        factor *= eta;
    }
    s.h *= eta;
}

// The first step (Bdf::start), in two halves around the right-hand sides: begin() after f = f(t,
// y) is in c.f (it leaves y + h f in c.y for the second), finish() after delta = f(t + h, y + h f).
HOST_DEVICE inline double start_begin(Lane& s, const Cell& c, double t, const Vec& y) {
    for (int j = 0; j <= kMaxOrder + 1; ++j) {
        const Vec z = c.column(j);
        for (int i = 0; i < c.n; ++i)
            z[i] = 0;
    }
    const Vec z0 = c.column(0);
    for (int i = 0; i < c.n; ++i)
        z0[i] = y[i];
    s.t = t;
    update_weights(c);
    const double d1 = norm(c, c.f);
    double h = d1 > 0 ? 0.01 / d1 : 1.0;
    h = clamp(h, 100 * kHMin, kHMax);
    for (int i = 0; i < c.n; ++i)
        c.y[i] = z0[i] + h * c.f[i];
    s.h = h;
    return t + h;
}

HOST_DEVICE inline void start_finish(Lane& s, const Cell& c) {
    double h = s.h;
    for (int i = 0; i < c.n; ++i)
        c.delta[i] = (c.delta[i] - c.f[i]) / h;
    const double d2 = norm(c, c.delta);
    if (d2 > 0)
        h = clamp(sqrt(1.0 / d2), h / 100, h * 100);
    s.h = clamp(h, 100 * kHMin, kHMax);
    const Vec z1 = c.column(1);
    for (int i = 0; i < c.n; ++i) {
        z1[i] = s.h * c.f[i];
        c.saved_e[i] = 0;
    }
    s.q = s.q_next = 1;
    s.q_wait = 2;
    s.eta = 1;
    s.eta_max = kEtaMaxFirst;
    for (int j = 0; j < kMaxOrder + 2; ++j)
        s.tau[j] = s.l[j] = 0;
    for (int j = 0; j < 6; ++j)
        s.tq[j] = 0;
    s.crate = 1;
    s.saved_tq5 = 0;
    s.need_setup = 1;
    s.jacobian_current = 0;
    s.since_setup = 0;
    s.h_used = 0;
    s.failure = kNone;
}

// Bdf::soft_restart at t (the end of the last step, or inside it): the history re-centred at t,
// the value and slope replaced, the higher columns corrected by the series in J^(k-1) d1 while
// its terms shrink. begin() after f = f(t, y_new) is in c.f; then, while more() returns true, the
// caller evaluates c.e = f(t, c.y) and calls next().
HOST_DEVICE inline void restart_begin(Lane& s, const Cell& c, double t, const Vec& y) {
    if (t != s.t) { // back inside the last step: the history re-centred at t (Taylor's shift)
        const double u = (t - s.t) / s.h;
        for (int k = 0; k < s.q; ++k)
            for (int j = s.q - 1; j >= k; --j) {
                const Vec to = c.column(j), from = c.column(j + 1);
                for (int i = 0; i < c.n; ++i)
                    to[i] += u * from[i];
            }
        s.tau[1] = larger(s.tau[1] + (t - s.t), 1e-3 * s.tau[1]);
        s.t = t;
    }
    const Vec z0 = c.column(0), z1 = c.column(1);
    for (int i = 0; i < c.n; ++i)
        z0[i] = y[i];
    update_weights(c);
    for (int i = 0; i < c.n; ++i) {
        c.delta[i] = c.f[i] - z1[i] / s.h;
        z1[i] = s.h * c.f[i];
    }
    s.restart_factor = s.h;
    s.restart_size = norm(c, c.delta);
    s.restart_term = s.restart_factor * s.restart_size;
    s.restart_k = 2;
    s.need_setup = 1;
}

// Whether another column is to be tried: sets c.y = y + sigma delta for the caller's f.
HOST_DEVICE inline bool restart_more(Lane& s, const Cell& c) {
    if (s.restart_k > s.q || !(s.restart_size > 0) || !isfinite(s.restart_size))
        return false;
    s.restart_sigma = 1 / s.restart_size;
    const Vec z0 = c.column(0);
    for (int i = 0; i < c.n; ++i)
        c.y[i] = z0[i] + s.restart_sigma * c.delta[i];
    return true;
}

// After c.e = f(t, c.y): the next column, or false when the series stops.
HOST_DEVICE inline bool restart_next(Lane& s, const Cell& c) {
    for (int i = 0; i < c.n; ++i)
        c.e[i] = (c.e[i] - c.f[i]) / s.restart_sigma;
    const double next_size = norm(c, c.e), next_factor = s.restart_factor * s.h / s.restart_k;
    if (!(next_factor * next_size <= 0.5 * s.restart_term))
        return false;
    s.restart_factor = next_factor;
    s.restart_size = next_size;
    s.restart_term = next_factor * next_size;
    const Vec zk = c.column(s.restart_k);
    for (int i = 0; i < c.n; ++i) {
        c.delta[i] = c.e[i];
        zk[i] += next_factor * c.delta[i];
    }
    ++s.restart_k;
    return true;
}

HOST_DEVICE inline void set_coefficients(Lane& s) {
    const int q = s.q;
    for (int j = 0; j < kMaxOrder + 2; ++j)
        s.l[j] = 0;
    s.l[0] = s.l[1] = 1;
    double xi_inv = 1, xistar_inv = 1, alpha0 = -1, alpha0_hat = -1, hsum = s.h;
    if (q > 1) {
        for (int j = 2; j < q; ++j) {
            hsum += s.tau[j - 1];
            xi_inv = s.h / hsum;
            alpha0 -= 1.0 / j;
            for (int i = j; i >= 1; --i)
                s.l[i] += s.l[i - 1] * xi_inv;
        }
        alpha0 -= 1.0 / q;
        xistar_inv = -s.l[1] - alpha0;
        hsum += s.tau[q - 1];
        xi_inv = s.h / hsum;
        alpha0_hat = -s.l[1] - xi_inv;
        for (int i = q; i >= 1; --i)
            s.l[i] += s.l[i - 1] * xistar_inv;
    }
    const double a1 = 1 - alpha0_hat + alpha0;
    const double a2 = 1 + q * a1;
    s.tq[2] = fabs(a1 / (alpha0 * a2));
    s.tq[5] = fabs(a2 * xistar_inv / (s.l[q] * xi_inv));
    if (s.q_wait == 1) {
        if (q > 1) {
            const double cc = xistar_inv / s.l[q];
            const double a3 = alpha0 + 1.0 / q;
            const double a4 = alpha0_hat + xi_inv;
            s.tq[1] = fabs(cc * (1 - a4 + a3) / a3);
        } else {
            s.tq[1] = 1;
        }
        hsum += s.tau[q];
        xi_inv = s.h / hsum;
        const double a5 = alpha0 - 1.0 / (q + 1);
        const double a6 = alpha0_hat - xi_inv;
        s.tq[3] = fabs((1 - a6 + a5) / a2 / (xi_inv * (q + 2) * a5));
    }
    s.tq[4] = kNewtonCoefficient / s.tq[2];
    s.gamma = s.h / s.l[1];
}

HOST_DEVICE inline void increase_order(Lane& s, const Cell& c) {
    const int q = s.q;
    double l[kMaxOrder + 2] = {0, 0, 0, 0, 0, 0, 0};
    l[2] = 1;
    double alpha0 = -1, alpha1 = 1, prod = 1, xi_old = 1, hsum = s.h;
    for (int j = 1; j < q; ++j) {
        hsum += s.tau[j + 1];
        const double xi = hsum / s.h;
        prod *= xi;
        alpha0 -= 1.0 / (j + 1);
        alpha1 += 1.0 / xi;
        for (int i = j + 2; i >= 2; --i)
            l[i] = l[i] * xi_old + l[i - 1];
        xi_old = xi;
    }
    const double a1 = (-alpha0 - alpha1) / prod;
    const Vec top = c.column(q + 1);
    for (int i = 0; i < c.n; ++i)
        top[i] = a1 * c.saved_e[i];
    for (int j = 2; j <= q; ++j) {
        const Vec z = c.column(j);
        for (int i = 0; i < c.n; ++i)
            z[i] += l[j] * top[i];
    }
    s.q = q + 1;
}

HOST_DEVICE inline void decrease_order(Lane& s, const Cell& c) {
    const int q = s.q;
    double l[kMaxOrder + 2] = {0, 0, 0, 0, 0, 0, 0};
    l[2] = 1;
    double hsum = 0;
    for (int j = 1; j <= q - 2; ++j) {
        hsum += s.tau[j];
        const double xi = hsum / s.h;
        for (int i = j + 2; i >= 2; --i)
            l[i] = l[i] * xi + l[i - 1];
    }
    const Vec top = c.column(q);
    for (int j = 2; j < q; ++j) {
        const Vec z = c.column(j);
        for (int i = 0; i < c.n; ++i)
            z[i] -= l[j] * top[i];
    }
    for (int i = 0; i < c.n; ++i)
        top[i] = 0;
    s.q = q - 1;
}

// The start of an attempt (Bdf::step up to Newton's method): the order and step chosen after the
// last step (on its first try), landing on s.stop, prediction and coefficients; whether a new
// Newton matrix (setup) and a new Jacobian (fresh) are needed. Leaves phase kNewton, with e = 0
// and y = z_0.
HOST_DEVICE inline void attempt(Lane& s, const Cell& c) {
    if (s.first_try) {
        s.first_try = 0;
        if (s.q_next != s.q) {
            if (s.q_next > s.q)
                increase_order(s, c);
            else
                decrease_order(s, c);
            s.q_wait = s.q + 1;
        }
        if (s.eta != 1)
            rescale(s, c, s.eta);
        s.eta = 1;
        s.error_failures = s.convergence_failures = 0;
    }
    s.lands = 0;
    if (s.t + s.h >= s.stop) {
        rescale(s, c, (s.stop - s.t) / s.h);
        s.lands = 1;
    }
    s.t_before = s.t;
    update_weights(c);
    predict(c, s.q);
    s.t = s.lands ? s.stop : s.t + s.h;
    set_coefficients(s);
    const bool old_matrix = s.gamma_setup == 0 || fabs(s.gamma / s.gamma_setup - 1) > kGammaChange;
    s.setup = s.need_setup || s.refactor || old_matrix || s.since_setup >= kStepsPerSetup;
    s.fresh = s.setup && (s.need_setup || !s.jacobian_current);
    const Vec z0 = c.column(0);
    for (int i = 0; i < c.n; ++i) {
        c.e[i] = 0;
        c.y[i] = z0[i];
    }
    s.iteration = 0;
    s.previous = 0;
    s.phase = kNewton;
}

// After the Newton matrix was formed (ok false: singular).
HOST_DEVICE inline void after_setup(Lane& s, bool ok) {
    if (!ok) {
        s.phase = kDiverged;
        s.iteration = s.jacobian_current ? 2 : 1; // which failure: see diverged()
        return;
    }
    if (s.fresh)
        s.jacobian_current = 1;
    s.gamma_setup = s.gamma;
    s.since_setup = 0;
    s.need_setup = s.refactor = 0;
    s.crate = 1;
}

HOST_DEVICE inline double gamma_ratio(const Lane& s) { return s.gamma / s.gamma_setup; }

// Before the solve: delta = gamma f - z_1 / l_1 - e (f = f(t, y) in c.f).
HOST_DEVICE inline void residual(Lane& s, const Cell& c) {
    if (s.iteration == 0) { // the rate floor of a matrix formed for another gamma (Bdf::newton)
        const double r = gamma_ratio(s);
        s.crate = larger(s.crate, fabs(1 - r) / (1 + r));
    }
    const double rl1 = 1 / s.l[1];
    const Vec z1 = c.column(1);
    for (int i = 0; i < c.n; ++i)
        c.delta[i] = s.gamma * c.f[i] - rl1 * z1[i] - c.e[i];
}

// After the solve (delta = M^-1 delta): the correction, the convergence test.
HOST_DEVICE inline void correct(Lane& s, const Cell& c) {
    const double r = gamma_ratio(s);
    if (r != 1)
        for (int i = 0; i < c.n; ++i)
            c.delta[i] *= 2 / (1 + r);
    const double del = norm(c, c.delta);
    const Vec z0 = c.column(0);
    for (int i = 0; i < c.n; ++i) {
        c.e[i] += c.delta[i];
        c.y[i] = z0[i] + c.e[i];
    }
    const int m = s.iteration;
    if (!isfinite(del)) {
        s.phase = kDiverged;
        s.iteration = s.jacobian_current ? 2 : 1;
        return;
    }
    if (m > 0)
        s.crate = larger(kRateDown * s.crate, del / s.previous);
    if (del * smaller(1.0, s.crate) / s.tq[4] <= 1) {
        s.phase = kConverged;
        return;
    }
    if ((m > 0 && del > kDiverge * s.previous) || m + 1 >= kMaxNewton) {
        s.phase = kDiverged;
        s.iteration = s.jacobian_current ? 2 : 1;
        return;
    }
    s.previous = del;
    s.iteration = m + 1;
}

HOST_DEVICE inline void complete_step(Lane& s, const Cell& c) {
    ++s.steps;
    for (int i = s.q; i >= 2; --i)
        s.tau[i] = s.tau[i - 1];
    if (s.q == 1 && s.steps > 1)
        s.tau[2] = s.tau[1];
    s.tau[1] = s.h;
    for (int j = 0; j <= s.q; ++j) {
        const Vec z = c.column(j);
        for (int i = 0; i < c.n; ++i)
            z[i] += s.l[j] * c.e[i];
    }
    --s.q_wait;
    if (s.q_wait == 1 && s.q != c.max_order) {
        for (int i = 0; i < c.n; ++i)
            c.saved_e[i] = c.e[i];
        s.saved_tq5 = s.tq[5];
    }
    s.h_used = s.h;
    s.jacobian_current = 0;
    ++s.since_setup;
}

HOST_DEVICE inline double root(double x, double n) { return pow(x, 1.0 / n); }

HOST_DEVICE inline void choose_next(Lane& s, const Cell& c, double dsm) {
    s.q_next = s.q;
    if (s.eta_max == 1) {
        s.q_wait = s.q_wait > 2 ? s.q_wait : 2;
        s.eta = 1;
        s.eta_max = kEtaMax;
        return;
    }
    const double etaq = 1 / (root(kBias2 * dsm, s.q + 1) + kAddon);
    if (s.q_wait != 0) {
        s.eta = etaq;
    } else {
        s.q_wait = 2;
        double etaqm1 = 0, etaqp1 = 0;
        if (s.q > 1) {
            const double ddn = norm(c, c.column(s.q)) * s.tq[1];
            etaqm1 = 1 / (root(kBias1 * ddn, s.q) + kAddon);
        }
        if (s.q < c.max_order && s.saved_tq5 > 0) {
            const double cquot = (s.tq[5] / s.saved_tq5) * pow(s.h / s.tau[2], s.q + 1);
            for (int i = 0; i < c.n; ++i)
                c.delta[i] = c.e[i] - cquot * c.saved_e[i];
            const double dup = norm(c, c.delta) * s.tq[3];
            etaqp1 = 1 / (root(kBias3 * dup, s.q + 2) + kAddon);
        }
        s.eta = larger(etaq, larger(etaqm1, etaqp1));
        if (s.eta >= kThreshold) {
            if (s.eta == etaqm1 && s.eta != etaq) {
                s.q_next = s.q - 1;
            } else if (s.eta == etaqp1 && s.eta != etaq) {
                s.q_next = s.q + 1;
                for (int i = 0; i < c.n; ++i)
                    c.saved_e[i] = c.e[i];
            }
        }
    }
    if (s.eta < kThreshold) {
        s.eta = 1;
        s.q_next = s.q;
    } else {
        s.eta = smaller(s.eta, s.eta_max);
        s.eta = smaller(s.eta, kHMax / s.h);
    }
    s.eta_max = kEtaMax;
}

// The end of an attempt (phase kConverged or kDiverged): the step is accepted (kAccepted), tried
// again (kAttempt; `rhs_needed` set when order 1 keeps failing and z_1 must be rebuilt from f at
// z_0, which the caller evaluates into c.f before calling rebuild()), or the cell fails (kFailed).
HOST_DEVICE inline void conclude(Lane& s, const Cell& c, int& rhs_needed, long long max_steps) {
    rhs_needed = 0;
    if (s.phase == kDiverged) {
        const int kind = s.iteration; // 1: retry with a fresh Jacobian; 2: a smaller step
        retract(c, s.q);
        s.t = s.t_before;
        s.eta_max = 1;
        if (kind == 1) {
            s.need_setup = 1;
            s.phase = kAttempt;
            return;
        }
        if (++s.convergence_failures >= kMaxConvergenceFailures || s.h <= kHMin) {
            s.failure = kNoConvergence;
            s.worst = largest_weighted(c, c.delta);
            s.phase = kFailed;
            return;
        }
        rescale(s, c, larger(kEtaConvergenceFailure, kHMin / s.h));
        s.need_setup = 1;
        s.phase = kAttempt;
        return;
    }
    const double dsm = norm(c, c.e) * s.tq[2];
    if (isfinite(dsm) && dsm <= 1) {
        complete_step(s, c);
        choose_next(s, c, dsm);
        s.phase = kAccepted;
        if (s.steps >= max_steps) {
            s.failure = kTooManySteps;
            s.phase = kFailed;
        }
        return;
    }
    retract(c, s.q);
    s.t = s.t_before;
    s.eta_max = 1;
    s.refactor = 1;
    ++s.error_failures;
    if (s.error_failures >= kMaxErrorFailures || s.h <= kHMin) {
        s.failure = kErrorTest;
        s.worst = largest_weighted(c, c.e);
        s.phase = kFailed;
        return;
    }
    s.phase = kAttempt;
    if (s.error_failures <= 3) {
        double eta = 1 / (root(kBias2 * dsm, s.q + 1) + kAddon);
        if (!isfinite(eta))
            eta = kEtaMin;
        eta = larger(kEtaMin, larger(eta, kHMin / s.h));
        if (s.error_failures >= 2)
            eta = smaller(eta, kEtaAfterFailures);
        rescale(s, c, eta);
    } else if (s.q > 1) {
        decrease_order(s, c);
        s.q_wait = s.q + 1;
        rescale(s, c, larger(kEtaMin, kHMin / s.h));
    } else {
        s.h *= larger(kEtaMin, kHMin / s.h);
        rhs_needed = 1;
    }
}

// Order 1 still failing: the history restarts from f at z_0 (in c.f).
HOST_DEVICE inline void rebuild(Lane& s, const Cell& c) {
    const Vec z1 = c.column(1);
    for (int i = 0; i < c.n; ++i)
        z1[i] = s.h * c.f[i];
    s.q_wait = 10;
}

// Component k at t within the last step, from the Nordsieck history.
HOST_DEVICE inline double interpolate(const Lane& s, const Cell& c, int k, double t) {
    const double u = (t - s.t) / s.h_used;
    double value = c.column(s.q)[k];
    for (int j = s.q - 1; j >= 0; --j)
        value = value * u + c.column(j)[k];
    return value;
}

} // namespace ranvier::device::bdf
