: The removable singularity of alpha_m at v = -40 becomes exprelr, whose derivative is exact.
: RUN: %ranvier emit -w --stage=jacobian %s | FileCheck %s
NEURON { SUFFIX na_exprelr }
ASSIGNED { v (mV) }
STATE { m }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    LOCAL alpha, beta
    UNITSOFF
    alpha = 0.1*(v + 40)/(1 - exp(-(v + 40)/10))
    beta = 4*exp(-(v + 65)/18)
    UNITSON
    m' = alpha*(1 - m) - beta*m
}
: CHECK: exprelr(
: CHECK: exprelr_d1(
: CHECK-NOT: / (1.0 - exp
