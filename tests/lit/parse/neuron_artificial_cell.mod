: Tests ARTIFICIAL_CELL with RANDOM variables (NEURON 9) and THREADSAFE; RANDOM names need no
: other declaration and are passed to the random_* functions.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON {
    ARTIFICIAL_CELL Stim
    RANDOM r1, r2
    RANGE interval
    THREADSAFE
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: {{^}}    ARTIFICIAL_CELL Stim{{$}}
: CHECK-NEXT: {{^}}    RANDOM r1, r2{{$}}
: CHECK-NEXT: {{^}}    RANGE interval{{$}}
: CHECK-NEXT: {{^}}    THREADSAFE{{$}}
PARAMETER { interval = 10 (ms) }
INITIAL { net_send(interval*random_negexp(r1), 1) }
NET_RECEIVE (w) {
    net_event(t)
    net_send(interval*random_uniform(r2, 0, 1), 1)
}
: CHECK: net_send(interval*random_uniform(r2, 0, 1), 1)
