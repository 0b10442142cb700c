: Tests the form of WATCH items as nocmodl checks it ("WATCH (expr > expr) flag"): the condition
: must be a '<' or '>' comparison, and a flag must follow it.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { POINT_PROCESS wcond }
ASSIGNED { v }
NET_RECEIVE (w) {
    WATCH (v + 1) 3 : expected-error {{WATCH condition must be a '<' or '>' comparison}}
    WATCH (v == 1) 3 : expected-error {{WATCH condition must be a '<' or '>' comparison}}
    WATCH (v > 1) : expected-error {{WATCH needs a flag after its condition}}
    WATCH (v >= 1) 2 : expected-error {{WATCH condition must be a '<' or '>' comparison}}
    WATCH (v > 1) 2, (v < 0) 4
}
