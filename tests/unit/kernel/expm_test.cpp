// linear_propagate: exact steps of y' = A y + b, against closed forms.
#include "ranvier/kernel/expm.h"

#include <cmath>
#include <gtest/gtest.h>

namespace ranvier::kernel {
namespace {

// One state: y(dt) = y inf + (y0 - y inf) e^{a dt}, y inf = -b / a.
TEST(LinearPropagate, OneState) {
    const double A[] = {-0.1};
    const double b[] = {0.5};
    for (double dt : {1e-3, 0.1, 1.0, 50.0}) {
        double y[] = {2.0};
        linear_propagate<1>(A, b, y, dt);
        EXPECT_NEAR(y[0], 5.0 + (2.0 - 5.0) * std::exp(-0.1 * dt), 1e-13) << dt;
    }
}

// LIF with an exponential synaptic current: I' = -I/ts, V' = (-V + I)/tm with tm != ts, whose
// solution is V0 e^{-t/tm} + (I0/tm) (e^{-t/ts} - e^{-t/tm}) / (1/tm - 1/ts).
TEST(LinearPropagate, SynapticCurrentIntoMembrane) {
    const double tm = 10, ts = 2;
    // Order: V, I. V' = -V/tm + I/tm, I' = -I/ts.
    const double A[] = {-1 / tm, 1 / tm, 0, -1 / ts};
    const double b[] = {0, 0};
    const double V0 = -3, I0 = 4;
    for (double dt : {0.01, 0.5, 3.0, 40.0}) {
        double y[] = {V0, I0};
        linear_propagate<2>(A, b, y, dt);
        const double I = I0 * std::exp(-dt / ts);
        // V = V0 e^{-t/tm} + (I0/tm) (e^{-t/ts} - e^{-t/tm}) / (1/tm - 1/ts)
        const double V = V0 * std::exp(-dt / tm) +
                         (I0 / tm) * (std::exp(-dt / ts) - std::exp(-dt / tm)) / (1 / tm - 1 / ts);
        EXPECT_NEAR(y[1], I, 1e-13 * std::max(1.0, std::fabs(I))) << dt;
        EXPECT_NEAR(y[0], V, 1e-13 * std::max(1.0, std::fabs(V))) << dt;
    }
}

// Equal time constants (the removable singularity of the closed form): V = (V0 + I0 t/tm)
// e^{-t/tm}.
TEST(LinearPropagate, EqualTimeConstants) {
    const double tm = 5;
    const double A[] = {-1 / tm, 1 / tm, 0, -1 / tm};
    const double b[] = {0, 0};
    double y[] = {1.0, 2.0};
    linear_propagate<2>(A, b, y, 3.0);
    EXPECT_NEAR(y[0], (1.0 + 2.0 * 3.0 / tm) * std::exp(-3.0 / tm), 1e-14);
}

// A rotation (complex eigenvalues) with a constant drive: compared with the closed form.
TEST(LinearPropagate, Oscillator) {
    const double w = 2.0;
    const double A[] = {0, w, -w, 0};
    const double b[] = {0, 1}; // x' = w v, v' = -w x + 1: equilibrium x = 1/w, v = 0
    double y[] = {0.0, 0.0};
    const double t = 1.3;
    linear_propagate<2>(A, b, y, t);
    EXPECT_NEAR(y[0], (1 - std::cos(w * t)) / w, 1e-13);
    EXPECT_NEAR(y[1], std::sin(w * t) / w, 1e-13);
}

} // namespace
} // namespace ranvier::kernel
