: NET_RECEIVE lowers to guarded updates: the fields it writes become selects over the flag's
: branches, each event is emitted under the conjunction of the IFs on its way, and a WATCH is
: armed under its guard (its value is positive where the condition holds).
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
NEURON { POINT_PROCESS lif RANGE tau, thresh, refrac }
PARAMETER { tau = 10 thresh = 1 refrac = 2 }
ASSIGNED { spiking }
STATE { u }
INITIAL { u = 0 spiking = 0 net_send(0, 1) }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d { u' = -u/tau }
NET_RECEIVE (w, count) {
    INITIAL { count = 0 }
    if (flag == 0) {
        u = u + w
        count = count + 1
    } else if (flag == 1) {
        WATCH (u > thresh) 2
    } else if (flag == 2) {
        net_event(t)
        u = 0
        net_send(refrac, 3)
    }
}
: CHECK-LABEL: INITIAL {
: CHECK:     net_send#0 at = t
: CHECK-NEXT:     net_send#0 flag = 1.0
: CHECK-LABEL: NET_RECEIVE (w, count) {
: CHECK-DAG:     u = {{.*}}u + w
: CHECK-DAG:     count = {{.*}}count + 1.0
: CHECK-DAG:     WATCH#0 value = u - thresh
: CHECK-DAG:     WATCH#0 flag = 2.0
: CHECK-DAG:     net_event#0 at = t
: CHECK-DAG:     net_send#1 at = t + refrac
: CHECK-DAG:     net_send#1 flag = 3.0
: CHECK-DAG:     net_send#1 if =
: CHECK-LABEL: NET_RECEIVE INITIAL {
: CHECK-NEXT:     count = 0.0
: CHECK-NEXT: }
