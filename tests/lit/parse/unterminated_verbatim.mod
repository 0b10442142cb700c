: Tests that a VERBATIM without ENDVERBATIM is reported at the VERBATIM keyword.
: RUN: %ranvier check --verify-diagnostics %s
NEURON { SUFFIX uv }
: expected-error@+1 {{unterminated VERBATIM block (missing ENDVERBATIM)}}
VERBATIM
static double x;
