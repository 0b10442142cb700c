TITLE IClamp.mod   rectangular current-pulse electrode

COMMENT
Ranvier standard library: a current clamp that injects a single
rectangular pulse of amplitude amp from t = del to t = del + dur.

Model
  i(t) = amp   for del <= t < del + dur
  i(t) = 0     otherwise
  i is an ELECTRODE_CURRENT: positive amp depolarises the cell (it enters
  the membrane equation with the opposite sign of a membrane current).

  This is the standard stimulating electrode of compartmental
  simulators (see N. T. Carnevale and M. L. Hines (2006), The NEURON
  Book, Cambridge University Press). The two discontinuities are marked
  by self-events (net_send) instead of being tested in BREAKPOINT, so
  that a variable-step integrator stops exactly on the pulse edges and
  the right-hand side is smooth between events.

Parameters
  del = 0 (ms)   onset time
  dur = 0 (ms)   duration
  amp = 0 (nA)   amplitude (the value at the time of use is injected, so
                 amp may be changed during the pulse)

Units: del, dur in ms; amp, i in nA.
ENDCOMMENT

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
    THREADSAFE
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    del = 0 (ms) <0, 1e9>
    dur = 0 (ms) <0, 1e9>
    amp = 0 (nA)
}

ASSIGNED {
    i  (nA)
    on (1)
}

INITIAL {
    on = 0
    i = 0
    if (dur > 0) {
        if (del > 0) {
            net_send(del, 1)
        } else {
            net_send(0, 1)
        }
    }
}

BREAKPOINT {
    i = amp*on
}

: flag 1: pulse starts; flag 2: pulse ends. Events from NetCons (flag 0)
: are ignored.
NET_RECEIVE (w) {
    if (flag == 1) {
        on = 1
        net_send(dur, 2)
    } else if (flag == 2) {
        on = 0
    }
}
