: Tests WATCH in NET_RECEIVE: one condition with a number flag, several conditions in one statement,
: and a flag given by name (a PARAMETER; nocmodl 7.7 takes only numbers there).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=ast %s | FileCheck %s
NEURON { POINT_PROCESS w }
PARAMETER { thresh = -20 (mV) wflag = 3 }
ASSIGNED { v (mV) }
NET_RECEIVE (weight) {
    if (flag == 1) {
        WATCH (v > thresh) 2
        WATCH (v < -60) 4, (v > 0) 5
        WATCH (v > thresh + 10) wflag
    }
}
: CHECK: {{^}}        WATCH ((> v thresh)) 2{{$}}
: CHECK-NEXT: {{^}}        WATCH ((< v (- 60))) 4, ((> v 0)) 5{{$}}
: CHECK-NEXT: {{^}}        WATCH ((> v (+ thresh 10))) wflag{{$}}
