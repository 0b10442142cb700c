: Calcium with a fast buffer in rapid equilibrium: the free concentration c solves a NONLINEAR
: equation of the total ctot at every evaluation, and both the pump (in the ODE of ctot) and the
: calcium-activated current read it.
NEURON {
    SUFFIX rapidbuf
    NONSPECIFIC_CURRENT i
    RANGE gbar, btot, kd, e
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (mM) = (milli/liter)
}

PARAMETER {
    gbar = 0.001 (S/cm2)
    e = -80 (mV)
    btot = 0.05 (mM)
    kd = 0.002 (mM)
    cinf = 0.0001 (mM)
    tau = 20 (ms)
    influx = 1e-5 (mM/ms)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

STATE {
    ctot (mM)
    c (mM)
}

INITIAL {
    c = cinf
    ctot = cinf + btot * cinf / (cinf + kd)
}

BREAKPOINT {
    LOCAL cf
    SOLVE total METHOD derivimplicit
    cf = free()
    i = gbar * cf / (cf + kd) * (v - e)
}

DERIVATIVE total {
    ctot' = influx * exp(v / (40 (mV))) - (free() - cinf) / tau
}

FUNCTION free() (mM) {
    SOLVE buffer
    free = c
}

NONLINEAR buffer SOLVEFOR c {
    ~ c + btot * c / (c + kd) = ctot
}
