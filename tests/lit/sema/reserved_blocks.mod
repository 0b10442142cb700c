: Tests that NETWORK blocks (reserved for Ranvier's network descriptions) parse with any balanced
: content but are reported as not supported yet.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX reserved }
NETWORK ring { POPULATION exc = Pyramidal[800] { x } } : expected-error {{NETWORK blocks are reserved}}
NETWORK { } : expected-error {{NETWORK blocks are reserved}}
