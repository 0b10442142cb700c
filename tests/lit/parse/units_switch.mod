: Tests UNITSOFF / UNITSON at top level and in statement blocks: emit keeps each where it was,
: and a unit mismatch between UNITSOFF and UNITSON is not reported even with --units=strict.
: RUN: %ranvier check --units=strict --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
UNITSOFF
: CHECK: {{^}}UNITSOFF{{$}}
NEURON { SUFFIX us }
PARAMETER { a = 1 (mV) }
ASSIGNED { x (ms) }
UNITSON
: CHECK: {{^}}UNITSON{{$}}
BREAKPOINT {
    UNITSOFF
    x = a
    UNITSON
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    UNITSOFF{{$}}
: CHECK-NEXT: {{^}}    x = a{{$}}
: CHECK-NEXT: {{^}}    UNITSON{{$}}
: CHECK-NEXT: {{^}}}
