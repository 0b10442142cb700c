: A loop with a run-time trip count that reads only parameters may feed the right-hand side: the
: kernels run it, its value is a constant to the Jacobian, and the exact propagator (which has no
: loops) is not offered. A STEADYSTATE that reads it is refused.
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck %s
: RUN: sed 's/^: INITIAL/INITIAL/' %s > %t.mod && not %ranvier emit --units=off --stage=ode %t.mod 2>&1 | FileCheck --check-prefix=STEADY %s
NEURON { POINT_PROCESS lsys RANGE n }
PARAMETER { n = 3 }
STATE { a b }
: INITIAL { SOLVE d STEADYSTATE derivimplicit }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    LOCAL s
    s = 0
    FROM i = 1 TO n { s = s + i }
    a' = -a*s + 1
    b' = a - b
}
: CHECK-LABEL: HOST_DEVICE inline void jacobian(
: CHECK: rv_w0[1] = i_loop + s_loop;
: CHECK: const double rv_out0 = -s_loop;
: CHECK-NOT: propagate
: STEADY: error: a STEADYSTATE whose equations read the unknowns of a LINEAR or NONLINEAR block, or the result of a loop with a run-time trip count, cannot be lowered yet
