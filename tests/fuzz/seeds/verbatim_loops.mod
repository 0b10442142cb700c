: C loops in VERBATIM are NMODL WHILE loops: `for (init; c; step) body` is init; WHILE (c)
: { body step }. A counted loop unrolls; one whose trip count is known only at run time becomes
: a loop in the kernel. break and continue are refused (verbatim_refused.mod).
: RUN: %ranvier emit -w --units=off --stage=ode %s | FileCheck %s
: RUN: %ranvier emit -w --units=off --stage=cpp %s | FileCheck --check-prefix=CPP %s
NEURON { ARTIFICIAL_CELL vloop RANGE n }
PARAMETER { n = 4 }
ASSIGNED { s p }
INITIAL {
VERBATIM
    int i;
    s = 0;
    for (i = 0; i < 3; i++) { s += i + 1; }
    p = 1;
    while (p < n) p *= 2;
ENDVERBATIM
}
: CHECK-LABEL: LOOP loop0 (line 15) {
: CHECK-NEXT: loop0.p from = 1.0
: CHECK-NEXT: while = loop0.p < n
: CHECK-NEXT: loop0.p next = 2.0 * loop0.p
: CHECK-LABEL: INITIAL {
: CHECK-NEXT: s = 6.0
: CHECK-NEXT: p = loop0.p
: CPP: if (!(p_loop < n)) break;
: CPP-NEXT: rv_w0[0] = 2.0 * p_loop;
