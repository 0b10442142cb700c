: Tests that net_event is allowed only in NET_RECEIVE, as in nocmodl ("net_event only allowed in
: NET_RECEIVE block").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { POINT_PROCESS nectx }
BREAKPOINT {
    net_event(t) : expected-error {{net_event is allowed only in a NET_RECEIVE block}}
}
PROCEDURE fire() {
    net_event(t) : expected-error {{net_event is allowed only in a NET_RECEIVE block}}
}
NET_RECEIVE (w) { net_event(t) }
