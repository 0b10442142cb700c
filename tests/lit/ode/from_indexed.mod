: A FROM loop with parameter bounds whose body uses the index has no closed form: it becomes a
: loop in the kernel. Its result depends on parameters only, so d(i)/d(v) stays exact; a loop
: whose trip count depends on v would have no derivative, and is refused in a current.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck --check-prefix=CPP %s
: RUN: not %ranvier emit --units=off --stage=ode %S/Inputs/while_errors.mod 2>&1 | FileCheck --check-prefix=ERR %s
NEURON { SUFFIX idx NONSPECIFIC_CURRENT i RANGE n }
PARAMETER { n = 3 }
ASSIGNED { v i s }
BREAKPOINT {
    LOCAL k
    s = 0
    FROM k = 1 TO n { s = s + k }
    i = s*v
}
: CHECK: i = v * loop0.s
: CHECK-NEXT: di_dv = loop0.s
: CPP-LABEL: HOST_DEVICE inline void compute_currents(
: CPP: if (!(k_loop <= n)) break;
: CPP-NEXT: rv_w0[0] = k_loop + 1.0;
: CPP-NEXT: rv_w0[1] = k_loop + s_loop;
: ERR: while_errors.mod:9:5: error: this current depends on a loop whose trip count is known only at run time
