: Tests that undeclared names are errors wherever names are used: derivatives, reaction species,
: array indices, call arguments, conditions, LAG, CONDUCTANCE, TABLE and DEPEND lists, and that
: each name is reported once; a FROM loop variable is not visible after its loop.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX ukind }
STATE { s }
ASSIGNED { x a[2] }
BREAKPOINT { SOLVE d METHOD cnexp SOLVE k METHOD sparse }
DERIVATIVE d {
    s' = -s
    q' = 1 : expected-error {{use of undeclared identifier 'q'}}
}
KINETIC k {
    ~ s <-> r (1, 2) : expected-error {{use of undeclared identifier 'r'}}
}
INITIAL {
    x = a[idx] : expected-error {{use of undeclared identifier 'idx'}}
    x = exp(arg) + arg : expected-error {{use of undeclared identifier 'arg'}}
    if (cond) { x = 1 } : expected-error {{use of undeclared identifier 'cond'}}
    FROM i = 0 TO 1 { x = i }
    x = i : expected-error {{use of undeclared identifier 'i'}}
    LAG lagged BY tau : expected-error {{use of undeclared identifier 'lagged'}}
    : expected-error@-1 {{use of undeclared identifier 'tau'}}
    CONDUCTANCE gcond : expected-error {{use of undeclared identifier 'gcond'}}
    flag = 1 : expected-error {{use of undeclared identifier 'flag'}}
}
PROCEDURE t(v) {
    TABLE tabbed DEPEND dep FROM 0 TO 1 WITH 2 : expected-error {{use of undeclared identifier 'tabbed'}}
    : expected-error@-1 {{use of undeclared identifier 'dep'}}
}
