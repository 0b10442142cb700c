: Tests array sizes as nocmodl checks them: a size must be a positive integer, given as a number
: or a DEFINE of an integer; 0, 2.5, an undefined name and a non-DEFINE name are errors, as is a
: DEFINE of a non-integer.
: RUN: %ranvier check --units=off --verify-diagnostics %s
DEFINE HALF 1.5 : expected-error {{DEFINE 'HALF' must be an integer}}
DEFINE N 3
NEURON { SUFFIX asize }
PARAMETER { p = 2 }
ASSIGNED {
    ok1[3]
    ok2[N]
    zero[0] : expected-error {{array size must be a positive integer}}
    frac[2.5] : expected-error {{array size must be a positive integer}}
    undef[NOPE] : expected-error {{array size 'NOPE' is not a DEFINE}}
    param[p] : expected-error {{array size 'p' is not a DEFINE}}
}
