: A FROM loop whose bound is a parameter, and a small queue indexed by its head (used by
: ../while_loop.mod).
NEURON { ARTIFICIAL_CELL queue RANGE n, total }
PARAMETER { n = 3 }
ASSIGNED { q[3] head total }
NET_RECEIVE (w) {
    q[head] = w
    head = head + 1
    total = 0
    FROM i = 0 TO n - 1 {
        total = total + i * q[i]
    }
}
