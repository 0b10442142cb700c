// CellSystem: the cell's ODE right-hand side (see cell_system.h). Units: the membrane current
// balance I (mA/cm2, the same terms as the fixed-step method) gives dv/dt = 1e3 I / cm in mV/ms
// with cm in uF/cm2.
#include "ranvier/integrate/cell_system.h"

#include <stdexcept>

namespace ranvier::integrate {

CellSystem::CellSystem(cell::Cell& cell) : cell_(cell) {
    // States a SOLVEd PROCEDURE updates by hand (with dt) have no derivative to integrate:
    // only the fixed step can run them (NEURON's CVODE refuses them too).
    for (const cell::MechanismSet& set : cell.mechanisms())
        if (set.descriptor().step && set.size() > 0)
            throw std::invalid_argument(
                "mechanism " + set.name() +
                " updates its states in a SOLVEd PROCEDURE, which only the fixed step can run "
                "(--method fixed); give it a DERIVATIVE or KINETIC block for variable steps");
    const cell::Cable& cable = cell.cable();
    children_.resize(static_cast<std::size_t>(cable.node_count()));
    for (int i = cable.root_count(); i < cable.node_count(); ++i)
        children_[static_cast<std::size_t>(cable.parent()[static_cast<std::size_t>(i)])].push_back(
            i);
    for (int i = 0; i < cable.node_count(); ++i) {
        if (cable.membrane()[static_cast<std::size_t>(i)])
            membrane_nodes_.push_back(i);
        else
            no_membrane_.push_back(i);
    }
    size_ = membrane_nodes_.size();
    index_of_node_.assign(static_cast<std::size_t>(cable.node_count()), -1);
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k)
        index_of_node_[static_cast<std::size_t>(membrane_nodes_[k])] = static_cast<int>(k);
    for (cell::MechanismSet& m : cell.mechanisms()) {
        offset_.push_back(size_);
        size_ += static_cast<std::size_t>(m.size() * m.descriptor().state_count);
        for (int i = 0; i < m.size(); ++i)
            if (!cable.membrane()[static_cast<std::size_t>(m.node(i))])
                throw std::invalid_argument(
                    "mechanism " + m.name() + " " + std::to_string(i) +
                    " sits at a section's end (x = 0 or 1), which has no membrane; "
                    "variable-step integration needs it at a segment centre");
    }
}

void CellSystem::gather(double* y) const {
    const std::vector<double>& v = cell_.v();
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k)
        y[k] = v[static_cast<std::size_t>(membrane_nodes_[k])];
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        const cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        for (int i = 0; i < set.size(); ++i)
            for (int s = 0; s < desc.state_count; ++s)
                y[offset_[m] + static_cast<std::size_t>(i * desc.state_count + s)] =
                    set.at(desc.state_fields[s], i);
    }
}

// v_j = sum_k g_jk v_k / sum_k g_jk over j's neighbours (their links' conductances in uS are
// -b and -a, as the nominal area 100 makes the coefficients of those rows).
void CellSystem::kirchhoff_nodes() {
    const cell::Cable& cable = cell_.cable();
    std::vector<double>& v = cell_.v();
    for (int j : no_membrane_) {
        const auto k = static_cast<std::size_t>(j);
        double g = 0, gv = 0;
        if (cable.parent()[k] >= 0) {
            g -= cable.b()[k];
            gv -= cable.b()[k] * v[static_cast<std::size_t>(cable.parent()[k])];
        }
        for (int c : children_[k]) {
            g -= cable.a()[static_cast<std::size_t>(c)];
            gv -= cable.a()[static_cast<std::size_t>(c)] * v[static_cast<std::size_t>(c)];
        }
        if (g > 0)
            v[k] = gv / g;
    }
}

std::vector<double> CellSystem::tolerance_scales() const {
    std::vector<double> scales(size_, 1.0);
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        const cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        if (!desc.state_tolerances)
            continue;
        for (int i = 0; i < set.size(); ++i)
            for (int s = 0; s < desc.state_count; ++s)
                scales[offset_[m] + static_cast<std::size_t>(i * desc.state_count + s)] =
                    desc.state_tolerances[s];
    }
    return scales;
}

void CellSystem::scatter(double t, const double* y) {
    cell_.global(RV_T) = t;
    std::vector<double>& v = cell_.v();
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k)
        v[static_cast<std::size_t>(membrane_nodes_[k])] = y[k];
    kirchhoff_nodes();
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        for (int i = 0; i < set.size(); ++i)
            for (int s = 0; s < desc.state_count; ++s)
                set.at(desc.state_fields[s], i) =
                    y[offset_[m] + static_cast<std::size_t>(i * desc.state_count + s)];
    }
    cell_.update_ions();
}

void CellSystem::rhs(double t, const double* y, double* ydot) {
    scatter(t, y);
    const cell::Cable& cable = cell_.cable();
    const auto n = static_cast<std::size_t>(cable.node_count());
    rhs_.assign(n, 0.0);
    d_.assign(n, 0.0);
    cell_.add_membrane_currents(rhs_, d_);
    const std::vector<double>& v = cell_.v();
    for (std::size_t i = static_cast<std::size_t>(cable.root_count()); i < n; ++i) {
        const auto p = static_cast<std::size_t>(cable.parent()[i]);
        const double dv = v[p] - v[i];
        rhs_[i] -= cable.b()[i] * dv;
        rhs_[p] += cable.a()[i] * dv;
    }
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k) {
        const auto node = static_cast<std::size_t>(membrane_nodes_[k]);
        ydot[k] = 1e3 * rhs_[node] / cable.cm()[node];
    }
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        if (desc.state_count == 0 || set.size() == 0)
            continue;
        cell_.run(m, desc.rhs);
        for (int i = 0; i < set.size(); ++i)
            for (int s = 0; s < desc.state_count; ++s)
                ydot[offset_[m] + static_cast<std::size_t>(i * desc.state_count + s)] =
                    set.at(desc.derivative_fields[s], i);
    }
}

