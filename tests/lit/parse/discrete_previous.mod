: Tests a@1, the value of a STATE at the previous step in a DISCRETE block (nocmodl accepts it).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX dp }
STATE { a }
BREAKPOINT { SOLVE update }
DISCRETE update { a = a@1 + 1 }
: CHECK: {{^}}    a = a@1 + 1{{$}}
