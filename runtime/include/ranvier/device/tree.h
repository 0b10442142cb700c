// The tree (Hines) solve of a cell shared by the threads of a block: a block per cell for
// multi-compartment cells, where one thread per cell would walk every node alone.
//
// The cell's nodes are cut into branches: chains in which each node is the only child of the
// one before. A branch's last node has no child or several, each the first node of another
// branch. The elimination goes by height (leaves first): each thread takes branches of the
// present height and walks each from its last node to its first, every node *pulling* what its
// children contribute (children in descending index, as kernel/tree_solve.h's loop from the last
// node down meets them). No two threads write the same node, and every value a node reads is
// final, so the arithmetic, and its order per node, is that of the sequential solve: the result
// is the same to the last bit. The substitution goes by height the other way (a branch's parent
// is higher), each branch from its first node to its last.
//
// Node-major arrays (node i of lane l at i * lanes + l), as the lane engine keeps them; the
// off-diagonals a and b are either the batch's (one per node) or per lane (BDF's, scaled by the
// cell's gamma).
#pragma once

#include "ranvier/kernel/math.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ranvier::device {

// Each node's children, ascending: list[begin[i] .. begin[i + 1]).
struct Children {
    std::vector<int> begin, list;
};

// `parent[i] < i` for i >= roots (the nodes 0 .. roots-1 are roots).
inline Children children_of(const std::vector<int>& parent, int roots) {
    const int n = static_cast<int>(parent.size());
    Children c;
    c.begin.assign(static_cast<std::size_t>(n) + 1, 0);
    for (int i = roots; i < n; ++i)
        ++c.begin[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)]) + 1];
    for (int i = 0; i < n; ++i)
        c.begin[static_cast<std::size_t>(i) + 1] += c.begin[static_cast<std::size_t>(i)];
    c.list.resize(static_cast<std::size_t>(n > roots ? n - roots : 0));
    std::vector<int> fill(c.begin.begin(), c.begin.end() - 1);
    for (int i = roots; i < n; ++i)
        c.list[static_cast<std::size_t>(fill[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])]++)] = i;
    return c;
}

// The tree as the block solve walks it (host vectors; TreeView is their device view).
struct Branches {
    std::vector<int> branch_begin, branch_nodes; // per branch (by height): its nodes, in order
    std::vector<int> level_begin;              // per height: its first branch; one past the end
    int widest = 0;                            // most branches of one height
};

inline Branches branches_of(const std::vector<int>& parent, int roots, const Children& children) {
    const int n = static_cast<int>(parent.size());
    Branches t;
    const std::vector<int>& child_begin = children.begin;
    auto count = [&](int i) {
        return child_begin[static_cast<std::size_t>(i) + 1] - child_begin[static_cast<std::size_t>(i)];
    };
    // Chains: a node starts one unless it is its parent's only child.
    std::vector<std::vector<int>> chains;
    std::vector<int> chain_of(static_cast<std::size_t>(n), -1);
    for (int i = 0; i < n; ++i) {
        const int p = i < roots ? -1 : parent[static_cast<std::size_t>(i)];
        if (p >= 0 && count(p) == 1) {
            const int c = chain_of[static_cast<std::size_t>(p)];
            chains[static_cast<std::size_t>(c)].push_back(i);
            chain_of[static_cast<std::size_t>(i)] = c;
        } else {
            chain_of[static_cast<std::size_t>(i)] = static_cast<int>(chains.size());
            chains.push_back({i});
        }
    }
    // Heights: a chain's children come after it, so walk the chains backwards.
    std::vector<int> height(chains.size(), 0);
    int levels = 0;
    for (std::size_t c = chains.size(); c-- > 0;) {
        const int last = chains[c].back();
        for (int k = child_begin[static_cast<std::size_t>(last)];
             k < child_begin[static_cast<std::size_t>(last) + 1]; ++k) {
            const int child = chain_of[static_cast<std::size_t>(children.list[static_cast<std::size_t>(k)])];
            height[c] = std::max(height[c], height[static_cast<std::size_t>(child)] + 1);
        }
        levels = std::max(levels, height[c] + 1);
    }
    t.level_begin.assign(static_cast<std::size_t>(levels) + 1, 0);
    for (int h : height)
        ++t.level_begin[static_cast<std::size_t>(h) + 1];
    for (int h = 0; h < levels; ++h) {
        t.widest = std::max(t.widest, t.level_begin[static_cast<std::size_t>(h) + 1]);
        t.level_begin[static_cast<std::size_t>(h) + 1] += t.level_begin[static_cast<std::size_t>(h)];
    }
    std::vector<int> place(t.level_begin.begin(), t.level_begin.end() - 1);
    std::vector<int> order(chains.size());
    for (std::size_t c = 0; c < chains.size(); ++c)
        order[static_cast<std::size_t>(place[static_cast<std::size_t>(height[c])]++)] = static_cast<int>(c);
    t.branch_begin.push_back(0);
    for (int c : order) {
        for (int node : chains[static_cast<std::size_t>(c)])
            t.branch_nodes.push_back(node);
        t.branch_begin.push_back(static_cast<int>(t.branch_nodes.size()));
    }
    return t;
}

