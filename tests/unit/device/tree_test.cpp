// The tree solve shared by a block's threads (device/tree.h): the branches it walks, and its
// results against the sequential solve (kernel/tree_solve.h), to the last bit, whatever order
// the threads of a phase run in.
#include "ranvier/device/tree.h"
#include "ranvier/kernel/tree_solve.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <random>
#include <vector>

namespace ranvier::device {
namespace {

TreeView view_of(const Branches& t, const Children& c, const std::vector<int>& parent, int roots,
                 int lanes) {
    TreeView v;
    v.nodes = static_cast<int>(parent.size());
    v.roots = roots;
    v.lanes = lanes;
    v.levels = static_cast<int>(t.level_begin.size()) - 1;
    v.parent = parent.data();
    v.child_begin = c.begin.data();
    v.children = c.list.data();
    v.branch_begin = t.branch_begin.data();
    v.branch_nodes = t.branch_nodes.data();
    v.level_begin = t.level_begin.data();
    return v;
}

// A soma (0) with two dendrites: 1-2-3, which forks into 4-5 and 6; and 7-8.
TEST(Branches, CutsTheTreeIntoChainsByHeight) {
    const std::vector<int> parent = {-1, 0, 1, 2, 3, 4, 3, 0, 7};
    const Children c = children_of(parent, 1);
    const Branches t = branches_of(parent, 1, c);
    // Leaves (height 0): 4-5, 6, 7-8; then 1-2-3; then the soma.
    ASSERT_EQ(t.level_begin, (std::vector<int>{0, 3, 4, 5}));
    EXPECT_EQ(t.widest, 3);
    auto branch = [&](int k) {
        return std::vector<int>(t.branch_nodes.begin() + t.branch_begin[static_cast<std::size_t>(k)],
                                t.branch_nodes.begin() + t.branch_begin[static_cast<std::size_t>(k) + 1]);
    };
    EXPECT_EQ(branch(0), (std::vector<int>{4, 5}));
    EXPECT_EQ(branch(1), (std::vector<int>{6}));
    EXPECT_EQ(branch(2), (std::vector<int>{7, 8}));
    EXPECT_EQ(branch(3), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(branch(4), (std::vector<int>{0}));
    EXPECT_EQ(c.list, (std::vector<int>{1, 7, 2, 3, 4, 6, 5, 8}));
}

TEST(Branches, EveryNodeOnceAndParentsHigher) {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 40; ++trial) {
        const int n = 1 + trial * 7, roots = std::min(n, 1 + trial % 3);
        std::vector<int> parent(static_cast<std::size_t>(n), -1);
        for (int i = roots; i < n; ++i)
            parent[static_cast<std::size_t>(i)] = std::uniform_int_distribution<>(0, i - 1)(rng);
        const Branches t = branches_of(parent, roots, children_of(parent, roots));
        std::vector<int> seen(t.branch_nodes);
        std::sort(seen.begin(), seen.end());
        std::vector<int> all(static_cast<std::size_t>(n));
        std::iota(all.begin(), all.end(), 0);
        EXPECT_EQ(seen, all);
        // A branch's parent is in a higher level: it is eliminated after it and substituted
        // before it.
        std::vector<int> level_of(static_cast<std::size_t>(n), -1);
        for (std::size_t h = 0; h + 1 < t.level_begin.size(); ++h)
            for (int k = t.level_begin[h]; k < t.level_begin[h + 1]; ++k)
                for (int j = t.branch_begin[static_cast<std::size_t>(k)];
                     j < t.branch_begin[static_cast<std::size_t>(k) + 1]; ++j)
                    level_of[static_cast<std::size_t>(t.branch_nodes[static_cast<std::size_t>(j)])] =
                        static_cast<int>(h);
        for (int i = roots; i < n; ++i) {
            const auto p = static_cast<std::size_t>(parent[static_cast<std::size_t>(i)]);
            EXPECT_GE(level_of[p], level_of[static_cast<std::size_t>(i)]);
        }
    }
}

// Trees shaped as cells are: long unbranched runs with forks now and then; and random ones.
std::vector<int> random_tree(std::mt19937& rng, int n, int roots, bool cell_like) {
    std::vector<int> parent(static_cast<std::size_t>(n), -1);
    for (int i = roots; i < n; ++i) {
        const bool fork = std::uniform_int_distribution<>(0, 9)(rng) == 0;
        parent[static_cast<std::size_t>(i)] =
            cell_like && !fork ? i - 1 : std::uniform_int_distribution<>(0, i - 1)(rng);
    }
    return parent;
}

// Runs the phases of a block, the threads of each phase in a random order.
template <class F>
void run_block(std::mt19937& rng, int threads, int phases, const F& f) {
    std::vector<int> order(static_cast<std::size_t>(threads));
    std::iota(order.begin(), order.end(), 0);
    for (int phase = 0; phase < phases; ++phase) {
        std::shuffle(order.begin(), order.end(), rng);
        for (int thread : order)
            f(thread, phase);
    }
}

TEST(BlockTreeSolve, MatchesTheSequentialSolveBitForBit) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.1, 1.0);
    for (int trial = 0; trial < 60; ++trial) {
        const int n = 2 + trial * 5, roots = 1 + trial % 2, lanes = 1 + trial % 3;
        const bool ab_lanes = trial % 4 == 1;
        const std::vector<int> parent = random_tree(rng, n, roots, trial % 2 == 0);
        const Children children = children_of(parent, roots);
        const Branches t = branches_of(parent, roots, children);
        const TreeView tree = view_of(t, children, parent, roots, lanes);
        const auto slots = static_cast<std::size_t>(n) * static_cast<std::size_t>(lanes);
        std::vector<double> a(slots), b(slots), d(slots), rhs(slots);
        for (std::size_t k = 0; k < slots; ++k) {
            a[k] = -u(rng);
            b[k] = -u(rng);
            d[k] = 4 + u(rng);
            rhs[k] = u(rng) - 0.5;
        }
        std::vector<double> d_block(d), rhs_block(rhs), v(slots), rhs_axial(rhs);
        std::vector<double> d_one(d), rhs_one(rhs); // one thread's solve of every lane
        for (std::size_t k = 0; k < slots; ++k)
            v[k] = -65 + 10 * u(rng);
        const int threads = trial % 3 == 0 ? 1 : trial % 3 == 1 ? 3 : 32;
        for (int l = 0; l < lanes; ++l) {
            // The sequential solve of lane l, in a lane's own arrays.
            std::vector<double> al(static_cast<std::size_t>(n)), bl(al.size()), dl(al.size()),
                rl(al.size());
            for (int i = 0; i < n; ++i) {
                const std::size_t x = tree.at(i, l);
                const std::size_t y = ab_lanes ? x : static_cast<std::size_t>(i);
                al[static_cast<std::size_t>(i)] = a[y];
                bl[static_cast<std::size_t>(i)] = b[y];
                dl[static_cast<std::size_t>(i)] = d[x];
                rl[static_cast<std::size_t>(i)] = rhs[x];
            }
            kernel::tree_solve(n, roots, parent.data(), al.data(), bl.data(), dl.data(), rl.data());
            run_block(rng, threads, tree.phases(), [&](int thread, int phase) {
                tree.solve_phase(phase, thread, threads, l, a.data(), b.data(), ab_lanes,
                                 d_block.data(), rhs_block.data());
            });
            tree.solve(l, a.data(), b.data(), ab_lanes, d_one.data(), rhs_one.data());
            for (int i = 0; i < n; ++i) {
                ASSERT_EQ(rhs_block[tree.at(i, l)], rl[static_cast<std::size_t>(i)])
                    << "trial " << trial << ", lane " << l << ", node " << i;
                ASSERT_EQ(rhs_one[tree.at(i, l)], rl[static_cast<std::size_t>(i)]);
            }
            // The axial currents, against the loop over nodes.
            std::vector<double> expected(rhs);
            for (int i = roots; i < n; ++i) {
                const int p = parent[static_cast<std::size_t>(i)];
                const double dv = v[tree.at(p, l)] - v[tree.at(i, l)];
                expected[tree.at(i, l)] -= b[static_cast<std::size_t>(i)] * dv;
                expected[tree.at(p, l)] += a[static_cast<std::size_t>(i)] * dv;
            }
            run_block(rng, threads, 1, [&](int thread, int) {
                for (int i = thread; i < n; i += threads)
                    tree.add_axial(i, l, a.data(), b.data(), v.data(), rhs_axial.data());
            });
            for (int i = 0; i < n; ++i)
                ASSERT_EQ(rhs_axial[tree.at(i, l)], expected[tree.at(i, l)]);
        }
    }
}

} // namespace
} // namespace ranvier::device
