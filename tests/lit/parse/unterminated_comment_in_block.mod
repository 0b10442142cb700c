: Tests that a COMMENT left open inside a statement block is reported as unterminated at its
: keyword, not as syntax errors in the text that follows it.
: RUN: %ranvier check --verify-diagnostics %s
NEURON { SUFFIX ucb }
ASSIGNED { x }
INITIAL {
    COMMENT : expected-error {{unterminated COMMENT block}}
    x is not set here
}
