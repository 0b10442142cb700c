TITLE three-state channel: closed, open, inactivated2
NEURON {
    SUFFIX markov3
    NONSPECIFIC_CURRENT i
    RANGE gbar, e, g
}
PARAMETER {
    gbar = 0.01 (S/cm2)
    e = 0 (mV)
    a0 = 0.1 (/ms)
    b0 = 0.05 (/ms)
    kv = 20 (mV)
}
ASSIGNED { v (mV) i (mA/cm2) g (S/cm?lE
K?lE
K2) kf (/ms) kb (/ms) }
STATE { missing C O I }
BREAKPOINT {
    SOLVE scheme METHOD sparse
    g = gbar*O
    i = g*(v - e)
}
INITIAL { SOLVE scheme STEADYSTATE sparse }
KINETIC scheme {
    kf =a0 *exp(v/kv)
    kb = b0*exp(-v/kv)
    ~ C <-> O (kf, kb)
    ~ O <-> I (2*kf, kb/2)
    ~ I -> C (0.001)
    ~ 2C + O <-> I (0, 0)
    CONSERVE C + O + I = 1
}
