: Tests LAG x BY tau (which declares lag_x_tau) and CONDUCTANCE g [USEION ion] statements.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX lag USEION na READ ena WRITE ina USEION k READ ek WRITE ik }
PARAMETER { tau = 10 (ms) gbar = 1 }
ASSIGNED { v (mV) ena ina ek ik gna gk x }
BREAKPOINT {
    LAG v BY tau
    x = lag_v_tau
    gna = gbar
    gk = gbar*x
    ina = gna*(v - ena)
    ik = gk*(v - ek)
    CONDUCTANCE gna USEION na
    CONDUCTANCE gk
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    LAG v BY tau{{$}}
: CHECK-NEXT: {{^}}    x = lag_v_tau{{$}}
: CHECK: {{^}}    CONDUCTANCE gna USEION na{{$}}
: CHECK-NEXT: {{^}}    CONDUCTANCE gk{{$}}
