: Tests the grammar of messages: an argument-count error with one argument says "1 was given",
: and messages naming the kind of a declaration use the right article ("an ASSIGNED variable",
: "an ion variable", not "a ASSIGNED variable").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX wording USEION na READ ena } : expected-note {{'ena' is declared here}}
ASSIGNED { a } : expected-note {{'a' is declared here}} expected-note {{'a' is declared here}}
LOCAL a : expected-warning {{LOCAL 'a' repeats the declaration of an ASSIGNED variable}}
STATE { s }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    s' = -s
    a' = 1 : expected-error {{'a' is an ASSIGNED variable, not a STATE}}
}
FUNCTION g(x, y) { g = x + y }
INITIAL {
    s = a(1) : expected-error {{'a' is an ASSIGNED variable, not a function}}
    s = ena(1) : expected-error {{'ena' is an ion variable, not a function}}
    s = g(1) : expected-error {{'g' takes 2 arguments but 1 was given}}
    s = pow(2) : expected-error {{'pow' takes 2 arguments but 1 was given}}
}
