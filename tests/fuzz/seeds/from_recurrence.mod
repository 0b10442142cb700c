: A FROM loop whose bounds are parameters has a closed form when every variable it writes is a
: product or a sum with the same factor or term on each trip (the idiom for h^hexp with an
: integer parameter hexp). from_indexed.mod: a loop that uses its index does not.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
NEURON { SUFFIX powloop NONSPECIFIC_CURRENT i RANGE hexp, n }
PARAMETER { gbar = 1 hexp = 2 n = 3 e = 0 }
ASSIGNED { v i total }
STATE { h }
BREAKPOINT {
    LOCAL hval, k
    SOLVE d METHOD cnexp
    hval = 1
    total = 0
    FROM k = 1 TO hexp { hval = hval*h }
    FROM k = 0 TO n - 1 BY 2 { total = total + gbar }
    i = gbar*hval*(v - e)
}
DERIVATIVE d { h' = (1 - h) }
: CHECK: i_1 = pow(h, fmax(0.0, floor(hexp - 1.0) + 1.0))
: CHECK: i = i_1 * gbar * (v - e)
: CHECK-NEXT: di_dv = i_1 * gbar