// The cell at (t, y) with every derivative the kernels compute: d(i)/d(v) summed per node in d_,
// and each mechanism's Jacobian fields.
void CellSystem::derivatives_at(double t, const double* y) {
    scatter(t, y);
    const auto n = static_cast<std::size_t>(cell_.cable().node_count());
    rhs_.assign(n, 0.0);
    d_.assign(n, 0.0);
    cell_.add_membrane_currents(rhs_, d_);
    for (std::size_t m = 0; m < offset_.size(); ++m)
        if (cell_.mechanisms()[m].size() > 0)
            cell_.run(m, cell_.mechanisms()[m].descriptor().jacobian);
}

void CellSystem::jacobian(double t, const double* y, std::vector<double>& j) {
    derivatives_at(t, y);
    const cell::Cable& cable = cell_.cable();
    j.assign(size_ * size_, 0.0);
    auto at = [&](std::size_t row, std::size_t column) -> double& {
        return j[row * size_ + column];
    };
    // d(v_l)/d(v_k) of a node's potential: 1 for itself; the Kirchhoff weights for a node
    // without membrane (whose neighbours all have membrane).
    auto through = [&](int node, double factor, std::size_t row) {
        const auto k = static_cast<std::size_t>(node);
        if (index_of_node_[k] >= 0) {
            at(row, static_cast<std::size_t>(index_of_node_[k])) += factor;
            return;
        }
        std::vector<std::pair<int, double>> links; // neighbour, conductance (uS)
        if (cable.parent()[k] >= 0)
            links.emplace_back(cable.parent()[k], -cable.b()[k]);
        for (int c : children_[k])
            links.emplace_back(c, -cable.a()[static_cast<std::size_t>(c)]);
        double g = 0;
        for (const auto& link : links)
            g += link.second;
        for (const auto& [neighbour, conductance] : links)
            if (index_of_node_[static_cast<std::size_t>(neighbour)] >= 0)
                at(row,
                   static_cast<std::size_t>(index_of_node_[static_cast<std::size_t>(neighbour)])) +=
                    factor * conductance / g;
    };
    for (std::size_t k = 0; k < membrane_nodes_.size(); ++k) {
        const auto node = static_cast<std::size_t>(membrane_nodes_[k]);
        const double scale = 1e3 / cable.cm()[node];
        at(k, k) -= scale * (d_[node] + cable.axial_diagonal()[node]);
        if (cable.parent()[node] >= 0)
            through(cable.parent()[node], -scale * cable.b()[node], k);
        for (int c : children_[node])
            through(c, -scale * cable.a()[static_cast<std::size_t>(c)], k);
    }
    const std::vector<double>& area = cable.area();
    for (std::size_t m = 0; m < offset_.size(); ++m) {
        cell::MechanismSet& set = cell_.mechanisms()[m];
        const rv_mechanism& desc = set.descriptor();
        const auto states = static_cast<std::size_t>(desc.state_count);
        for (int i = 0; i < set.size(); ++i) {
            const auto node = static_cast<std::size_t>(set.node(i));
            const auto vk = static_cast<std::size_t>(index_of_node_[node]);
            const std::size_t base = offset_[m] + static_cast<std::size_t>(i) * states;
            for (int e = 0; e < desc.jacobian_count; ++e) {
                const rv_jacobian_entry& entry = desc.jacobian_entries[e];
                const std::size_t row = base + static_cast<std::size_t>(entry.row);
                const std::size_t column =
                    entry.column >= 0 ? base + static_cast<std::size_t>(entry.column) : vk;
                at(row, column) += set.at(entry.field, i);
            }
            const double scale =
                1e3 / cable.cm()[node] * (set.is_point_process() ? 1e2 / area[node] : 1.0);
            for (int e = 0; e < desc.current_jacobian_count; ++e) {
                const rv_jacobian_entry& entry = desc.current_jacobian_entries[e];
                const double sign = desc.currents[entry.row].electrode ? -1.0 : 1.0;
                at(vk, base + static_cast<std::size_t>(entry.column)) -=
                    scale * sign * set.at(entry.field, i);
            }
        }
    }
}

std::string CellSystem::describe(std::size_t k) const {
    if (k < membrane_nodes_.size())
        return "v at node " + std::to_string(membrane_nodes_[k]);
    for (std::size_t m = offset_.size(); m-- > 0;) {
        if (k < offset_[m])
            continue;
        const cell::MechanismSet& set = cell_.mechanisms()[m];
        const int state_count = set.descriptor().state_count;
        const auto local = static_cast<int>(k - offset_[m]);
        if (state_count == 0 || local >= set.size() * state_count)
            continue;
        const int field = set.descriptor().state_fields[local % state_count];
        return set.name() + "." + set.descriptor().fields[field].name + " of instance " +
               std::to_string(local / state_count);
    }
    return "y[" + std::to_string(k) + "]";
}

} // namespace ranvier::integrate
