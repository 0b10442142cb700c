: Tests that a VERBATIM left open inside a statement block is reported as unterminated at its
: keyword, not as syntax errors in the C text that follows it.
: RUN: %ranvier check --verify-diagnostics %s
NEURON { SUFFIX ub }
ASSIGNED { x }
BREAKPOINT {
    x = 1
    VERBATIM : expected-error {{unterminated VERBATIM block}}
    x = 2;
}
