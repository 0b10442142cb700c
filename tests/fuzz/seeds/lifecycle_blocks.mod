TITLE BEFORE/AFTER, CONSTRUCTOR/DESTRUCTOR, FOR_NETCONS, PROTECT and mutexes
NEURON {
    POINT_PROCESS Lifecycle
    POINTER ptr
    BBCOREPOINTER rng
    RANGE total
    THREADSAFE
}
ASSIGNED { total ptr rng }
CONSTRUCTOR {
VERBATIM
    /* allocate */
ENDVERBATIM
}
DESTRUCTOR { total = 0 }
BEFORE BREAKPOINT { total = total + 1 }
AFTER SOLVE { total = total - 1 }
BEFORE INITIAL { total = 0 }
AFTER STEP { total = total*1 }
NET_RECEIVE(w, n) {
    INITIAL { n = 0 }
    FOR_NETCONS(w1, n1) { n1 = n1 + 1 }
    MUTEXLOCK
    PROTECT total = total + w
    MUTEXUNLOCK
}
