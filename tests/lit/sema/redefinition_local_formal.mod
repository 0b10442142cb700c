: Tests that a LOCAL at the top of a body may not redeclare a formal of that FUNCTION or
: PROCEDURE: nocmodl passes both to C in one scope, where the C compiler rejects it.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX redeflf }
PROCEDURE q(a) { : expected-note {{previous definition is here}}
    LOCAL a : expected-error {{redefinition of 'a'}}
    a = 1
}
