: A SOLVEd DERIVATIVE block's side effects: rates(v) sets minf, which the current after the
: SOLVE reads, as in NEURON where the block runs at the SOLVE. The current has minf inlined as
: a function of v, and its d(i)/d(v) has minf's derivative.
: RUN: %ranvier emit -w --stage=ode %s | FileCheck %s
NEURON { SUFFIX tminf NONSPECIFIC_CURRENT i RANGE g, e, minf }
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) }
PARAMETER { g = 1e-3 (S/cm2) e = -80 (mV) }
ASSIGNED { v (mV) i (mA/cm2) minf }
STATE { h }
INITIAL { rates(v) h = 0.5 }
BREAKPOINT { SOLVE s METHOD cnexp  i = g*minf*h*(v-e) }
DERIVATIVE s { rates(v)  h' = (0.5-h)/10 }
PROCEDURE rates(v (mV)) { minf = 1/(1+exp(-(v+40)/5)) }
: CHECK:      EQUATIONS {
: CHECK-NEXT:     minf_1 = exp(-0.2 * (v + 40.0))
: CHECK-NEXT:     minf_2 = minf_1 + 1.0
: CHECK-NEXT:     minf = 1.0 / minf_2
: CHECK:          i = h * minf * g * i_1
: CHECK-NEXT:     di_dv = h * minf * g + 0.2 * h * minf_1 * g * i_1 / (minf_2 * minf_2)
