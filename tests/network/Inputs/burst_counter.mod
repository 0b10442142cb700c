: A synapse whose handling of an input depends on the events before it: each input halves a
: running level and adds its weight; a level above 1 sends a self-event with no delay, whose
: delivery counts a burst, lowers the level by 1 and emits a spike. An input that arrives at a
: later time than such a self-event must see the level it left, so the order in which a cell's
: events are delivered shows in every value. Now and then a long self-event is pulled in
: (net_move), and a slow decay runs between events (an ODE, for the integrators).
NEURON {
    POINT_PROCESS BurstCounter
    RANGE level, bursts, tau
}

PARAMETER {
    tau = 3 (ms)
}

ASSIGNED {
    bursts
}

STATE {
    level
}

INITIAL {
    level = 0
    bursts = 0
    net_send(1000, 2)
}

BREAKPOINT {
    SOLVE decay METHOD cnexp
}

DERIVATIVE decay {
    level' = -level / tau
}

NET_RECEIVE (weight) {
    if (flag == 0) {
        level = level * 0.5 + weight
        if (level > 1) {
            net_send(0, 1)
        }
        if (level > 1.15) {
            net_move(t + 0.05)
        }
    } else if (flag == 1) {
        level = level - 1
        bursts = bursts + 1
        net_event(t)
    } else if (flag == 2) {
        bursts = bursts + 100
        net_send(1000, 2)
    }
}
