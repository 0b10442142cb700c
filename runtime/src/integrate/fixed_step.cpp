// NEURON's fixed-step method (see fixed_step.h).
#include "ranvier/integrate/fixed_step.h"

#include "ranvier/cell/dense_lu.h"
#include "ranvier/kernel/tree_solve.h"

#include <cmath>
#include <sstream>

namespace ranvier::integrate {

namespace {

constexpr int kMaxNewtonIterations = 20;

// Solves A x = b in place (A destroyed); false when A is singular.
bool solve_dense(std::vector<double>& a, std::vector<double>& b) {
    std::vector<std::size_t> pivot;
    if (!cell::lu_factor(a, pivot, b.size()))
        return false;
    cell::lu_solve(a, pivot, b.data(), b.size());
    return true;
}

} // namespace

FixedStep::FixedStep(cell::Cell& cell, FixedStepOptions options) : cell_(cell), options_(options) {
    cell_.global(RV_DT) = options.dt;
    cell_.global(RV_SECONDORDER) = options.secondorder;
}

void FixedStep::initialize(double v_init) {
    failure_.clear();
    cell_.initialize(v_init);
}

bool FixedStep::step() {
    const double dt = options_.dt;
    const cell::Cable& cable = cell_.cable();
    const auto n = static_cast<std::size_t>(cable.node_count());
    std::vector<double>& v = cell_.v();
    cell_.deliver(cell_.t() + dt / 2);
    cell_.global(RV_T) += dt / 2;
    rhs_.assign(n, 0.0);
    d_.assign(n, 0.0);
    cell_.add_membrane_currents(rhs_, d_);
    const double cj = options_.secondorder ? 2 / dt : 1 / dt;
    const std::vector<int>& parent = cable.parent();
    for (std::size_t i = 0; i < n; ++i)
        d_[i] += 1e-3 * cable.cm()[i] * cj + cable.axial_diagonal()[i];
    for (std::size_t i = static_cast<std::size_t>(cable.root_count()); i < n; ++i) {
        const auto p = static_cast<std::size_t>(parent[i]);
        const double dv = v[p] - v[i];
        rhs_[i] -= cable.b()[i] * dv;
        rhs_[p] += cable.a()[i] * dv;
    }
    kernel::tree_solve(cable.node_count(), cable.root_count(), parent.data(), cable.a().data(),
                       cable.b().data(), d_.data(), rhs_.data());
    const double scale = options_.secondorder ? 2.0 : 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(v[i] + scale * rhs_[i]))
            continue;
        std::ostringstream message;
        message << "the membrane potential of node " << i << " is " << v[i] + scale * rhs_[i]
                << " at t = " << cell_.t() + dt / 2 << " ms";
        failure_ = message.str(); // v is left as it was
        return false;
    }
    // NEURON's secondorder = 2: the ion currents move to the middle of the step along their
    // d(i)/d(v), so that concentrations are integrated with time-centred currents.
    if (options_.secondorder == 2)
        for (cell::Ion& ion : cell_.ions())
            for (std::size_t i = 0; i < n; ++i)
                ion.i[i] += ion.di_dv[i] * rhs_[i];
    for (std::size_t i = 0; i < n; ++i)
        v[i] += scale * rhs_[i];
    cell_.global(RV_T) += dt / 2;
    advance_states();
    if (!failure_.empty())
        return false;
    cell_.update_ions();
    cell_.check_watches();
    cell_.deliver(cell_.t());
    return true;
}

// Each mechanism's states over dt at the new v, with its author's method.
void FixedStep::advance_states() {
    std::vector<cell::MechanismSet>& mechanisms = cell_.mechanisms();
    for (std::size_t m = 0; m < mechanisms.size() && failure_.empty(); ++m) {
        const rv_mechanism& desc = mechanisms[m].descriptor();
        if (mechanisms[m].size() == 0)
            continue;
        if (desc.advance)
            cell_.run(m, desc.advance);
        else if (desc.state_count > 0 && !implicit_euler(m))
            return;
        cell_.run(m, desc.step);
        cell_.write_concentrations(m);
    }
}

// y1 = y0 + dt f(y1) at the new v and t, by Newton's method with the exact Jacobian d f / d y.
// With secondorder, as NEURON's derivimplicit and sparse: implicit Euler over dt/2, then the
// Crank-Nicolson extrapolation y1 = 2 y(t + dt/2) - y0.
bool FixedStep::implicit_euler(std::size_t m) {
    cell::MechanismSet& set = cell_.mechanisms()[m];
    const rv_mechanism& desc = set.descriptor();
    const auto n = static_cast<std::size_t>(desc.state_count);
    const double dt = options_.secondorder ? options_.dt / 2 : options_.dt;
    auto state = [&](std::size_t s, int i) -> double& { return set.at(desc.state_fields[s], i); };
    std::vector<double> y0;
    for (int i = 0; i < set.size(); ++i)
        for (std::size_t s = 0; s < n; ++s)
            y0.push_back(state(s, i));
    for (int iteration = 0; iteration < kMaxNewtonIterations; ++iteration) {
        cell_.run(m, desc.rhs);
        cell_.run(m, desc.jacobian);
        bool converged = true;
        for (int i = 0; i < set.size(); ++i) {
            std::vector<double> a(n * n, 0.0), r(n);
            for (std::size_t s = 0; s < n; ++s) {
                a[s * n + s] = 1.0;
                r[s] = state(s, i) - y0[static_cast<std::size_t>(i) * n + s] -
                       dt * set.at(desc.derivative_fields[s], i);
            }
            for (int e = 0; e < desc.jacobian_count; ++e) {
                const rv_jacobian_entry& entry = desc.jacobian_entries[e];
                if (entry.column >= 0)
                    a[static_cast<std::size_t>(entry.row) * n +
                      static_cast<std::size_t>(entry.column)] -= dt * set.at(entry.field, i);
            }
            if (!solve_dense(a, r)) {
                converged = false;
                break;
            }
            for (std::size_t s = 0; s < n; ++s) {
                state(s, i) -= r[s];
                converged = converged && std::fabs(r[s]) <= 1e-10 * std::fabs(state(s, i)) + 1e-15;
            }
        }
        if (converged) {
            if (options_.secondorder)
                for (int i = 0; i < set.size(); ++i)
                    for (std::size_t st = 0; st < n; ++st)
                        state(st, i) = 2 * state(st, i) - y0[static_cast<std::size_t>(i) * n + st];
            return true;
        }
    }
    std::ostringstream message;
    message << "mechanism " << desc.name << ": implicit Euler did not converge at t = " << cell_.t()
            << " ms";
    failure_ = message.str();
    return false;
}

} // namespace ranvier::integrate
