: Tests redefinitions among formals and LOCALs (error with a note), that a LOCAL may shadow a
: module-level name or an outer LOCAL, and that a top-level LOCAL repeating a declaration is only
: a warning (nocmodl accepts it).
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX redefl }
ASSIGNED { x }
LOCAL x : expected-warning {{LOCAL 'x' repeats the declaration of}}
PROCEDURE p(a, a) { } : expected-error {{redefinition of 'a'}}
: expected-note@-1 {{previous definition is here}}
PROCEDURE q(a) {
    LOCAL b, b : expected-error {{redefinition of 'b'}}
    : expected-note@-1 {{previous definition is here}}
}
PROCEDURE r() {
    LOCAL x
    x = 1
    { LOCAL x x = 2 }
}
