: SOLVE ... STEADYSTATE in INITIAL: the residuals are the kinetic right-hand sides with the
: CONSERVE law in place of the last conserved state's equation; the kernel takes implicit Euler
: steps of 1e9 ms (one Newton iteration each, exact Jacobian, rates hoisted out of the loop)
: until the states stop moving, and leaves NaN where they do not.
: RUN: %ranvier emit --stage=ode %S/../../models/k3_steady.mod | FileCheck %s
: RUN: %ranvier emit --stage=cpp %S/../../models/k3_steady.mod | FileCheck --check-prefix=CPP %s
: RUN: not %ranvier emit --units=off --stage=ode %s 2>&1 | FileCheck --check-prefix=AFTER %s
NEURON { SUFFIX after }
STATE { a b }
ASSIGNED { x }
INITIAL {
    SOLVE d STEADYSTATE derivimplicit
    x = a
}
BREAKPOINT { SOLVE d METHOD derivimplicit }
DERIVATIVE d { a' = 1 - a  b' = a - b }
: CHECK-LABEL: STEADYSTATE {
: CHECK: 0 = residual of c1 = -(t_4 + t_6)
: CHECK: 0 = residual of o = c1 + c2 + o - 1.0
: CPP-LABEL: HOST_DEVICE inline void steady_state(
: CPP: const double t_3 = exp(t_1 * t_2);
: CPP: for (int rv_it = 0; rv_it < kMaxNewtonIterations && !rv_converged; ++rv_it) {
: CPP-NEXT: const double c1 = rv_y[0];
: CPP: rv_J[0] = 1.0;
: CPP: rv_J[0] -= kSteadyStateStep * (
: CPP: rv_J[8] = 1.0;
: CPP: rv_converged = newton_update<n>(rv_J, rv_f, rv_y);
: CPP: rv_in.fields[f_c1][rv_i] = rv_converged ? rv_y[0] : NAN;
: AFTER: steady_state.mod:12:5: error: INITIAL assigns 'x' after its SOLVE ... STEADYSTATE; that cannot be lowered yet (move the assignment before the SOLVE)
