: Tests NET_RECEIVE: formals with units, a nested INITIAL block, the implicit 'flag', net_event,
: net_send (also from INITIAL), net_move, and FOR_NETCONS with its own formals.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { POINT_PROCESS nr RANGE tau }
PARAMETER { tau = 1 (ms) }
STATE { g }
INITIAL { g = 0 net_send(0, 1) }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE (weight, tlast (ms)) {
    INITIAL { tlast = t }
    if (flag == 0) {
        g = g + weight
        net_event(t)
        net_send(tau, 2)
    } else if (flag == 2) {
        net_move(t + 1)
    } else {
        FOR_NETCONS (w, tl (ms)) { w = 0 }
    }
    tlast = t
}
: CHECK-LABEL: {{^}}NET_RECEIVE(weight, tlast (ms)) {
: CHECK-NEXT: {{^}}    INITIAL {{{$}}
: CHECK-NEXT: {{^}}        tlast = t{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    IF (flag == 0) {{{$}}
: CHECK-NEXT: {{^}}        g = g + weight{{$}}
: CHECK-NEXT: {{^}}        net_event(t){{$}}
: CHECK-NEXT: {{^}}        net_send(tau, 2){{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ELSE IF (flag == 2) {{{$}}
: CHECK-NEXT: {{^}}        net_move(t + 1){{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    ELSE {{{$}}
: CHECK-NEXT: {{^}}        FOR_NETCONS(w, tl (ms)) {{{$}}
: CHECK-NEXT: {{^}}            w = 0{{$}}
: CHECK-NEXT: {{^}}        }{{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    tlast = t{{$}}
: CHECK-NEXT: {{^}}}{{$}}
