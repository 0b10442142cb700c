: Tests the nesting limit that bounds recursion on hostile input: brackets nested 256 deep
: (braces included) parse (Inputs/deep_ok.inc), one more is an error at the bracket that goes
: too deep.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier check --units=off %S/Inputs/deep_ok.inc
NEURON { SUFFIX deep }
ASSIGNED { x }
BREAKPOINT { x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) } : expected-error {{brackets nested more than 256 deep}}
