: A POINTER is a field the runtime binds: read like any input, written back when assigned.
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck %s
NEURON { POINT_PROCESS follow POINTER vpre, out RANGE g NONSPECIFIC_CURRENT i }
PARAMETER { g = 1 }
ASSIGNED { v i vpre out }
BREAKPOINT {
    i = g*(v - vpre)
}
INITIAL { out = 2*vpre }
: CHECK: const double vpre = rv_in.fields[f_vpre][rv_i];
: CHECK: rv_in.fields[f_out][rv_i] = rv_out0;
: CHECK: {"vpre", RV_POINTER, 0.0},
: CHECK-NEXT: {"out", RV_POINTER, 0.0},
