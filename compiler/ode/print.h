// Dumps of the ODE-system IR: `ranvier emit --stage=ode` (states, right-hand sides, currents
// with d(i)/d(v), initial values) and `--stage=jacobian` (the structural non-zeros of the
// Jacobian). Shared subexpressions print once, as temporaries named after the source.
#pragma once

#include "ode/mechanism.h"

#include <iosfwd>

namespace ranvier::ode {

void print_ode(std::ostream& out, Mechanism& mech);
void print_jacobian(std::ostream& out, Mechanism& mech);

// d(f)/d(y) for every state y and for v, structural zeros left out, in a fixed order: one row
// per state equation, columns in state order then v. What the code generator consumes.
struct JacobianEntry {
    std::size_t row;    // index into mech.equations
    std::string column; // state name, or "v"
    sym::Expr value;
};
std::vector<JacobianEntry> jacobian(Mechanism& mech);

// d(current)/d(state) for every current and state, structural zeros left out: the coupling of
// the membrane equation to the mechanism's states (d(i)/d(v) is Current::conductance).
struct CurrentJacobianEntry {
    std::size_t current; // index into mech.currents
    std::size_t state;   // index into mech.equations
    sym::Expr value;
};
std::vector<CurrentJacobianEntry> current_jacobian(Mechanism& mech);

} // namespace ranvier::ode
