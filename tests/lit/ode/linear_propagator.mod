: A coupled system linear in its states with coefficients free of them (a LIF neuron driven by
: an exponential synaptic current) gets the exact propagator: A and b from the instance, then
: the matrix exponential (expm.h). An uncoupled or nonlinear system does not.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck --check-prefix=CPP %s
NEURON { POINT_PROCESS lifsyn }
PARAMETER { tau_m = 10 tau_s = 2 E = -70 }
STATE { V I }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    V' = (E - V + I)/tau_m
    I' = -I/tau_s
}
: CHECK-LABEL: LINEAR SYSTEM (exact propagator) {
: CHECK-DAG: A[V, V] = -[[M:t_[0-9]+]]
: CHECK-DAG: A[V, I] = [[M]]
: CHECK-DAG: b[V] = E * [[M]]
: CHECK-DAG: A[I, I] = -1.0 / tau_s
: CHECK-DAG: b[I] = 0.0
: CPP: #include "ranvier/kernel/expm.h"
: CPP-LABEL: HOST_DEVICE inline void propagate(
: CPP: linear_propagate<n>(rv_A, rv_b, rv_y, rv_in.globals[RV_DT]);
: CPP: ranvier::generated::lifsyn::propagate_all,
