: Tests that a FUNCTION_TABLE needs at least one argument, as nocmodl requires ("FUNCTION_TABLE
: declaration must have one or more arguments").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX ftna }
FUNCTION_TABLE tab0() : expected-error {{FUNCTION_TABLE 'tab0' must have at least one argument}}
