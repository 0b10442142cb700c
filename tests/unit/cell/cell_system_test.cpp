// The cell's ODE system: its Jacobian, assembled from the generated kernels' derivatives and the
// cable (through the nodes without membrane), against central differences of its right-hand
// side, on a branched cell with hh and pas, at points along an action potential.
#include "ranvier/integrate/bdf_cell.h"
#include "ranvier/integrate/cell_system.h"
#include "ranvier/integrate/fixed_step.h"

#include <cmath>
#include <gtest/gtest.h>

extern "C" const rv_mechanism rv_mechanism_hh;
extern "C" const rv_mechanism rv_mechanism_pas;
extern "C" const rv_mechanism rv_mechanism_IClamp;

namespace ranvier::integrate {
namespace {

TEST(CellSystem, JacobianMatchesFiniteDifferences) {
    std::string error;
    std::optional<cell::Cable> cable =
        cell::Cable::discretise({{"soma", 20, 20, 100, 1, 1, -1, 1},
                                 {"dend", 200, 2, 100, 1, 3, 0, 1},
                                 {"side", 100, 1, 150, 1, 2, 0, 0.5}},
                                error);
    ASSERT_TRUE(cable) << error;
    cell::Cell cell(*cable, 6.3);
    const int soma = cell.cable().node_at(0, 0.5);
    cell.insert(rv_mechanism_hh, soma);
    cell.insert(rv_mechanism_hh, cell.cable().node_at(2, 0.75));
    for (int s = 1; s <= 2; ++s)
        for (double x : {0.2, 0.5, 0.9})
            cell.insert(rv_mechanism_pas, cell.cable().node_at(s, x));
    cell::MechanismSet& clamp = cell.mechanism(rv_mechanism_IClamp);
    const int c = cell.insert(rv_mechanism_IClamp, soma);
    clamp.at(clamp.field("del"), c) = 1;
    clamp.at(clamp.field("dur"), c) = 100;
    clamp.at(clamp.field("amp"), c) = 0.3;
    FixedStep stepper(cell, {0.025, 0});
    stepper.initialize(-65);
    CellSystem system(cell);
    const std::size_t n = system.size();
    int points = 0;
    for (int step = 1; step <= 400; ++step) {
        ASSERT_TRUE(stepper.step()) << stepper.failure();
        if (step % 40 != 0)
            continue;
        std::vector<double> y(n), j, up(n), down(n);
        system.gather(y.data());
        system.jacobian(cell.t(), y.data(), j);
        for (std::size_t col = 0; col < n; ++col) {
            const double h = 1e-6 * std::max(1.0, std::fabs(y[col]));
            std::vector<double> yp = y, ym = y;
            yp[col] += h;
            ym[col] -= h;
            system.rhs(cell.t(), yp.data(), up.data());
            system.rhs(cell.t(), ym.data(), down.data());
            for (std::size_t row = 0; row < n; ++row) {
                const double numeric = (up[row] - down[row]) / (2 * h);
                const double exact = j[row * n + col];
                EXPECT_NEAR(exact, numeric, 1e-5 * std::max({1.0, std::fabs(numeric)}))
                    << "d f[" << system.describe(row) << "] / d " << system.describe(col)
                    << " at t = " << cell.t();
            }
        }
        // The BDF integrator's Newton solve: (I - gamma J) x = b, with row interchanges (a
        // regression: applying them interleaved with the elimination solved the wrong system).
        DenseCellSystem dense(cell);
        for (double gamma : {1e-3, 0.05, 0.0694, 2.0}) {
            ASSERT_TRUE(dense.setup(cell.t(), y.data(), gamma, true));
            std::vector<double> b(n), x(n);
            for (std::size_t i = 0; i < n; ++i)
                b[i] = std::sin(3.0 * static_cast<double>(i) + 1);
            x = b;
            dense.solve(x.data());
            for (std::size_t r = 0; r < n; ++r) {
                double mx = x[r];
                for (std::size_t k = 0; k < n; ++k)
                    mx -= gamma * j[r * n + k] * x[k];
                EXPECT_NEAR(mx, b[r], 1e-9 * (1 + std::fabs(b[r]))) << "gamma " << gamma;
            }
            // The block-elimination solve (states onto v, Kirchhoff rows, tree) agrees.
            ASSERT_TRUE(system.setup_newton(cell.t(), y.data(), gamma, true));
            std::vector<double> tree = b;
            system.solve_newton(tree.data());
            for (std::size_t r = 0; r < n; ++r)
                EXPECT_NEAR(tree[r], x[r], 1e-9 * (1 + std::fabs(x[r])))
                    << system.describe(r) << ", gamma " << gamma;
        }
        system.scatter(cell.t(), y.data());
        ++points;
    }
    EXPECT_EQ(points, 10);
}

} // namespace
} // namespace ranvier::integrate
