: Tests a DISCRETE block (SCoP's difference equations) solved without METHOD; its STATE is
: assigned there, so it needs no other equation.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX dc }
STATE { a }
BREAKPOINT { SOLVE update }
DISCRETE update { a = a + 1 }
: CHECK: {{^}}DISCRETE update {{{$}}
: CHECK-NEXT: {{^}}    a = a + 1{{$}}
