: What cannot be lowered says so, with the location: here a right-hand side that depends on a
: WHILE loop whose trip count depends on the state (a counted WHILE loop would unroll).
: RUN: not %ranvier emit --stage=ode %s 2>&1 | FileCheck %s
NEURON { SUFFIX w }
ASSIGNED { x }
STATE { s }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    x = 0
    WHILE (x < s) { x = x + 1 }
    s' = -s*x
}
: CHECK: unsupported.mod:11:5: error: this right-hand side depends on a loop whose trip count is known only at run time, so it has no derivative for the integrator; compute it in a PROCEDURE that BREAKPOINT SOLVEs, or in NET_RECEIVE
