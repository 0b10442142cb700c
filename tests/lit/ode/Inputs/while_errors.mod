: WHILE loops that cannot be lowered (used by ../while_loop.mod).
NEURON {
    POINT_PROCESS whilebad
    NONSPECIFIC_CURRENT i
}
ASSIGNED { v i g }
BREAKPOINT {
    g = settle(v)
    i = g * v
}
INITIAL {
    LOCAL k
    k = 1
    WHILE (k > 0) {
    }
}
NET_RECEIVE (w) {
    g = 0
    WHILE (g < w) {
        g = g + scop_random()
    }
}
FUNCTION settle(x) {
    WHILE (x > 1) {
        x = x / 2
    }
    settle = x
}
