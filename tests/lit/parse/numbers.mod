: Tests the number forms: integers, a trailing '.', a leading '.', exponents with and without a
: sign in either case, and negative values in declarations; emit keeps each spelling.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX num }
PARAMETER { a = 1 b = 1. c = .5 d = 1e-3 e = 1.5E+3 f = -2 h = 1E5 k = 2.e2 m = -.5e-1 }
: CHECK-LABEL: {{^}}PARAMETER {
: CHECK-NEXT: a = 1{{$}}
: CHECK-NEXT: b = 1.{{$}}
: CHECK-NEXT: c = .5{{$}}
: CHECK-NEXT: d = 1e-3{{$}}
: CHECK-NEXT: e = 1.5E+3{{$}}
: CHECK-NEXT: f = -2{{$}}
: CHECK-NEXT: h = 1E5{{$}}
: CHECK-NEXT: k = 2.e2{{$}}
: CHECK-NEXT: m = -.5e-1{{$}}
ASSIGNED { x }
BREAKPOINT { x = 1 + 1. + .5 + 1e-3 + 1.5E+3 + 1E5 + 2.e2 + 0.25e-2 + 007 + a + b + c + d + e + f + h + k + m }
: CHECK: x = 1 + 1. + .5 + 1e-3 + 1.5E+3 + 1E5 + 2.e2 + 0.25e-2 + 007 + a
