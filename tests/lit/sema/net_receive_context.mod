: Tests the statements and calls tied to NET_RECEIVE: WATCH, net_move, FOR_NETCONS and a nested
: INITIAL only there; net_send only in INITIAL and NET_RECEIVE (also the nested INITIAL);
: 'flag' is implicit only in NET_RECEIVE.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { POINT_PROCESS nrctx }
ASSIGNED { v x }
INITIAL {
    net_send(0, 1)
    WATCH (v > 0) 1 : expected-error {{WATCH is allowed only in a NET_RECEIVE block}}
    net_move(t) : expected-error {{net_move is allowed only in a NET_RECEIVE block}}
    INITIAL { x = 1 } : expected-error {{a nested INITIAL block is allowed only in NET_RECEIVE}}
    FOR_NETCONS (w) { } : expected-error {{FOR_NETCONS is allowed only in a NET_RECEIVE block}}
}
BREAKPOINT {
    net_send(0, 1) : expected-error {{net_send is allowed only in INITIAL and NET_RECEIVE blocks}}
    x = flag : expected-error {{use of undeclared identifier 'flag'}}
}
PROCEDURE p() {
    net_send(0, 1) : expected-error {{net_send is allowed only in INITIAL and NET_RECEIVE blocks}}
    WATCH (v > 0) 1 : expected-error {{WATCH is allowed only in a NET_RECEIVE block}}
}
NET_RECEIVE (w) {
    INITIAL { net_send(0, 2) }
    WATCH (v > 0) 1
    if (flag == 2) { net_move(t + 1) }
    FOR_NETCONS (w2) { w2 = w }
}
