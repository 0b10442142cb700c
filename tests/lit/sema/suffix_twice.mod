: Tests that a mechanism has one name: a second SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL is an
: error that names the first one.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON {
    SUFFIX first
    SUFFIX second : expected-error {{a mechanism has one SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL name; 'first' was given already}}
    POINT_PROCESS third : expected-error {{'first' was given already}}
}
