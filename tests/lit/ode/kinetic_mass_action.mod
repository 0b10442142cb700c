: KINETIC reactions become mass-action ODEs; COMPARTMENT volumes divide the rates.
: RUN: %ranvier emit --stage=ode %s | FileCheck %s
NEURON { SUFFIX kin }
PARAMETER { kf = 2 (/ms) kb = 3 (/ms) vol = 4 }
STATE { A B C }
BREAKPOINT { SOLVE scheme METHOD sparse }
KINETIC scheme {
    COMPARTMENT vol { C }
    ~ 2A + B <-> C (kf, kb)
}
: CHECK: METHOD sparse
: CHECK-NEXT: EQUATIONS {
: CHECK-NEXT: [[NET:t_1]] = A * A * B * kf - C * kb
: CHECK-NEXT: A' = -2.0 * [[NET]]
: CHECK-NEXT: B' = -[[NET]]
: CHECK-NEXT: C' = [[NET]] / vol
