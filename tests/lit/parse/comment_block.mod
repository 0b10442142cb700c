: Tests COMMENT ... ENDCOMMENT at top level, in NEURON, in declaration blocks and in statement
: blocks: the text between the keywords is kept byte for byte through emit.
: (nocmodl 7.7 accepts COMMENT only at top level and in statement blocks; Ranvier also here.)
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
COMMENT
  top-level   text, blanks kept
	a tab, "quotes", braces { } and : a colon
  VERBATIM and NEURON { are just words here
ENDCOMMENT
: CHECK: {{^}}COMMENT{{$}}
: CHECK-NEXT: {{^}}  top-level   text, blanks kept{{$}}
: CHECK-NEXT: {{^}}	a tab, "quotes", braces { } and : a colon{{$}}
: CHECK-NEXT: {{^}}  VERBATIM and NEURON { are just words here{{$}}
: CHECK-NEXT: {{^}}ENDCOMMENT{{$}}

NEURON {
    COMMENT in the NEURON block ENDCOMMENT
    SUFFIX cb
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: COMMENT in the NEURON block ENDCOMMENT
: CHECK-NEXT: SUFFIX cb

PARAMETER {
    COMMENT
    in PARAMETER
    ENDCOMMENT
    g = 1
}
: CHECK-LABEL: {{^}}PARAMETER {
: CHECK-NEXT: COMMENT
: CHECK-NEXT: {{^}}    in PARAMETER{{$}}
: CHECK-NEXT: ENDCOMMENT
: CHECK-NEXT: g = 1

ASSIGNED { COMMENT a ENDCOMMENT x }
: CHECK-LABEL: {{^}}ASSIGNED {
: CHECK-NEXT: COMMENT a ENDCOMMENT
: CHECK-NEXT: x

BREAKPOINT {
    COMMENT
    x = 2 is not code
    ENDCOMMENT
    x = g
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: COMMENT
: CHECK-NEXT: {{^}}    x = 2 is not code{{$}}
: CHECK-NEXT: ENDCOMMENT
: CHECK-NEXT: x = g
: CHECK-NEXT: {{^}}}
