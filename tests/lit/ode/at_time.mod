: at_time(te) tells variable-step integrators where the equations jump: its times (under their
: IFs) are kernel outputs, and its value is 0. state_discontinuity(x, e) is x = e. Comparisons of t
: with run-time constants in the equations are discontinuities as well.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck --check-prefix=CPP %s
NEURON { POINT_PROCESS pulse RANGE del, dur, amp NONSPECIFIC_CURRENT i }
PARAMETER { del = 1 dur = 2 amp = 0.5 }
ASSIGNED { v i }
STATE { s }
BREAKPOINT {
    SOLVE d METHOD cnexp
    at_time(del)
    if (dur > 0) { at_time(del + dur) }
    i = -s*amp
}
DERIVATIVE d { s' = -s + (t > del && t < del + dur) }
NET_RECEIVE (w) { state_discontinuity(s, s + w) }
: CHECK-LABEL: NET_RECEIVE (w) {
: CHECK-NEXT:     s = s + w
: The IF on t in the DERIVATIVE block is found too: its edges are unguarded discontinuities.
: CHECK-LABEL: DISCONTINUITIES {
: CHECK-NEXT:     t_1 = del + dur
: CHECK-DAG:     at_time#{{[0-9]}} = del
: CHECK-DAG:     at_time#[[N:[0-9]]] if = dur > 0.0
: CHECK-DAG:     at_time#[[N]] = t_1
: CHECK-DAG:     at_time#{{[0-9]}} = t_1
: CPP-LABEL: HOST_DEVICE inline void discontinuities(
: CPP: const double rv_out{{[0-9]}} = dur > 0.0 ? t_1 : -INFINITY;
: CPP: {"@at_time0", RV_DISCONTINUITY, 0.0},
