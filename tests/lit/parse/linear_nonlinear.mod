: Tests LINEAR and NONLINEAR blocks with '~ lhs = rhs' equations, solved by METHOD simeq and
: newton and without METHOD from INITIAL. STATEs that appear in the equations have equations:
: no "STATE has no equation" warning.
: RUN: %ranvier emit --stage=ast %s | FileCheck %s
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX lin }
STATE { x y z }
ASSIGNED { a }
INITIAL { SOLVE eqs }
BREAKPOINT {
    SOLVE eqs METHOD simeq
    SOLVE neqs METHOD newton
    a = x + y + z
}
LINEAR eqs {
    ~ x + y = 1
    ~ x - y = 2*a
}
NONLINEAR neqs {
    ~ z*z = 4
}
: CHECK: {{^}}    SOLVE eqs{{$}}
: CHECK: {{^}}    SOLVE eqs METHOD simeq{{$}}
: CHECK-NEXT: {{^}}    SOLVE neqs METHOD newton{{$}}
: CHECK-LABEL: {{^}}LINEAR eqs {
: CHECK-NEXT: {{^}}    ~ (+ x y) = 1{{$}}
: CHECK-NEXT: {{^}}    ~ (- x y) = (* 2 a){{$}}
: CHECK-NEXT: {{^}}}{{$}}
: CHECK-LABEL: {{^}}NONLINEAR neqs {
: CHECK-NEXT: {{^}}    ~ (* z z) = 4{{$}}
