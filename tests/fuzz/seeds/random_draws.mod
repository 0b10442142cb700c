: Random numbers: each call site is one draw from the instance's stream, of a standard law, with
: the parameters applied around it; noise drawn in a SOLVEd PROCEDURE is a per-step update.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
NEURON { POINT_PROCESS noisy RANGE g0, sigma, tau NONSPECIFIC_CURRENT i }
PARAMETER { g0 = 1 sigma = 0.5 tau = 5 e = 0 }
ASSIGNED { v i start }
STATE { g }
INITIAL { g = g0 + sigma*normrand(0, 1) start = exprand(3) + scop_random() }
BREAKPOINT {
    SOLVE ou
    i = g*(v - e)
}
PROCEDURE ou() { g = g + (g0 - g)*dt/tau + sigma*sqrt(dt)*normrand(0, 1) }
: CHECK-LABEL: STEP {
: CHECK-NEXT:     @draw0 ~ normal(0, 1)
: CHECK:     g = {{.*}}@draw0
: CHECK-LABEL: INITIAL {
: CHECK-NEXT:     @draw0 ~ normal(0, 1)
: CHECK-NEXT:     @draw1 ~ exponential(1)
: CHECK-NEXT:     @draw2 ~ uniform(0, 1)
: CHECK-DAG:     g = g0 + sigma * @draw0
: CHECK-DAG:     start = 3.0 * @draw1 + @draw2
