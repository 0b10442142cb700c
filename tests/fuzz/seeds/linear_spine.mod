: A synapse on a spine head, coupled to the dendrite through the spine neck resistance: the
: synaptic current i and the spine head voltage vsp solve a LINEAR system at every evaluation.
NEURON {
    POINT_PROCESS SpineSeries
    RANGE tau, e, rneck, i, vsp
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
    (megohm) = (megaohm)
}

PARAMETER {
    tau = 2 (ms) <1e-9, 1e9>
    e = 0 (mV)
    rneck = 100 (megohm)
}

ASSIGNED {
    v (mV)
}

STATE {
    g (uS)
    i (nA)
    vsp (mV)
}

INITIAL {
    g = 0
    i = 0
    vsp = v
}

BREAKPOINT {
    SOLVE decay METHOD cnexp
    SOLVE neck
}

DERIVATIVE decay {
    g' = -g / tau
}

LINEAR neck SOLVEFOR i, vsp {
    ~ rneck * i = v - vsp
    ~ i = g * (vsp - e)
}

NET_RECEIVE (weight (uS)) {
    g = g + weight
}
