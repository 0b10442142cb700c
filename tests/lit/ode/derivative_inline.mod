: Lowering inlines PROCEDUREs and FUNCTIONs, and turns IF/ELSE into select.
: RUN: %ranvier emit -w --stage=ode %s | FileCheck %s
NEURON { SUFFIX gate USEION k READ ek WRITE ik RANGE gbar }
PARAMETER { gbar = 0.01 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) ninf tau (ms) }
STATE { n }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n*(v - ek)
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/tau
}
PROCEDURE rates(u (mV)) {
    ninf = boltz(u, -30)
    IF (u > 0) { tau = 2 } ELSE { tau = 5 }
}
FUNCTION boltz(x, half) { boltz = 1/(1 + exp(-(x - half)/10)) }
: CHECK-LABEL: MECHANISM gate (density)
: CHECK-NEXT: METHOD cnexp
: CHECK: n' = (1.0 / (exp(-0.1 * (v + 30.0)) + 1.0) - n) / (v > 0.0 ? 2.0 : 5.0)
: CHECK-NOT: rates(
: CHECK-NOT: boltz(
: CHECK: ik = n * gbar * (v - ek)
: CHECK-NEXT: dik_dv = n * gbar
