TITLE facilitating exponential synapse (test model)

COMMENT
A conductance jump that grows when the same NetCon fires again soon: each NetCon remembers
the time of its last event in its own weight vector (tlast), so the network must keep a
weight vector per NetCon for it.
ENDCOMMENT

NEURON {
    POINT_PROCESS FacilitatingSyn
    RANGE tau, e, tau_f, i
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau = 3 (ms)
    e = 0 (mV)
    tau_f = 20 (ms)
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE { g (uS) }

INITIAL { g = 0 }

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g * (v - e)
}

DERIVATIVE state { g' = -g / tau }

NET_RECEIVE(weight (uS), tlast (ms)) {
    INITIAL { tlast = -1e9 }
    g = g + weight * (1 + exp(-(t - tlast) / tau_f))
    tlast = t
}
