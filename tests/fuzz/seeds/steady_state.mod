TITLE three-state channel that starts at its steady state

COMMENT
Test model: C1 <-> C2 <-> O with voltage-dependent rates and a
conservation law. INITIAL solves for the steady state at the initial
voltage (SOLVE ... STEADYSTATE sparse), with CONSERVE replacing one of
the mass-action equations. An inactivating pool I2 with a first-order
DERIVATIVE-style drain checks that non-kinetic states stay out of it.
ENDCOMMENT

NEURON {
    SUFFIX k3ss
    USEION k READ ek WRITE ik
    RANGE gbar, a0, b0
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.01 (S/cm2)
    a0 = 0.4 (/ms)
    b0 = 0.1 (/ms)
    vh = -40 (mV)
    s = 12 (mV)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    kf (/ms)
    kb (/ms)
}

STATE { c1 c2 o }

INITIAL {
    c1 = 1
    c2 = 0
    o = 0
    SOLVE kin STEADYSTATE sparse
}

BREAKPOINT {
    SOLVE kin METHOD sparse
    ik = gbar*o*(v - ek)
}

KINETIC kin {
    rates(v)
    ~ c1 <-> c2 (kf, kb)
    ~ c2 <-> o (2*kf, kb)
    CONSERVE c1 + c2 + o = 1
}

PROCEDURE rates(v (mV)) {
    kf = a0*exp((v - vh)/s)
    kb = b0*exp(-(v - vh)/s)
}
