TITLE Hyperpolarisation-activated cation current (Ih)

COMMENT
A non-specific cation current through HCN channels, strongest in the apical dendrites of
pyramidal cells: one gate q activated by hyperpolarisation, with a bell-shaped time constant
(sum of two exponentials of v). Written for Ranvier's pyramidal example in NEURON's NMODL.
ENDCOMMENT

NEURON {
    SUFFIX ih
    NONSPECIFIC_CURRENT i
    RANGE gbar, eh, i
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 5e-5 (S/cm2)
    eh   = -45  (mV)
    vq   = -81  (mV)
    kq   = 8    (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

STATE { q }

INITIAL {
    q = qinf(v)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    i = gbar*q*(v - eh)
}

DERIVATIVE states {
    q' = (qinf(v) - q)/qtau(v)
}

FUNCTION qinf(v (mV)) {
    qinf = 1/(1 + exp((v - vq)/kq))
}

FUNCTION qtau(v (mV)) (ms) {
    UNITSOFF
    qtau = 1/(exp(-14.59 - 0.086*v) + exp(-1.87 + 0.0701*v))
    UNITSON
}
