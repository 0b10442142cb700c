: Tests that a non-ASCII character outside comments, VERBATIM and strings is an error, in a
: unit and in an expression, with a message that reads "unexpected non-ASCII character".
: RUN: %ranvier check --verify-diagnostics %s
NEURON { SUFFIX na9 }
ASSIGNED { x (µm) } : expected-error {{syntax error: unexpected non-ASCII character}}
BREAKPOINT { x = 1 é } : expected-error {{syntax error: unexpected non-ASCII character}}
