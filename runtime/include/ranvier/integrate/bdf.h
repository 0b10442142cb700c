// Ranvier's variable-order (1 to 5), variable-step BDF integrator in Nordsieck form, after the
// method of CVODE (fixed-leading-coefficient BDF with its local error test, order selection and
// step-size control; Hindmarsh et al., ACM TOMS 31, 2005; Jackson and Sacks-Davis, 1980). The
// history is the Nordsieck array z_j = h^j y^(j) / j!, j = 0..q; a step predicts z by Pascal's
// triangle, corrects with Newton's method on
//     e - gamma f(t_n, z_0 + e) + z_1 / l_1 = 0,   gamma = h / l_1,
// using the system's own linear solve of (I - gamma J) x = b, and accepts the step when the
// weighted norm of e (scaled by the error constant) is at most 1.
//
// The system provides:
//   std::size_t size();
//   void rhs(double t, const double* y, double* ydot);
//   // Forms and factors I - gamma J at (t, y); `fresh` asks for a new Jacobian (otherwise the
//   // last one may be reused with the new gamma). False when the matrix is singular.
//   bool setup(double t, const double* y, double gamma, bool fresh);
//   void solve(double* b);   // b <- (I - gamma J)^-1 b with the last setup
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace ranvier::integrate {

struct BdfOptions {
    double rtol = 1e-3;
    double atol = 1e-3;
    // Per component, a multiplier of atol (empty: 1 for all): NEURON's atolscale, from the
    // STATEs' declared tolerances (CellSystem::tolerance_scales).
    std::vector<double> atol_scale = {};
    int max_order = 5;
    double h_min = 1e-12; // ms
    double h_max = 1e9;
    long max_steps = 10000000;
};

struct BdfStatistics {
    long steps = 0, rhs_evaluations = 0, setups = 0, jacobian_evaluations = 0,
         newton_iterations = 0, error_test_failures = 0, convergence_failures = 0, restarts = 0;
    std::array<long, 6> steps_at_order{};
};

template <class System> class Bdf {
  public:
    Bdf(System& system, BdfOptions options) : system_(system), options_(options) {}

    // Starts (or restarts after a discontinuity) at (t, y), at order 1.
    void start(double t, const double* y);
    // A new run: statistics back to zero (start() keeps counting, across restarts).
    void reset_statistics() { stats_ = {}; }
    // After a discontinuity at t (an event) that leaves y: keeps the order, the step size and
    // the higher-order history, and replaces the value and the first derivative (one
    // right-hand side); the error test guards the steps that follow. Falls back on start()
    // before the first step.
    void soft_restart(double t, const double* y);
    // Takes one step, not past `t_stop`. False, with failure(), when the step cannot be taken
    // (the step size fell below h_min, or Newton's method keeps failing).
    bool step(double t_stop);
    double t() const { return t_; }
    // The solution at t in [t() - last step, t()], from the Nordsieck history.
    void interpolate(double t, double* y) const;
    const double* y() const { return z_[0].data(); }
    int order() const { return q_; }
    double last_step() const { return h_used_; }
    const std::string& failure() const { return failure_; }
    // The component a failure is worst in (largest weighted Newton correction or error).
    std::size_t worst() const { return worst_; }
    const BdfStatistics& statistics() const { return stats_; }

  private:
    static constexpr int kMaxOrder = 5;
    void set_coefficients();
    void predict();
    void retract();
    void rescale(double eta);
    void increase_order();
    void decrease_order();
    void update_weights();
    double norm(const std::vector<double>& v) const;
    int newton();
    bool error_test_passed(double& dsm);
    void choose_next(double dsm);
    void complete_step();

    System& system_;
    BdfOptions options_;
    std::size_t n_ = 0;
    std::array<std::vector<double>, kMaxOrder + 2> z_;
    std::vector<double> e_, y_, f_, delta_, weight_, saved_e_;
    std::array<double, kMaxOrder + 2> l_{}, tau_{};
    std::array<double, 6> tq_{};
    double t_ = 0, h_ = 0, h_used_ = 0, eta_ = 1, eta_max_ = 1e4, gamma_ = 0, gamma_setup_ = 0;
    double crate_ = 1, saved_tq5_ = 0;
    int q_ = 1, q_next_ = 1, q_wait_ = 2;
    long steps_since_setup_ = 0;
    bool jacobian_current_ = false, need_setup_ = true, refactor_ = false;
    std::size_t largest_weighted(const std::vector<double>& v) const;
    std::string failure_;
    std::size_t worst_ = 0;
    BdfStatistics stats_;
};

} // namespace ranvier::integrate

#include "ranvier/integrate/bdf_impl.h"
