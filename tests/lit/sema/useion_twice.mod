: Tests that naming one ion in two USEION statements is an error, as in nocmodl ("merging of
: neuron models not supported yet"), with a note at the first USEION.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON {
    SUFFIX uion2
    USEION na READ ena : expected-note {{previous USEION of 'na' is here}}
    USEION na WRITE ina : expected-error {{ion 'na' is named by more than one USEION}}
}
ASSIGNED { v }
BREAKPOINT { ina = v - ena }
