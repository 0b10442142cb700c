: A comment inside a unit is not part of it (a fuzzer finding: the comment used to print back
: inside the parentheses, on one line, and hide the closing one).
: RUN: %ranvier emit --units=off --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX cu }
ASSIGNED { g (S/cm ? per area
    2) r ( ohm   cm ) }
: CHECK: g (S/cm 2)
: CHECK-NEXT: r (ohm cm)
