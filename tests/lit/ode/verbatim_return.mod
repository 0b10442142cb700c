: VERBATIM `return 0;` at the top of a PROCEDURE ends it (NEURON's idiom); in a FUNCTION it returns
: the number. Comment-only VERBATIM is nothing. Other C is reported (the OTHER variant).
: RUN: %ranvier emit -w --stage=ode %s | FileCheck %s
: RUN: sed 's/^: OTHER //' %s > %t.mod && not %ranvier emit -w --stage=ode %t.mod 2>&1 | FileCheck --check-prefix=OTHER %s
NEURON { SUFFIX vr NONSPECIFIC_CURRENT i }
ASSIGNED { v (mV) i (mA/cm2) g }
BREAKPOINT {
    set_g()
    i = g*v + zero()
}
PROCEDURE set_g() {
: OTHER VERBATIM
: OTHER     g = hoc_call();
: OTHER ENDVERBATIM
    g = 2
VERBATIM
    return 0;
ENDVERBATIM
    g = 3
}
FUNCTION zero() {
    zero = 5
VERBATIM
    /* a comment only */
ENDVERBATIM
VERBATIM
    return 0;
ENDVERBATIM
}
: CHECK: i = 2.0 * v
: CHECK-NEXT: di_dv = 2.0
: OTHER: .mod:13:9: error: VERBATIM C that Ranvier cannot give a meaning to: the call to 'hoc_call', which needs NEURON's interpreter or C runtime
