: Tests the blocks run around NEURON's phases: BEFORE and AFTER for BREAKPOINT, SOLVE, INITIAL
: and STEP, and the CONSTRUCTOR and DESTRUCTOR of a point process (usually VERBATIM C inside).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { POINT_PROCESS ba RANGE n }
ASSIGNED { x n }
BEFORE BREAKPOINT { x = 1 }
AFTER SOLVE { x = 2 }
BEFORE INITIAL { x = 3 }
AFTER INITIAL { x = 4 }
BEFORE STEP { x = 5 }
: CHECK: {{^}}BEFORE BREAKPOINT {{{$}}
: CHECK-NEXT: {{^}}    x = 1{{$}}
: CHECK-NEXT: {{^}}}{{$}}
: CHECK-NEXT: {{^}}AFTER SOLVE {{{$}}
: CHECK-NEXT: {{^}}    x = 2{{$}}
: CHECK-NEXT: {{^}}}{{$}}
: CHECK-NEXT: {{^}}BEFORE INITIAL {{{$}}
: CHECK: {{^}}AFTER INITIAL {{{$}}
: CHECK: {{^}}BEFORE STEP {{{$}}
CONSTRUCTOR {
    n = 0
VERBATIM
    /* allocate */
ENDVERBATIM
}
DESTRUCTOR {
VERBATIM
    /* free */
ENDVERBATIM
}
: CHECK-LABEL: {{^}}CONSTRUCTOR {
: CHECK-NEXT: {{^}}    n = 0{{$}}
: CHECK-NEXT: {{^}}    VERBATIM{{$}}
: CHECK-NEXT: {{^}}    /* allocate */{{$}}
: CHECK-NEXT: {{^}}ENDVERBATIM{{$}}
: CHECK-NEXT: {{^}}}{{$}}
: CHECK-LABEL: {{^}}DESTRUCTOR {
: CHECK-NEXT: {{^}}    VERBATIM{{$}}
: CHECK-NEXT: {{^}}    /* free */{{$}}
