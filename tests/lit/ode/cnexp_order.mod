: METHOD cnexp updates each state where its equation stands, exactly for the equation linear in
: it with the rest frozen; an equation after it reads the updated value (NEURON's order). The
: advance kernel is that update.
: RUN: %ranvier emit --units=off --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --units=off --stage=cpp %s | FileCheck --check-prefix=CPP %s
NEURON { SUFFIX chain }
PARAMETER { tau = 2 taus = 5 }
STATE { s x }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    s' = -s/taus
    x' = (s - x)/tau
}
: CHECK-LABEL: CNEXP {
: CHECK:     t_2 = -s * t_1 * dt / exprelr(-t_1 * dt)
: CHECK:     s = s + t_2
: CHECK-NEXT:     x = x + t_3 * dt * (s - x + t_2) / exprelr(-t_3 * dt)
: CPP-LABEL: HOST_DEVICE inline void advance(
: CPP: rv_in.fields[f_s][rv_i] = rv_out0;
: CPP-NEXT: rv_in.fields[f_x][rv_i] = rv_out1;
: CPP: ranvier::generated::chain::advance_all,
