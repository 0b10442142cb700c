: Tests the warning for a STATE that has no equation and is never assigned, at its declaration;
: a STATE with a derivative, in a reaction, or assigned (in INITIAL or NET_RECEIVE) is not
: reported.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier check --units=off %s 2>&1 | FileCheck %s
NEURON { POINT_PROCESS noeq }
STATE {
    unused : expected-warning {{STATE 'unused' has no equation and is never assigned}}
    der
    kin1
    kin2
    evented
}
BREAKPOINT { SOLVE d METHOD cnexp SOLVE k METHOD sparse }
DERIVATIVE d { der' = -der }
KINETIC k { ~ kin1 <-> kin2 (1, 2) }
NET_RECEIVE (w) { evented = evented + w }
: CHECK: state_no_equation.mod:8:5: warning: STATE 'unused' has no equation and is never assigned
: CHECK-NOT: warning:
