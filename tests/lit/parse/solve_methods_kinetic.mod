: Tests that the explicit and adaptive integrators also solve KINETIC blocks (nocmodl accepts
: runge, heun, adams, gear, clsoda, adrunge and adeuler on KINETIC), and that adeuler is a
: known METHOD for DERIVATIVE blocks too.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX smk }
STATE { a b c }
BREAKPOINT {
    SOLVE k METHOD runge
    SOLVE k METHOD heun
    SOLVE k METHOD adams
    SOLVE k METHOD gear
    SOLVE k METHOD clsoda
    SOLVE k METHOD adrunge
    SOLVE k METHOD adeuler
    SOLVE d METHOD adeuler
}
KINETIC k { ~ a <-> b (1, 2) }
DERIVATIVE d { c' = -c }
