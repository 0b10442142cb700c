: A FROM loop with parameter bounds whose body uses the index has no closed form here.
: RUN: not %ranvier emit --units=off --stage=ode %s 2>&1 | FileCheck %s
NEURON { SUFFIX idx NONSPECIFIC_CURRENT i RANGE n }
PARAMETER { n = 3 }
ASSIGNED { v i s }
BREAKPOINT {
    LOCAL k
    s = 0
    FROM k = 1 TO n { s = s + k }
    i = s*v
}
: CHECK: from_indexed.mod:9:5: error: FROM loop bounds must be constants to lower the loop, unless its body is a product or sum that does not use the loop index (x = x*a, x = x + a)
