: Tests that a VERBATIM block inside a procedure (not only at top level) also turns undeclared
: names anywhere in the module into warnings.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX uvb }
ASSIGNED { x }
INITIAL { x = ext_count } : expected-warning {{use of undeclared identifier 'ext_count'}}
PROCEDURE p() {
VERBATIM
    ext_count = 0;
ENDVERBATIM
}
