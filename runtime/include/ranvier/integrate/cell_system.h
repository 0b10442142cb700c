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
    // What y[k] is, for messages: "v at node 3", "hh.m of instance 0".
    std::string describe(std::size_t k) const;

  private:
    void kirchhoff_nodes();

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
