: METHOD cnexp: an equation linear in its state gets the exact update y + dt f / exprelr(b dt);
: one that is not linear is reported.
: RUN: %ranvier emit --units=off --stage=ode %s 2>&1 | FileCheck %s
NEURON { SUFFIX lin }
PARAMETER { tau = 3 (ms) }
STATE { m q }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    m' = (0.5 - m)/tau
    q' = -q*q
}
: CHECK: cnexp.mod:10:5: warning: METHOD cnexp: the equation of 'q' is not linear in it
: CHECK-LABEL: CNEXP {
: CHECK-NEXT: [[INV:t_1]] = 1.0 / tau
: CHECK-NEXT: m = m + (0.5 - m) * [[INV]] * dt / exprelr(-[[INV]] * dt)
: CHECK-NEXT: }
