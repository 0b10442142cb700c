: Tests that the derivative of a LOCAL is an error like that of any non-STATE (nocmodl: "must be
: declared as a state variable").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX derl }
STATE { s }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    LOCAL l
    l' = 1 : expected-error {{'l' is a LOCAL variable, not a STATE; only STATEs have derivatives}}
    s' = -s
}
