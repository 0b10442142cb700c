: Tests USEION variable names: READ and WRITE may name only e<ion>, <ion>i, <ion>o and i<ion>;
: a variable of another ion is an error that lists the allowed names.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON {
    SUFFIX uion
    USEION na READ ena, nai, nao, ik WRITE ina : expected-error {{'ik' is not a variable of ion 'na' (expected ena, nai, nao or ina)}}
    USEION ca READ eca WRITE cai, ica, ina : expected-error {{'ina' is not a variable of ion 'ca'}}
    USEION k READ v : expected-error {{'v' is not a variable of ion 'k'}}
}
ASSIGNED { v }
