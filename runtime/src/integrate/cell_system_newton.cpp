// The block-elimination Newton solve of CellSystem (see cell_system.h). With x the correction:
//   state rows of an instance at node k: (I - g Jss) xs - g Jsv xv = bs,
//   v row of node k: xv - g (Jvv xv + sum over neighbours n of Jvn xn + Jvs xs) = bv,
//   a node j without membrane: (sum of its link conductances) xj - sum g_jn xn = 0,
// where g is gamma. Eliminating xs = A^-1 (bs + g Jsv xv), A = I - g Jss, leaves the tree
//   xv (1 - g Jvv - g^2 Jvs A^-1 Jsv) - g sum Jvn xn = bv + g Jvs A^-1 bs,
// which the tree solve handles with the Kirchhoff rows as they are; then xs follows.
#include "ranvier/cell/dense_lu.h"
#include "ranvier/integrate/cell_system.h"
#include "ranvier/kernel/tree_solve.h"

#include <cmath>

namespace ranvier::integrate {

// J's pieces at (t, y): every instance's blocks, and each membrane node's d(f_v)/d(v).
void CellSystem::evaluate_jacobian_blocks(double t, const double* y) {
    derivatives_at(t, y);
    const cell::Cable& cable = cell_.cable();
    jvv_.assign(membrane_nodes_.size(), 0.0);
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k) {
        const auto node = static_cast<std::size_t>(membrane_nodes_[k]);
        jvv_[k] = -1e3 / cable.cm()[node] * (d_[node] + cable.axial_diagonal()[node]);
    }
    // The blocks keep their storage from one evaluation to the next: no allocation per step.
    std::size_t count = 0;
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        const auto states = static_cast<std::size_t>(desc.state_count);
        if (states == 0)
            continue;
        for (int i = 0; i < set.size(); ++i) {
            if (count == blocks_.size())
                blocks_.emplace_back();
            Block& b = blocks_[count++];
            b.node = set.node(i);
            b.base = offset_[m] + static_cast<std::size_t>(i) * states;
            b.v = static_cast<std::size_t>(index_of_node_[static_cast<std::size_t>(b.node)]);
            b.states = states;
            b.jss.assign(states * states, 0.0);
            b.jsv.assign(states, 0.0);
            b.jvs.assign(states, 0.0);
            for (int e = 0; e < desc.jacobian_count; ++e) {
                const rv_jacobian_entry& entry = desc.jacobian_entries[e];
                const auto row = static_cast<std::size_t>(entry.row);
                if (entry.column >= 0)
                    b.jss[row * states + static_cast<std::size_t>(entry.column)] +=
                        set.at(entry.field, i);
                else
                    b.jsv[row] += set.at(entry.field, i);
            }
            const auto node = static_cast<std::size_t>(b.node);
            const double scale =
                1e3 / cable.cm()[node] * (set.is_point_process() ? 1e2 / cable.area()[node] : 1.0);
            for (int e = 0; e < desc.current_jacobian_count; ++e) {
                const rv_jacobian_entry& entry = desc.current_jacobian_entries[e];
                const double sign = desc.currents[entry.row].electrode ? -1.0 : 1.0;
                b.jvs[static_cast<std::size_t>(entry.column)] -=
                    scale * sign * set.at(entry.field, i);
            }
        }
    }
    blocks_.resize(count);
}

bool CellSystem::setup_newton(double t, const double* y, double gamma, bool fresh) {
    if (fresh || jvv_.size() != membrane_nodes_.size())
        evaluate_jacobian_blocks(t, y);
    gamma_ = gamma;
    const cell::Cable& cable = cell_.cable();
    const auto n = static_cast<std::size_t>(cable.node_count());
    tree_a_.assign(n, 0.0);
    tree_b_.assign(n, 0.0);
    tree_diagonal_.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const int k = index_of_node_[i];
        if (k >= 0)
            tree_diagonal_[i] = 1 - gamma * jvv_[static_cast<std::size_t>(k)];
        else
            tree_diagonal_[i] = cable.axial_diagonal()[i]; // Kirchhoff: the links' conductances
        const int p = cable.parent()[i];
        if (p < 0)
            continue;
        // Row i, column p; and row p, column i. Membrane rows are scaled by -gamma 1e3 / cm;
        // Kirchhoff rows (area 100) hold the conductances, which are -b and -a there.
        tree_b_[i] = k >= 0 ? gamma * 1e3 / cable.cm()[i] * cable.b()[i] : cable.b()[i];
        const bool parent_membrane = index_of_node_[static_cast<std::size_t>(p)] >= 0;
        tree_a_[i] = parent_membrane
                         ? gamma * 1e3 / cable.cm()[static_cast<std::size_t>(p)] * cable.a()[i]
                         : cable.a()[i];
    }
    for (Block& b : blocks_) {
        const std::size_t s = b.states;
        b.lu.assign(s * s, 0.0);
        for (std::size_t k = 0; k < s * s; ++k)
            b.lu[k] = -gamma * b.jss[k];
        for (std::size_t k = 0; k < s; ++k)
            b.lu[k * s + k] += 1;
        if (!cell::lu_factor(b.lu, b.pivot, s))
            return false;
        b.w = b.jsv;
        cell::lu_solve(b.lu, b.pivot, b.w.data(), s);
        double schur = 0;
        for (std::size_t k = 0; k < s; ++k)
            schur += b.jvs[k] * b.w[k];
        tree_diagonal_[static_cast<std::size_t>(b.node)] -= gamma * gamma * schur;
    }
    return true;
}

void CellSystem::solve_newton(double* b) const {
    const cell::Cable& cable = cell_.cable();
    const auto n = static_cast<std::size_t>(cable.node_count());
    tree_rhs_.assign(n, 0.0);
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k)
        tree_rhs_[static_cast<std::size_t>(membrane_nodes_[k])] = b[k];
    // bv + g Jvs A^-1 bs, keeping A^-1 bs for the back substitution.
    for (const Block& blk : blocks_) {
        double* bs = b + blk.base; // becomes A^-1 bs in place
        if (blk.states == 1)
            bs[0] /= blk.lu[0];
        else
            cell::lu_solve(blk.lu, blk.pivot, bs, blk.states);
        double dot = 0;
        for (std::size_t k = 0; k < blk.states; ++k)
            dot += blk.jvs[k] * bs[k];
        tree_rhs_[static_cast<std::size_t>(blk.node)] += gamma_ * dot;
    }
    tree_d_ = tree_diagonal_;
    kernel::tree_solve(cable.node_count(), cable.root_count(), cable.parent().data(),
                       tree_a_.data(), tree_b_.data(), tree_d_.data(), tree_rhs_.data());
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k)
        b[k] = tree_rhs_[static_cast<std::size_t>(membrane_nodes_[k])];
    // xs = A^-1 bs + g (A^-1 Jsv) xv.
    for (const Block& blk : blocks_)
        for (std::size_t k = 0; k < blk.states; ++k)
            b[blk.base + k] += gamma_ * blk.w[k] * b[blk.v];
}

} // namespace ranvier::integrate
