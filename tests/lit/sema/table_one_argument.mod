: Tests that a FUNCTION or PROCEDURE holding a TABLE must have exactly one argument (the table's
: index), as nocmodl requires.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX t1arg }
ASSIGNED { x }
PROCEDURE none() {
    TABLE x FROM 0 TO 1 WITH 10 : expected-error {{a PROCEDURE with a TABLE must have exactly one argument}}
    x = 1
}
FUNCTION two(a, b) {
    TABLE FROM 0 TO 1 WITH 10 : expected-error {{a FUNCTION with a TABLE must have exactly one argument}}
    two = a + b
}
