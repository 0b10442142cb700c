: Counts the upward crossings of thr by v with a WATCH (for the examples check).
NEURON { POINT_PROCESS WatchCounter RANGE n, thr }
UNITS { (mV) = (millivolt) }
PARAMETER { thr = -20 (mV) }
ASSIGNED { v (mV) n }
INITIAL {
    n = 0
    net_send(0, 1)
}
NET_RECEIVE (w) {
    if (flag == 1) {
        WATCH (v > thr) 2
    } else if (flag == 2) {
        n = n + 1
    }
}
