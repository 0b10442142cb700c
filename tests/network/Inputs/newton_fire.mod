: An integrate-and-fire cell with an exponentially decaying synaptic current, advanced in closed
: form from event to event; its next firing time is found by Newton's method in a WHILE loop
: whose trip count is known only at run time (the way NEURON's IntFire2 and IntFire4 work).
NEURON {
    ARTIFICIAL_CELL NewtonFire
    RANGE taum, taus, ib, m, i
}

PARAMETER {
    taum = 10 (ms)
    taus = 20 (ms)
    ib = 1.5
}

ASSIGNED {
    m
    i
    t0 (ms)
}

INITIAL {
    m = 0
    i = 0
    t0 = t
    net_send(firetime(), 1)
}

: The membrane s ms after t0, and its slope.
FUNCTION mem(s (ms)) {
    LOCAL a
    a = taus / (taus - taum) * i
    mem = ib + a * exp(-s / taus) + (m - ib - a) * exp(-s / taum)
}

FUNCTION slope(s (ms)) (/ms) {
    LOCAL a
    a = taus / (taus - taum) * i
    slope = -a / taus * exp(-s / taus) - (m - ib - a) / taum * exp(-s / taum)
}

: Newton's method on mem(s) = 1 from s = 0, at most 50 steps; 1e9 when it does not reach 1.
FUNCTION firetime() (ms) {
    LOCAL s, step, n
    s = 0
    step = 1
    n = 0
    WHILE (fabs(step) > 1e-9 && n < 50) {
        step = (mem(s) - 1) / slope(s)
        s = s - step
        if (s < 0) {
            s = 0
            step = 0
        }
        n = n + 1
    }
    if (n >= 50 || fabs(mem(s) - 1) > 1e-6) {
        firetime = 1e9
    } else {
        firetime = s
    }
}

NET_RECEIVE (w) {
    m = mem(t - t0)
    i = i * exp(-(t - t0) / taus)
    t0 = t
    if (flag == 1) {
        net_event(t)
        m = 0
        net_send(firetime(), 1)
    } else {
        i = i + w
        net_move(t + firetime())
    }
}
