: RUN: %ranvier check --verify-diagnostics %s
: Undeclared names are errors when no VERBATIM code could declare them.
NEURON { SUFFIX undeclared }
ASSIGNED { x }
BREAKPOINT {
    x = y + 1 : expected-error {{use of undeclared identifier 'y'}}
    x = foo(x) : expected-error {{use of undeclared function 'foo'}}
}
