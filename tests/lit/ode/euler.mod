: METHOD euler is NEURON's explicit forward Euler in the fixed step: every state advances by
: dt times its derivative at the values before the step (the advance kernel); variable-step
: integrators use the right-hand side as for any DERIVATIVE block. The fixed-step updates print
: under CNEXP, as those of METHOD cnexp.
: RUN: %ranvier emit -w --stage=ode %s | FileCheck %s
NEURON { SUFFIX feuler }
STATE { a b }
BREAKPOINT { SOLVE s METHOD euler }
DERIVATIVE s { a' = -2*a*b  b' = a - b }
: CHECK:      a' = -2.0 * a * b
: CHECK-NEXT: b' = a - b
: CHECK:      CNEXP {
: CHECK-NEXT:     a = a - 2.0 * a * b * dt
: CHECK-NEXT:     b = b + (a - b) * dt
