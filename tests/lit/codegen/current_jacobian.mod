: The jacobian kernel also writes d(current)/d(state) (ABI 4), with the rest of the Jacobian,
: and the descriptor says which current and state each is: what couples the membrane equation
: to the channel states in the cell's Newton matrix.
: RUN: %ranvier emit --stage=cpp %S/../../../stdlib_models/hh.mod | FileCheck %s
: CHECK: f_J_ina_m = [[M:[0-9]+]], // d(ina)/d(m)
: CHECK-NEXT: f_J_ina_h = [[H:[0-9]+]], // d(ina)/d(h)
: CHECK-NEXT: f_J_ik_n = [[N:[0-9]+]], // d(ik)/d(n)
: CHECK-LABEL: HOST_DEVICE inline void jacobian(
: CHECK: const double rv_out6 = 3.0 * m * m * h * gnabar * t_10; // hh.mod:108
: CHECK-NEXT: const double rv_out7 = m * m * m * gnabar * t_10; // hh.mod:108
: CHECK-NEXT: const double rv_out8 = 4.0 * n * n * n * gkbar * (v - ek); // hh.mod:109
: CHECK: rv_in.fields[f_J_ik_n][rv_i] = rv_out8;
: CHECK-LABEL: const rv_jacobian_entry current_jacobian_entries[] = {
: CHECK-NEXT: {0, 0, [[M]]},
: CHECK-NEXT: {0, 1, [[H]]},
: CHECK-NEXT: {1, 2, [[N]]},
: CHECK: 3, ranvier::generated::hh::current_jacobian_entries,
