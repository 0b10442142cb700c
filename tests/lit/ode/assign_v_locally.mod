: Assigning v in a block changes the block's local copy only (as in NEURON's C): the nudge below
: shifts the rates, but v is never an output of the generated kernels.
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck %s
NEURON { SUFFIX nudge }
ASSIGNED { v (mV) minf }
STATE { m }
INITIAL { rates() m = minf }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states { rates() m' = minf - m }
PROCEDURE rates() {
    IF (v == -27) { v = v + 0.0001 }
    minf = 1/(1 + exp(-v))
}
: CHECK-LABEL: HOST_DEVICE inline void initialize(
: CHECK: v == -27.0
: CHECK-NOT: f_v
: CHECK: extern "C" const rv_mechanism rv_mechanism_nudge
