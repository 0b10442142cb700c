: Tests that a LINEAR or NONLINEAR block has as many '~' equations as STATEs it uses, as nocmodl
: requires ("Number states, 2, unequal to equations, 1").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX eqcount }
STATE { x y z }
BREAKPOINT { SOLVE few SOLVE many }
LINEAR few { : expected-error {{LINEAR block 'few' has 1 equation for 2 STATEs}}
    ~ x + y = 1
}
NONLINEAR many { : expected-error {{NONLINEAR block 'many' has 2 equations for 1 STATE}}
    ~ z*z = 4
    ~ z = 2
}
