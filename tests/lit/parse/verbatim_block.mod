: Tests VERBATIM ... ENDVERBATIM at top level, in NEURON, in PARAMETER and in statement blocks:
: the C text is kept byte for byte through emit (':' inside it is C, not a comment).
: (nocmodl 7.7 accepts VERBATIM only at top level and in statement blocks; Ranvier also here.)
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
VERBATIM
#include <stdio.h>
static double  two = 2.0; /* cond ? a : b */
ENDVERBATIM
: CHECK: {{^}}VERBATIM{{$}}
: CHECK-NEXT: {{^}}#include <stdio.h>{{$}}
: CHECK-NEXT: {{^}}static double  two = 2.0; /* cond ? a : b */{{$}}
: CHECK-NEXT: {{^}}ENDVERBATIM{{$}}

NEURON {
    SUFFIX vb
    VERBATIM
  /* C in the NEURON block */
    ENDVERBATIM
    RANGE x
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: SUFFIX vb
: CHECK-NEXT: VERBATIM
: CHECK-NEXT: {{^}}  /* C in the NEURON block */{{$}}
: CHECK-NEXT: ENDVERBATIM
: CHECK-NEXT: RANGE x

PARAMETER {
    g = 1
    VERBATIM static int k; ENDVERBATIM
}
: CHECK-LABEL: {{^}}PARAMETER {
: CHECK-NEXT: g = 1
: CHECK-NEXT: VERBATIM static int k; ENDVERBATIM

ASSIGNED { x }
BREAKPOINT {
    x = g
VERBATIM
    x = two ? two : 0.0;
ENDVERBATIM
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: x = g
: CHECK-NEXT: VERBATIM
: CHECK-NEXT: {{^}}    x = two ? two : 0.0;{{$}}
: CHECK-NEXT: ENDVERBATIM
: CHECK-NEXT: {{^}}}
