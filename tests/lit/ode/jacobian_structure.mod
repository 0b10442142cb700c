: The Jacobian holds the structural non-zeros only: two decoupled gates do not feed each other.
: RUN: %ranvier emit -w --stage=jacobian %s | FileCheck %s
NEURON { SUFFIX two USEION na READ ena WRITE ina }
PARAMETER { g = 1 (S/cm2) }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) }
STATE { m h }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ina = g*m*m*h*(v - ena)
}
DERIVATIVE states {
    m' = (1/(1 + exp(-v/5)) - m)/2
    h' = -h/10
}
: CHECK-LABEL: JACOBIAN two {
: CHECK-NOT: d(m')/d(h)
: CHECK-NOT: d(h')/d(m)
: CHECK-NOT: d(h')/d(v)
: CHECK-DAG: d(m')/d(m) = -0.5
: CHECK-DAG: d(m')/d(v) =
: CHECK-DAG: d(h')/d(h) = -0.1
: CHECK-DAG: d(ina)/d(m) = 2.0 * m * h * g * {{t_[0-9]+}}
: CHECK-DAG: d(ina)/d(h) =
: CHECK-DAG: d(ina)/d(v) = {{t_[0-9]+}} * h * g
