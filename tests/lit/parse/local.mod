: Tests LOCAL: at top level (file-wide variables, arrays too), several names and arrays in one
: statement at the start of a block, and a LOCAL in a nested block that shadows an outer one.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX loc }
LOCAL top, toparr[2]
: CHECK: {{^}}LOCAL top, toparr[2]{{$}}
ASSIGNED { x }
INITIAL {
    LOCAL a, b[3]
    top = 1
    toparr[0] = 2
    a = 0
    b[1] = a
    {
        LOCAL a
        a = 5
        x = a
    }
}
: CHECK-LABEL: {{^}}INITIAL {
: CHECK-NEXT: {{^}}    LOCAL a, b[3]{{$}}
: CHECK-NEXT: {{^}}    top = 1{{$}}
: CHECK-NEXT: {{^}}    toparr[0] = 2{{$}}
: CHECK-NEXT: {{^}}    a = 0{{$}}
: CHECK-NEXT: {{^}}    b[1] = a{{$}}
: CHECK-NEXT: {{^}}    {{{$}}
: CHECK-NEXT: {{^}}        LOCAL a{{$}}
: CHECK-NEXT: {{^}}        a = 5{{$}}
: CHECK-NEXT: {{^}}        x = a{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}}{{$}}
