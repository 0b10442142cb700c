: SOLVE of a PROCEDURE (NEURON's hand-integrated style) runs the procedure where the SOLVE
: stands: the STATEs it writes become per-step updates, and the currents after it read the
: updated STATEs themselves.
: RUN: %ranvier emit -w --stage=ode %s | FileCheck %s
NEURON { SUFFIX leakgate NONSPECIFIC_CURRENT i }
PARAMETER { g = 0.001 (S/cm2) tau = 5 (ms) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { s }
BREAKPOINT {
    SOLVE step
    i = g*s*v
}
PROCEDURE step() { s = s + (1 - exp(-dt/tau))*(1 - s) }
: CHECK-LABEL: EQUATIONS {
: CHECK-NEXT: i = s * v * g
: CHECK-NEXT: di_dv = s * g
: CHECK-NEXT: }
: CHECK-NEXT: STEP {
: CHECK-NEXT: s = s + (1.0 - exp(-dt / tau)) * (1.0 - s)
