: Tests INCLUDE: the path is relative to the including file, an included file's own INCLUDE is
: relative to that file's folder (Inputs/nested/), names declared at every level are visible, and
: emit prints the INCLUDE lines themselves, not the included text.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX inc RANGE gbar }
INCLUDE "Inputs/include_decls.inc"
INCLUDE "Inputs/nested/outer.inc"
ASSIGNED { g }
BREAKPOINT { g = twice(gbar) from_outer = from_inner + 1 }
: CHECK: SUFFIX inc
: CHECK: {{^}}INCLUDE "Inputs/include_decls.inc"{{$}}
: CHECK-NEXT: {{^}}INCLUDE "Inputs/nested/outer.inc"{{$}}
: CHECK-NOT: twice(x)
: CHECK-NOT: from_inner =
: CHECK: g = twice(gbar)
