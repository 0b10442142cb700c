: Tests how variables may be used: CONSTANTs, DEFINEs and UNITS constants cannot be assigned
: (PARAMETERs can, e.g. in INITIAL), and indexing a scalar (a declaration, a LOCAL, a formal) is
: an error in expressions and on the left of an assignment, while arrays index fine.
: RUN: %ranvier check --units=off --verify-diagnostics %s
DEFINE N 2
NEURON { SUFFIX assignidx }
UNITS { FARADAY = (faraday) (coulomb) }
CONSTANT { c = 1 }
PARAMETER { p = 1 }
ASSIGNED { x arr[3] }
INITIAL {
    c = 2 : expected-error {{cannot assign to CONSTANT 'c'}}
    N = 3 : expected-error {{cannot assign to DEFINE 'N'}}
    FARADAY = 1 : expected-error {{cannot assign to UNITS constant 'FARADAY'}}
    p = c + N + FARADAY
}
PROCEDURE q(f) {
    LOCAL l, la[2]
    x = x[0] : expected-error {{'x' is not an array but is indexed}}
    x[1] = 0 : expected-error {{'x' is not an array but is indexed}}
    x = l[1] : expected-error {{'l' is not an array but is indexed}}
    x = f[0] : expected-error {{'f' is not an array but is indexed}}
    la[1] = arr[2] + arr[x]
}
