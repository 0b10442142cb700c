TITLE High-voltage-activated calcium current

COMMENT
An L-type-like calcium current: activation m (squared) and slow inactivation h, each with a
Boltzmann steady state and a constant time constant, driven by the calcium reversal potential
(from the concentrations when a mechanism such as cad writes cai). Written for Ranvier's
pyramidal example in NEURON's NMODL.
ENDCOMMENT

NEURON {
    SUFFIX cal
    USEION ca READ eca WRITE ica
    RANGE gbar, ica
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 5e-5 (S/cm2)
    vm   = -20  (mV)
    km   = 5    (mV)
    vh   = -40  (mV)
    kh   = 7    (mV)
    mtau = 1.5  (ms)
    htau = 80   (ms)
}

ASSIGNED {
    v   (mV)
    eca (mV)
    ica (mA/cm2)
}

STATE { m h }

INITIAL {
    m = minf(v)
    h = hinf(v)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = gbar*m*m*h*(v - eca)
}

DERIVATIVE states {
    m' = (minf(v) - m)/mtau
    h' = (hinf(v) - h)/htau
}

FUNCTION minf(v (mV)) {
    minf = 1/(1 + exp(-(v - vm)/km))
}

FUNCTION hinf(v (mV)) {
    hinf = 1/(1 + exp((v - vh)/kh))
}
