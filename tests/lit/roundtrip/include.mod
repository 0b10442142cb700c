: Tests the round trip of a file with INCLUDE: the printed file keeps the INCLUDE line, so it is
: written next to a copy of the included file (INCLUDE resolves relative to the including file).
: RUN: rm -rf %t.dir && mkdir -p %t.dir/Inputs && cp %S/Inputs/rt_decls.inc %t.dir/Inputs/
: RUN: %ranvier emit --stage=nmodl %s > %t.dir/out.mod
: RUN: %ranvier emit --stage=ast %s > %t.1 && %ranvier emit --stage=ast %t.dir/out.mod > %t.2 && diff %t.1 %t.2
: RUN: %ranvier check --units=off %t.dir/out.mod
NEURON { SUFFIX incrt RANGE gbar }
INCLUDE "Inputs/rt_decls.inc"
ASSIGNED { g }
BREAKPOINT { g = twice(gbar) }
