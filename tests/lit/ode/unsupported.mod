: What cannot be lowered yet says so, with the location.
: RUN: not %ranvier emit --stage=ode %s 2>&1 | FileCheck %s
NEURON { SUFFIX w }
ASSIGNED { x }
STATE { s }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    x = 0
    WHILE (x < 3) { x = x + 1 }
    s' = -s*x
}
: CHECK: unsupported.mod:9:5: error: WHILE loops cannot be lowered to the ODE system yet
