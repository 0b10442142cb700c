TITLE a threshold detector with WATCH and self-events
NEURON {
    POINT_PROCESS WatchSeed
    RANGE thresh, refrac, count
}
PARAMETER { thresh = -20 (mV) refrac = 2 (ms) }
ASSIGNED { v (mV) count }
INITIAL {
    count = 0
    net_send(0, 1)
}
NET_RECEIVE(w, tlast (ms)) {
    INITIAL { tlast = -1e9 }
    if (flag == 1) {
        WATCH (v > thresh) 2, (v < thresh - 10) 3
    } else if (flag == 2) {
        if (t - tlast > refrac) {
            net_event(t)
            count = count + 1
            tlast = t
        }
    } else {
        net_move(t + w)
    }
}
