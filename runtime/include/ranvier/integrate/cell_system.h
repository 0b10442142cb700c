// A cell as the ODE system y' = f(t, y) that variable-step integrators advance (NEURON's CVODE
// formulation): y holds the membrane potential of every node with membrane, then the ODE
// states of every mechanism instance. The potential of a node without membrane (a section's
// end, a root) has no equation of its own: it is where no current flows through it, the
// conductance-weighted mean of its neighbours', computed before every evaluation.
#pragma once

#include "ranvier/cell/cell.h"

#include <string>
#include <vector>

namespace ranvier::integrate {

// A spike detector: an upward crossing of `threshold` by the potential of `node` is a spike.
struct Detector {
    int node = 0;
    double threshold = -20; // mV
};

class CellSystem {
  public:
    // Throws std::invalid_argument when a point process sits at a node without membrane (its
    // current would make that node's potential depend on itself).
    explicit CellSystem(cell::Cell& cell);

    std::size_t size() const { return size_; }
    // y from the cell's present values.
    void gather(double* y) const;
    // The cell's values from y at time t: potentials (those without membrane by Kirchhoff's
    // law), states, and the ions that follow the states.
    void scatter(double t, const double* y);
    // f(t, y); leaves the cell at (t, y).
    void rhs(double t, const double* y, double* ydot);
    // df/dy at (t, y), dense and row-major (n x n), from the generated Jacobians: the cable's
    // couplings (through the nodes without membrane), d(i)/d(v) and d(i)/d(states) of every
    // current, and d(f)/d(states, v) of every mechanism. Couplings through ion concentrations
    // between mechanisms are left out (they only slow Newton's method down).
    void jacobian(double t, const double* y, std::vector<double>& j);
    // Newton's matrix I - gamma J in block form, for large cells (cell_system_newton.cpp): each
    // instance's states eliminated onto its node's v (a small dense Schur complement), the
    // nodes without membrane kept as Kirchhoff rows, and the tree solved by Hines' method: exact
    // and O(n). `fresh` evaluates J at (t, y); otherwise the last J is used with the new gamma.
    // False when a block is singular.
    bool setup_newton(double t, const double* y, double gamma, bool fresh);
    // b <- (I - gamma J)^-1 b with the last setup_newton.
    void solve_newton(double* b) const;
    // Per component of y, the multiplier of the absolute tolerance: 1 for potentials, each
    // state's declared tolerance (`<tol>` in its STATE declaration, as NEURON's atolscale).
    std::vector<double> tolerance_scales() const;
    // What y[k] is, for messages: "v at node 3", "hh.m of instance 0".
    std::string describe(std::size_t k) const;

  private:
    void kirchhoff_nodes();
    void derivatives_at(double t, const double* y);
    void evaluate_jacobian_blocks(double t, const double* y);

    // One instance's states: where they are in y, and the pieces of J that touch them.
    struct Block {
        std::size_t base = 0; // first state's index in y
        std::size_t v = 0;    // the index of its node's v in y
        int node = 0;
        std::size_t states = 0;
        std::vector<double> jss, jsv, jvs; // d(f_s)/d(y_s'), d(f_s)/d(v), d(f_v)/d(y_s)
        std::vector<double> lu;            // I - gamma jss, factored
        std::vector<std::size_t> pivot;
        std::vector<double> w; // lu^-1 jsv
    };
    std::vector<Block> blocks_;
    std::vector<double> jvv_; // d(f_v)/d(v) of each membrane node, cable included
    double gamma_ = 0;
    mutable std::vector<double> tree_d_, tree_rhs_; // solve_newton's buffers
    std::vector<double> tree_a_, tree_b_, tree_diagonal_;

    cell::Cell& cell_;
    std::vector<int> membrane_nodes_; // y[k] = v of node membrane_nodes_[k]
    std::vector<int> index_of_node_;  // the y index of a node's v; -1 without membrane
    std::vector<std::size_t> offset_; // first y index of each mechanism's states
    std::vector<int> no_membrane_;    // nodes whose potential follows their neighbours
    std::vector<std::vector<int>> children_;
    std::vector<double> rhs_, d_;
    std::size_t size_ = 0;
};

} // namespace ranvier::integrate
