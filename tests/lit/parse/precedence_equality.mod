: Tests that == and != bind more loosely than < > <= >=, as in the C that nocmodl emits: nocmodl
: copies 'a == b < c' to C, where it means a == (b < c).
: RUN: %ranvier emit --stage=ast %s | FileCheck %s
NEURON { SUFFIX preq }
ASSIGNED { a b c x }
BREAKPOINT {
    x = a == b < c
    x = a < b == c
    x = a != b >= c
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: {{^}}    x = (== a (< b c)){{$}}
: CHECK-NEXT: {{^}}    x = (== (< a b) c){{$}}
: CHECK-NEXT: {{^}}    x = (!= a (>= b c)){{$}}
