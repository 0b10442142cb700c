TITLE catest.mod   test fixture: constant calcium current density

COMMENT
Validation helper for cad.mod (not part of the standard library): a fixed
calcium current density ica = amp, so that the pool's filling and decay
can be compared with closed-form solutions.
ENDCOMMENT

NEURON {
    SUFFIX rv_catest
    USEION ca WRITE ica
    RANGE amp
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
}

PARAMETER {
    amp = 0 (mA/cm2)
}

ASSIGNED {
    ica (mA/cm2)
}

BREAKPOINT {
    ica = amp
}
