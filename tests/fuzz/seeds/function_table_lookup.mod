: A FUNCTION_TABLE is a table the runtime provides: looked up by linear interpolation, and
: differentiated as the slope of its segment (so d(i)/d(v) and the Jacobian stay exact).
: RUN: %ranvier emit --units=off --stage=jacobian %s | FileCheck --check-prefix=JAC %s
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck %s
NEURON { SUFFIX tab USEION k READ ek WRITE ik }
PARAMETER { gbar = 0.01 }
ASSIGNED { v ek ik }
STATE { n }
FUNCTION_TABLE ninf(v)
FUNCTION_TABLE ntau(v)
BREAKPOINT {
    SOLVE d METHOD cnexp
    ik = gbar*n*(v - ek)
}
DERIVATIVE d { n' = (ninf(v) - n)/ntau(v) }
: JAC: d(n')/d(v) = {{.*}}table_slope(rv_in.tables[0], v)
: CHECK: #include "ranvier/kernel/table.h"
: CHECK: (table_lookup(rv_in.tables[0], v) - n) / table_lookup(rv_in.tables[1], v)
: CHECK: const char* const table_names[] = {"ninf", "ntau"};
