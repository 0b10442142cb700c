// The tree (Hines) solve against dense Gaussian elimination on random branched trees.
#include "ranvier/kernel/tree_solve.h"

#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace ranvier::kernel {
namespace {

TEST(TreeSolve, MatchesDenseElimination) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0.1, 1.0);
    for (int trial = 0; trial < 50; ++trial) {
        const int n = 2 + trial;
        const int roots = 1 + trial % 2;
        std::vector<int> parent(static_cast<std::size_t>(n), -1);
        for (int i = roots; i < n; ++i)
            parent[static_cast<std::size_t>(i)] = std::uniform_int_distribution<>(0, i - 1)(rng);
        std::vector<double> a(static_cast<std::size_t>(n)), b(a.size()), d(a.size()), x(a.size());
        std::vector<double> dense(a.size() * a.size(), 0.0);
        for (std::size_t i = 0; i < a.size(); ++i) {
            d[i] = 5 + u(rng);
            dense[i * a.size() + i] = d[i];
            x[i] = u(rng) - 0.5;
            if (static_cast<int>(i) < roots)
                continue;
            a[i] = -u(rng);
            b[i] = -u(rng);
            const auto p = static_cast<std::size_t>(parent[i]);
            dense[i * a.size() + p] = b[i];
            dense[p * a.size() + i] = a[i];
        }
        std::vector<double> rhs(a.size(), 0.0);
        for (std::size_t r = 0; r < a.size(); ++r)
            for (std::size_t c = 0; c < a.size(); ++c)
                rhs[r] += dense[r * a.size() + c] * x[c];
        tree_solve(n, roots, parent.data(), a.data(), b.data(), d.data(), rhs.data());
        for (std::size_t i = 0; i < a.size(); ++i)
            EXPECT_NEAR(rhs[i], x[i], 1e-12) << "trial " << trial << " node " << i;
    }
}

} // namespace
} // namespace ranvier::kernel