struct TreeView {
    int nodes = 0, roots = 0, lanes = 0, levels = 0;
    const int* parent = nullptr;
    const int *child_begin = nullptr, *children = nullptr;
    const int *branch_begin = nullptr, *branch_nodes = nullptr, *level_begin = nullptr;

    // The phases of a block's solve (solve_phase): the elimination's `levels`, then the
    // substitution's.
    int phases() const { return 2 * levels; }

    HOST_DEVICE std::size_t at(int i, int lane) const {
        return static_cast<std::size_t>(i) * static_cast<std::size_t>(lanes) +
               static_cast<std::size_t>(lane);
    }

    // The whole solve of lane `lane` by one thread (kernel/tree_solve.h's loops, strided).
    HOST_DEVICE void solve(int lane, const double* a, const double* b, bool ab_lanes, double* d,
                           double* rhs) const {
        auto ab = [&](int i) { return ab_lanes ? at(i, lane) : static_cast<std::size_t>(i); };
        for (int i = nodes - 1; i >= roots; --i) {
            const std::size_t x = at(i, lane), p = at(parent[i], lane);
            const double f = a[ab(i)] / d[x];
            d[p] -= f * b[ab(i)];
            rhs[p] -= f * rhs[x];
        }
        for (int i = 0; i < roots; ++i)
            rhs[at(i, lane)] /= d[at(i, lane)];
        for (int i = roots; i < nodes; ++i)
            rhs[at(i, lane)] = (rhs[at(i, lane)] - b[ab(i)] * rhs[at(parent[i], lane)]) / d[at(i, lane)];
    }

    // The axial currents of node i into rhs: the node's own term, then its children's, in the
    // order in which a loop over the nodes adds them.
    HOST_DEVICE void add_axial(int i, int lane, const double* a, const double* b, const double* v,
                               double* rhs) const {
        const std::size_t x = at(i, lane);
        if (i >= roots)
            rhs[x] -= b[i] * (v[at(parent[i], lane)] - v[x]);
        for (int k = child_begin[i]; k < child_begin[i + 1]; ++k) {
            const int c = children[k];
            rhs[x] += a[c] * (v[x] - v[at(c, lane)]);
        }
    }

    // Phase `phase` of the solve of lane `lane`, by thread `thread` of `threads`. `ab_lanes`:
    // a and b are per lane (node-major) rather than per node.
    HOST_DEVICE void solve_phase(int phase, int thread, int threads, int lane, const double* a,
                                 const double* b, bool ab_lanes, double* d, double* rhs) const {
        auto ab = [&](int i) { return ab_lanes ? at(i, lane) : static_cast<std::size_t>(i); };
        if (phase < levels) {
            for (int k = level_begin[phase] + thread; k < level_begin[phase + 1]; k += threads)
                for (int j = branch_begin[k + 1] - 1; j >= branch_begin[k]; --j) {
                    const int i = branch_nodes[j];
                    const std::size_t x = at(i, lane);
                    for (int c = child_begin[i + 1] - 1; c >= child_begin[i]; --c) {
                        const int child = children[c];
                        const std::size_t y = at(child, lane);
                        const double f = a[ab(child)] / d[y];
                        d[x] -= f * b[ab(child)];
                        rhs[x] -= f * rhs[y];
                    }
                }
            return;
        }
        const int level = 2 * levels - 1 - phase;
        if (level < 0)
            return;
        for (int k = level_begin[level] + thread; k < level_begin[level + 1]; k += threads)
            for (int j = branch_begin[k]; j < branch_begin[k + 1]; ++j) {
                const int i = branch_nodes[j];
                const std::size_t x = at(i, lane);
                if (i < roots)
                    rhs[x] /= d[x];
                else
                    rhs[x] = (rhs[x] - b[ab(i)] * rhs[at(parent[i], lane)]) / d[x];
            }
    }
};

} // namespace ranvier::device
