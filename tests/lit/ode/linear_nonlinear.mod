: LINEAR and NONLINEAR blocks are solved where their SOLVE stands: the unknowns become symbols
: (printed block.state) defined by Newton's method in the kernel that reads them, and their
: derivatives come from the implicit function theorem, (dF/du) du/dx = -dF/dx.
: RUN: %ranvier emit --stage=ode %S/../../models/spine_series.mod | FileCheck --check-prefix=SPINE %s
: RUN: %ranvier emit --stage=cpp %S/../../models/spine_series.mod | FileCheck --check-prefix=SPINECPP %s
: RUN: %ranvier emit --stage=jacobian %S/../../models/rapid_buffer.mod | FileCheck --check-prefix=BUFJ %s
: RUN: %ranvier emit --stage=cpp %S/../../models/rapid_buffer.mod | FileCheck --check-prefix=BUFCPP %s
: RUN: %ranvier emit --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --stage=cpp %s | FileCheck --check-prefix=CPP %s

: SPINE-LABEL: LINEAR neck (SOLVE at line 40) {
: SPINE-NEXT: neck.i from = i
: SPINE-NEXT: neck.vsp from = vsp
: SPINE-NEXT: 0 = residual#0 = neck.vsp - v + rneck * neck.i
: SPINE-NEXT: 0 = residual#1 = neck.i - g * (neck.vsp - e)
: SPINE: i = neck.i
: SPINE-NEXT: di_dv = d(neck.i)/d(v)

: The LINEAR system takes one exact step; d(i)/d(v) = g / (1 + rneck g) comes from one solve.
: SPINECPP-LABEL: HOST_DEVICE inline void compute_currents(
: SPINECPP: // LINEAR neck, spine_series.mod:40: one Newton step from the values before the SOLVE is exact
: SPINECPP-NEXT: double rv_x0[2] = {i, vsp};
: SPINECPP: rv_ok0 = linear_update<2>(rv_J, rv_f, rv_x0);
: SPINECPP: const double i_neck = rv_ok0 ? rv_x0[0] : NAN;
: SPINECPP-NEXT: const double vsp_neck = rv_ok0 ? rv_x0[1] : NAN;
: SPINECPP-NEXT: // d(neck)/d(v): (dF/du) du/dx = -dF/dx at the solution
: SPINECPP: double rv_s0[2] = {1.0, 0.0};
: SPINECPP-NEXT: solve_dense<2, 1>(rv_A0, rv_s0);
: SPINECPP-NEXT: const double di_dv_neck = rv_s0[0];
: SPINECPP: rv_in.fields[f_i][rv_i] = rv_out0;
: SPINECPP-NEXT: rv_in.fields[f_di_dv][rv_i] = rv_out1;
: SPINECPP-NEXT: rv_in.fields[f_vsp][rv_i] = rv_out2;

: The pump reads the free calcium: d(ctot')/d(ctot) goes through d(c)/d(ctot).
: BUFJ: d(ctot')/d(ctot) = -d(buffer.c)/d(ctot) / tau
: BUFJ-NOT: d(ctot')/d(c)

: One system, although BREAKPOINT and the DERIVATIVE block both call free().
: BUFCPP-LABEL: HOST_DEVICE inline void rhs(
: BUFCPP: for (int rv_it = 0; rv_it < kMaxNewtonIterations && !rv_ok0; ++rv_it) {
: BUFCPP-NEXT: const double c_buffer = rv_x0[0];
: BUFCPP: rv_ok0 = newton_update<1>(rv_J, rv_f, rv_x0);
: BUFCPP-NOT: rv_ok1
: BUFCPP-LABEL: HOST_DEVICE inline void jacobian(
: BUFCPP: const double dc_dctot_buffer = rv_s0[0];
: BUFCPP: const double rv_out0 = -dc_dctot_buffer / tau;

: A NONLINEAR system in INITIAL: three coupled unknowns, solved once.
NEURON { ARTIFICIAL_CELL coupled RANGE a, b, c }
PARAMETER { a = 1  b = 2  c = 3 }
STATE { x y z }
INITIAL {
    x = a  y = b  z = c
    SOLVE triple
}
NONLINEAR triple {
    ~ x + y*z = a + b*c
    ~ y + z*x = b + c*a
    ~ z + x*y = c + a*b
}
: CHECK-LABEL: NONLINEAR triple (SOLVE at line 54) {
: CHECK-NEXT: triple.x from = a
: CHECK: 0 = residual#2 = triple.z - c - a * b + triple.x * triple.y
: CHECK-LABEL: INITIAL {
: CHECK-NEXT: x = triple.x
: CHECK-NEXT: y = triple.y
: CHECK-NEXT: z = triple.z
: CPP-LABEL: HOST_DEVICE inline void initialize(
: CPP: double rv_x0[3] = {a, b, c};
: CPP: rv_J[0] = 1.0;
: CPP: rv_J[1] = z_triple;
: CPP: rv_ok0 = newton_update<3>(rv_J, rv_f, rv_x0);
: CPP-NOT: solve_dense
: CPP: rv_in.fields[f_x][rv_i] = rv_out0;
