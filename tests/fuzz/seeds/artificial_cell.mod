TITLE an integrate-and-fire cell driven by events
NEURON {
    ARTIFICIAL_CELL IntFireSeed
    RANGE tau, m
}
PARAMETER { tau = 10 (ms) <1e-9, 1e9> }
ASSIGNED { m t0 (ms) }
INITIAL { m = 0 t0 = t }
FUNCTION M() {
    M = m*exp(-(t - t0)/tau)
}
NET_RECEIVE (w) {
    m = m*exp(-(t - t0)/tau)
    t0 = t
    if (flag == 0) {
        m = m + w
        if (m > 1) { net_send(0, 1) }
    } else {
        net_event(t)
        m = 0
    }
}
