: Tests SOLVE with every METHOD that fits its block: the DERIVATIVE methods, sparse and euler
: for KINETIC, after_cvode and cvode_t for PROCEDUREs and KINETIC, SOLVE without METHOD,
: SOLVE ... STEADYSTATE in INITIAL and SOLVE ... IFERROR { } run when the solver fails.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX sm }
STATE { a b c d e f g h k l m n o }
ASSIGNED { x err }
INITIAL {
    SOLVE k1 STEADYSTATE sparse
    SOLVE d2 STEADYSTATE derivimplicit
}
: CHECK-LABEL: {{^}}INITIAL {
: CHECK-NEXT: {{^}}    SOLVE k1 STEADYSTATE sparse{{$}}
: CHECK-NEXT: {{^}}    SOLVE d2 STEADYSTATE derivimplicit{{$}}
BREAKPOINT {
    SOLVE d1 METHOD cnexp
    SOLVE d2 METHOD derivimplicit
    SOLVE d3 METHOD euler
    SOLVE d4 METHOD runge
    SOLVE d5 METHOD adrunge
    SOLVE d6 METHOD heun
    SOLVE d7 METHOD adams
    SOLVE d8 METHOD gear
    SOLVE d9 METHOD clsoda
    SOLVE d10
    SOLVE d11 METHOD after_cvode
    SOLVE k1 METHOD sparse
    SOLVE k2 METHOD euler
    SOLVE k1 METHOD after_cvode
    SOLVE k2 METHOD cvode_t
    SOLVE p1 METHOD after_cvode
    SOLVE p1 METHOD cvode_t
    SOLVE k1 METHOD sparse IFERROR { err = 1 }
    SOLVE d2 METHOD derivimplicit IFERROR {
        err = 2
    }
}
: CHECK-LABEL: {{^}}BREAKPOINT {
: CHECK-NEXT: SOLVE d1 METHOD cnexp
: CHECK-NEXT: SOLVE d2 METHOD derivimplicit
: CHECK-NEXT: SOLVE d3 METHOD euler
: CHECK-NEXT: SOLVE d4 METHOD runge
: CHECK-NEXT: SOLVE d5 METHOD adrunge
: CHECK-NEXT: SOLVE d6 METHOD heun
: CHECK-NEXT: SOLVE d7 METHOD adams
: CHECK-NEXT: SOLVE d8 METHOD gear
: CHECK-NEXT: SOLVE d9 METHOD clsoda
: CHECK-NEXT: {{^}}    SOLVE d10{{$}}
: CHECK-NEXT: SOLVE d11 METHOD after_cvode
: CHECK-NEXT: SOLVE k1 METHOD sparse
: CHECK-NEXT: SOLVE k2 METHOD euler
: CHECK-NEXT: SOLVE k1 METHOD after_cvode
: CHECK-NEXT: SOLVE k2 METHOD cvode_t
: CHECK-NEXT: SOLVE p1 METHOD after_cvode
: CHECK-NEXT: SOLVE p1 METHOD cvode_t
: CHECK-NEXT: {{^}}    SOLVE k1 METHOD sparse IFERROR {{{$}}
: CHECK-NEXT: {{^}}        err = 1{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    SOLVE d2 METHOD derivimplicit IFERROR {{{$}}
: CHECK-NEXT: {{^}}        err = 2{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}}{{$}}
DERIVATIVE d1 { a' = -a }
DERIVATIVE d2 { b' = -b }
DERIVATIVE d3 { c' = -c }
DERIVATIVE d4 { d' = -d }
DERIVATIVE d5 { e' = -e }
DERIVATIVE d6 { f' = -f }
DERIVATIVE d7 { g' = -g }
DERIVATIVE d8 { h' = -h }
DERIVATIVE d9 { k' = -k }
DERIVATIVE d10 { n' = -n }
DERIVATIVE d11 { o' = -o }
KINETIC k1 { ~ l <-> m (1, 2) }
KINETIC k2 { ~ l <-> m (1, 2) }
PROCEDURE p1() { x = 1 }
