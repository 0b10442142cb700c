// NEURON's fixed-step method, step for step, so that voltages compare with NEURON's to round-off
// where its conventions are followed:
//   1. deliver the events due by t + dt/2;
//   2. t += dt/2; every membrane current and its d(i)/d(v) at v(t_n), for the node equations
//      (cm/dt + sum g) dv + axial terms = -i (backward Euler on v; with secondorder, 2/dt and
//      v += 2 dv, Crank-Nicolson);
//   3. the tree solve for dv; v += dv;
//   4. t += dt/2; every mechanism's states advance over dt at the new v with the author's
//      method (METHOD cnexp's exact update; a SOLVEd PROCEDURE's own update; otherwise implicit
//      Euler by Newton's method with the exact Jacobian, as derivimplicit and sparse do);
//   5. the concentrations written follow into the ions; deliver the events due by t.
// NEURON computes d(i)/d(v) by a difference over 0.001 mV; Ranvier's is exact, which changes v
// by far less than 0.01 mV over 100 ms.
#pragma once

#include "ranvier/cell/cell.h"

#include <optional>
#include <string>

namespace ranvier::integrate {

struct FixedStepOptions {
    double dt = 0.025;   // ms
    int secondorder = 0; // NEURON's secondorder: 0 backward Euler, 1 or 2 Crank-Nicolson
};

class FixedStep {
  public:
    FixedStep(cell::Cell& cell, FixedStepOptions options);

    // NEURON's finitialize.
    void initialize(double v_init);
    // One step of dt. False, with failure() set (the node or state and the time), when a value
    // stops being finite or a state update does not converge; v is then left at its value before
    // the step (events due by t + dt/2 have been delivered).
    bool step();
    const std::string& failure() const { return failure_; }

  private:
    void advance_states();
    bool implicit_euler(std::size_t m);

    cell::Cell& cell_;
    FixedStepOptions options_;
    std::vector<double> rhs_, d_;
    std::string failure_;
};

} // namespace ranvier::integrate
