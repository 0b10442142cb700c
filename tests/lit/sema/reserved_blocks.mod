: Tests that CELL and NETWORK blocks (reserved for Ranvier's cell and network descriptions) parse
: with any balanced content but are reported as not supported yet.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX reserved }
CELL pyramidal { soma { L = 20 diam = 20 } insert(hh) } : expected-error {{CELL blocks are reserved for Ranvier's cell and network descriptions and are not supported yet}}
NETWORK { } : expected-error {{NETWORK blocks are reserved}}
