: Tests names used as the wrong kind: a variable called as a function, a FUNCTION, PROCEDURE or
: block used as a variable or assigned, a block called; each with a note at the declaration.
: A FUNCTION's own name is its result variable inside its body only.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX misuse }
PARAMETER { p = 1 } : expected-note {{'p' is declared here}}
ASSIGNED { x }
STATE { s }
FUNCTION f(a) { : expected-note {{'f' is declared here}} expected-note {{'f' is declared here}}
    f = a + f
}
PROCEDURE pr() { } : expected-note {{'pr' is declared here}}
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d { s' = -s } : expected-note {{'d' is declared here}} expected-note {{'d' is declared here}}
: expected-note@-1 {{'d' is declared here}}
INITIAL {
    x = p(1) : expected-error {{'p' is a PARAMETER, not a function}}
    x = f : expected-error {{'f' is a FUNCTION, not a variable}}
    f = 1 : expected-error {{'f' is a FUNCTION and cannot be assigned}}
    x = pr : expected-error {{'pr' is a PROCEDURE, not a variable}}
    x = d : expected-error {{'d' is a block, not a variable}}
    d = 1 : expected-error {{'d' is a block and cannot be assigned}}
    d() : expected-error {{'d' is a block, not a function}}
}
