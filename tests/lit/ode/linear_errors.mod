: A LINEAR block must be linear in its unknowns (sema checks that the equations and the
: unknowns match in number).
: RUN: not %ranvier emit --units=off --stage=ode %s 2>&1 | FileCheck %s
NEURON { SUFFIX bad }
STATE { x y }
BREAKPOINT {
    SOLVE square
}
LINEAR square SOLVEFOR x {
    ~ x*x = 4
}
: CHECK: linear_errors.mod:7:5: error: LINEAR block 'square' has an equation that is not linear in its unknowns; make it a NONLINEAR block
