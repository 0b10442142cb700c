: Tests the NMODL printer on event-driven and interface constructs: NET_RECEIVE with INITIAL,
: WATCH, net_send / net_event / net_move, FOR_NETCONS, POINTER, BBCOREPOINTER, BEFORE / AFTER,
: CONSTRUCTOR / DESTRUCTOR with VERBATIM, PROTECT, MUTEXLOCK, LAG, CONDUCTANCE, strings,
: FUNCTION_TABLE, top-level LOCAL and COMMENT inside blocks.
: RUN: %ranvier emit --stage=nmodl %s > %t.mod && %ranvier emit --stage=ast %s > %t.1 && %ranvier emit --stage=ast %t.mod > %t.2 && diff %t.1 %t.2
: RUN: %ranvier emit --stage=nmodl %t.mod > %t.again.mod && diff %t.mod %t.again.mod
NEURON {
    POINT_PROCESS EventsRT
    USEION ca READ eca WRITE ica
    ELECTRODE_CURRENT i
    POINTER ptr
    BBCOREPOINTER rng
    RANGE tau, e, i, count
    GLOBAL total
    THREADSAFE
}
LOCAL scratch
PARAMETER { tau = 2 (ms) <1e-9, 1e9> e = 0 (mV) thresh = -20 (mV) }
ASSIGNED { v (mV) i (nA) eca (mV) ica (mA/cm2) ptr rng count total g }
STATE { A (uS) B (uS) }
FUNCTION_TABLE boost(v (mV)) (1)
INITIAL {
    A = 0 B = 0 count = 0
    net_send(0, 1)
}
BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    i = g*(v - e)*boost(v)
    ica = 0
    LAG v BY tau
    CONDUCTANCE g USEION ca
}
DERIVATIVE state {
    A' = -A/tau
    B' = -B/tau
}
NET_RECEIVE (weight (uS), tsyn (ms)) {
    INITIAL { tsyn = t }
    COMMENT
    events arrive here
    ENDCOMMENT
    if (flag == 0) {
        A = A + weight
        B = B + weight
        tsyn = t
        net_event(t)
    } else if (flag == 1) {
        WATCH (v > thresh) 2, (v < thresh - 10) 3
    } else if (flag == 2) {
        net_move(t + tau)
        FOR_NETCONS (w, ts) { ts = t }
    } else {
        printf("flag %g at t = %g\n", flag, t)
    }
}
BEFORE STEP { scratch = lag_v_tau }
AFTER SOLVE {
    PROTECT total = total + 1
    MUTEXLOCK
    count = count + 1
    MUTEXUNLOCK
}
CONSTRUCTOR {
VERBATIM
    /* nothing to allocate */
ENDVERBATIM
}
DESTRUCTOR { }
