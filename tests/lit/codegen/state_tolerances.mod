: A STATE's declared tolerance `<tol>` is its absolute-tolerance multiplier (NEURON's
: atolscale), in the descriptor per state; an array's elements share it; 1 where none is given.
: RUN: %ranvier emit -w --stage=cpp %s | FileCheck %s
: RUN: %ranvier emit -w --stage=cpp %stdlib/hh.mod | FileCheck --check-prefix=NONE %s
NEURON { SUFFIX tols }
STATE { a (mM) <1e-5>  b  c[2] <0.01> }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { a' = -a  b' = -b  c'[0] = -c[0]  c'[1] = -c[1] }
: CHECK: const double state_tolerances[] = {1e-05, 1.0, 0.01, 0.01};
: CHECK: ranvier::generated::tols::state_tolerances,
: CHECK-NEXT: 0,
: CHECK-NEXT: };
: NONE-NOT: state_tolerances
: NONE: current_jacobian_entries,
: NONE-NEXT: nullptr,
: NONE-NEXT: 0,
: NONE-NEXT: };
