: Tests NEURON names that are declared nowhere: POINTER and BBCOREPOINTER are errors as in
: nocmodl ("does not have a proper declaration"); RANGE and GLOBAL only warn (nocmodl accepts an
: undeclared GLOBAL in THREADSAFE mechanisms, and NEURON's own tests rely on it).
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON {
    POINT_PROCESS nundecl
    RANGE declared, nothing : expected-warning {{RANGE names 'nothing', which is not declared}}
    GLOBAL gl : expected-warning {{GLOBAL names 'gl', which is not declared}}
    POINTER ptr : expected-error {{POINTER names 'ptr', which is not declared}}
    BBCOREPOINTER bb : expected-error {{BBCOREPOINTER names 'bb', which is not declared}}
}
PARAMETER { declared = 1 }
