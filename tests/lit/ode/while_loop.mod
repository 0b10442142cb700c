: WHILE loops: a counted loop (its condition a constant on every trip) unrolls like FROM; one
: whose trip count is known only at run time becomes a loop in the kernel, carrying the names
: its body writes (printed <name>_loop), guarded by the IFs around it, and NaN if it has not
: ended after kMaxWhileTrips trips.
: RUN: %ranvier emit --stage=ode %s | FileCheck %s
: RUN: %ranvier emit --stage=cpp %s | FileCheck --check-prefix=CPP %s
: RUN: %ranvier emit --stage=cpp %S/../../models/newton_fire.mod | FileCheck --check-prefix=FIRE %s
: RUN: not %ranvier emit --units=off --stage=ode %S/Inputs/while_errors.mod 2>&1 | FileCheck --check-prefix=ERR %s
NEURON { ARTIFICIAL_CELL roots RANGE a, r, q }
PARAMETER { a = 2 }
ASSIGNED { r q }
INITIAL {
    LOCAL k
    q = 0
    k = 0
    WHILE (k < 3) {
        q = q + a
        k = k + 1
    }
}
NET_RECEIVE (w) {
    if (w > 0) {
        r = root(a + w)
    }
}
FUNCTION root(c) {
    LOCAL dx, x
    x = 1
    dx = 1
    WHILE (fabs(dx) > 1e-12) {
        dx = (x*x - c) / (2*x)
        x = x - dx
    }
    root = x
}
: CHECK-LABEL: INITIAL {
: CHECK-NEXT: q = 3.0 * a
: CHECK-LABEL: NET_RECEIVE (w) {
: CHECK-NEXT: r = w > 0.0 ? loop0.x : r
: CPP-LABEL: HOST_DEVICE inline void net_receive(
: CPP: // loop, while_loop.mod:30
: CPP-NEXT: double rv_w0[2] = {1.0, 1.0};
: CPP-NEXT: int rv_trip0 = 0;
: CPP-NEXT: for (; t_1 && rv_trip0 < kMaxWhileTrips; ++rv_trip0) {
: CPP-NEXT: const double dx_loop = rv_w0[0];
: CPP-NEXT: const double x_loop = rv_w0[1];
: CPP: if (!(fabs(dx_loop) > 1e-12)) break;
: CPP-NEXT: rv_w0[0] = 0.5 * dx_1 * dx_2;
: CPP-NEXT: rv_w0[1] = x_loop - 0.5 * dx_1 * dx_2;
: CPP-NEXT: }
: CPP-NEXT: const double x_loop = rv_trip0 < kMaxWhileTrips ? rv_w0[1] : NAN;

: Newton's method for a firing time, in INITIAL (with m = i = 0 folded in) and NET_RECEIVE.
: FIRE-LABEL: HOST_DEVICE inline void initialize(
: FIRE: // loop, newton_fire.mod:47
: FIRE-NEXT: double rv_w0[3] = {0.0, 0.0, 1.0};
: FIRE: emit(*rv_in.events, RV_EVENT_SELF, rv_i, t + (n_loop >= 50.0 || fabs(t_2) > 1e-06 ? 1e+09 : s_loop), 1.0, -1);

: ERR: while_errors.mod:9:5: error: this current depends on a loop whose trip count is known only at run time, so it has no derivative for the integrator; compute it in a PROCEDURE that BREAKPOINT SOLVEs, or in NET_RECEIVE
: ERR: while_errors.mod:14:12: error: this WHILE loop never ends: its condition is always true and nothing it changes can make it false
: ERR: while_errors.mod:19:5: error: a loop whose trip count is known only at run time cannot emit events or draw random numbers yet

: A FROM loop with run-time bounds is a kernel loop too; an array indexed by a run-time value is
: read and written element by element.
: RUN: %ranvier emit --stage=cpp %S/Inputs/from_run_time.mod | FileCheck --check-prefix=FROM %s
: FROM-LABEL: HOST_DEVICE inline void net_receive(
: FROM: const double t_2 = 0.0 == t_1 ? w : q_0;
: FROM: for (; rv_trip0 < kMaxWhileTrips; ++rv_trip0) {
: FROM: if (!(i_loop <= n - 1.0)) break;
: FROM: rv_w0[1] = i_loop * (0.0 == total_1 ? t_2 : 1.0 == total_1 ? t_3 : 2.0 == total_1 ? t_4 : NAN) + total_loop;
: FROM: const double rv_out0 = head + 1.0;
