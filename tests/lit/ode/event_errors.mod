: Random numbers and events where they have no meaning are errors, with the location.
: RUN: not %ranvier emit --units=off --stage=ode %s 2>&1 | FileCheck %s
NEURON { POINT_PROCESS bad NONSPECIFIC_CURRENT i }
PARAMETER { a = 1 }
ASSIGNED { v i }
STATE { s }
BREAKPOINT {
    SOLVE d METHOD cnexp
    i = s*normrand(0, 1)
}
DERIVATIVE d { s' = -s + scop_random() }
NET_RECEIVE (w, x) {
    INITIAL { a = 2 }
    FOR_NETCONS (w1, x1) { a = x1 }
}
: CHECK-DAG: event_errors.mod:11:26: error: random numbers can be drawn only in INITIAL, NET_RECEIVE and SOLVEd PROCEDUREs; 'scop_random' here would change the right-hand side between evaluations
: CHECK-DAG: event_errors.mod:9:5: error: this current depends on a random number drawn in BREAKPOINT
: CHECK-DAG: event_errors.mod:14:5: error: FOR_NETCONS may change only its own arguments; it assigns 'a'
: CHECK-DAG: event_errors.mod:13:5: error: NET_RECEIVE's INITIAL block may assign only the weight vector; it assigns 'a'
