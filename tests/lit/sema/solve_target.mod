: Tests what may be solved: SOLVE of an undefined name, a FUNCTION or a variable is an error
: (with a note at the declaration when there is one), SOLVE inside IFERROR is checked too, and
: SOLVEFOR after a block name may list only STATEs.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX starget }
ASSIGNED { x } : expected-note {{'x' is declared here}}
STATE { s a b }
BREAKPOINT {
    SOLVE nothere : expected-error {{SOLVE names 'nothere', which is not a DERIVATIVE, KINETIC, LINEAR, NONLINEAR, DISCRETE block or PROCEDURE}}
    SOLVE f : expected-error {{SOLVE names 'f', which is not a DERIVATIVE}}
    SOLVE x : expected-error {{SOLVE names 'x', which is not a DERIVATIVE}}
    SOLVE e METHOD cnexp
    SOLVE d METHOD cnexp IFERROR {
        SOLVE missing : expected-error {{SOLVE names 'missing'}}
    }
}
FUNCTION f() { f = 1 } : expected-note {{'f' is declared here}}
DERIVATIVE d SOLVEFOR s { s' = -s a' = -a b' = -b }
DERIVATIVE e SOLVEFOR x, nope { b' = -b } : expected-error {{SOLVEFOR names 'x', which is not a STATE}}
: expected-error@-1 {{SOLVEFOR names 'nope', which is not a STATE}}
