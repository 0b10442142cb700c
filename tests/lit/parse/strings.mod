: Tests string arguments: printf with a format string and escapes, strings mixed with
: expressions, and an empty string; the text is kept exactly.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX str }
ASSIGNED { x }
INITIAL {
    printf("x = %g, %s\n", x + 1, "done")
    printf("")
    printf("tab\t'quote' : not a comment ? either\n")
}
: CHECK: {{^}}    printf("x = %g, %s\n", x + 1, "done"){{$}}
: CHECK-NEXT: {{^}}    printf(""){{$}}
: CHECK-NEXT: {{^}}    printf("tab\t'quote' : not a comment ? either\n"){{$}}
