: Tests that an ARTIFICIAL_CELL cannot write an ion current (it has no membrane), while reading
: ion variables and writing concentrations is allowed.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON {
    ARTIFICIAL_CELL acell
    USEION na READ ena WRITE ina : expected-error {{an ARTIFICIAL_CELL has no membrane and cannot write ion current 'ina'}}
    USEION ca READ eca WRITE cai
}
NET_RECEIVE (w) { cai = eca }
