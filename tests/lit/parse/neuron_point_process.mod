: Tests the NEURON statements of a point process: POINT_PROCESS, ELECTRODE_CURRENT, POINTER
: and BBCOREPOINTER.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON {
    POINT_PROCESS Clamp
    ELECTRODE_CURRENT i
    POINTER vpre, vpost
    BBCOREPOINTER rng
    RANGE amp, del
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: {{^}}    POINT_PROCESS Clamp{{$}}
: CHECK-NEXT: {{^}}    ELECTRODE_CURRENT i{{$}}
: CHECK-NEXT: {{^}}    POINTER vpre, vpost{{$}}
: CHECK-NEXT: {{^}}    BBCOREPOINTER rng{{$}}
: CHECK-NEXT: {{^}}    RANGE amp, del{{$}}
: CHECK-NEXT: {{^}}}{{$}}
PARAMETER { amp = 1 del = 0 }
ASSIGNED { i vpre vpost rng }
BREAKPOINT { i = amp + vpre - vpost + del }
