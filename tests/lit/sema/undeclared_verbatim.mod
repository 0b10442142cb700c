: Tests that with VERBATIM code in the module, undeclared names and functions are warnings (they
: may be C names declared there, as nocmodl assumes), each reported once, and the file is valid.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier check --units=off %s 2>&1 | FileCheck %s
NEURON { SUFFIX uv }
ASSIGNED { x }
VERBATIM
static double cvar;
static double cfun(double a) { return a; }
ENDVERBATIM
BREAKPOINT {
    x = cvar + 1 : expected-warning {{use of undeclared identifier 'cvar' (declared in VERBATIM code?)}}
    x = cfun(x) + cvar : expected-warning {{use of undeclared function 'cfun' (declared in VERBATIM code?)}}
}
: CHECK: undeclared_verbatim.mod:12:9: warning: use of undeclared identifier 'cvar'
: CHECK-NOT: warning: use of undeclared identifier 'cvar'
: CHECK-NOT: error
