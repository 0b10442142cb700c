// The lane engine's variable-step method: every cell integrated by its own BDF integrator
// (lane_bdf.h, the algorithm of integrate/bdf.h), one thread per cell, with the cell's Newton
// matrix solved as integrate/CellSystem does it (each instance's states eliminated onto its node,
// then the tree), and events as integrate/BdfCell handles them: the integrator lands on each
// event's time, NET_RECEIVE runs, and it goes on after a soft restart.
//
// The cells of a batch advance together in rounds. In a round each cell either takes events that
// are due (then restarts), or takes one step toward its next event or the horizon, or waits. A
// step's parts that need the cell's right-hand side or Jacobian run the generated kernels over the
// whole batch, each cell at its own time (rv_instances::times) and state; the parts in between
// are per-cell kernels. Unlike the CPU backend, which steps past the horizon and goes back when
// an event arrives inside the last step, a cell here never steps past what is known (no rollback
// on the device): the spikes agree with the CPU backend's within the integrator's tolerance.
//
// Included at the end of engine_impl.h.
#pragma once

namespace ranvier::device {

namespace detail {

enum Action : int { kWait = 0, kDeliver = 1, kStep = 2, kStart = 3 };

// Whether the bisection for a WATCH's time goes on (BdfCell::step_to's test).
HOST_DEVICE inline bool watch_wide(const bdf::Lane& s) {
    const double hi = s.watch_time;
    return hi - s.watch_lo > 1e-13 * (fabs(hi) > 1 ? fabs(hi) : 1.0);
}

// A Newton iteration's delta <- (I - gamma J)^-1 delta (CellSystem::solve_newton), in three
// parts around the tree solve of tree_d and tree_rhs. First the residual, and each instance's
// states eliminated onto its node.
HOST_DEVICE inline void newton_reduce(const BdfView& bv, const MechanismView* views,
                                      int mechanisms, int nodes, int l) {
    bdf::Lane& s = bv.lane[l];
    const bdf::Cell c = bv.cell(l);
    bdf::residual(s, c);
    const int L = bv.lanes;
    auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
    for (int i = 0; i < nodes; ++i)
        bv.tree_rhs[at(i)] = 0;
    for (int k = 0; k < bv.membrane; ++k)
        bv.tree_rhs[at(bv.membrane_node[k])] = c.delta[k];
    const double gamma = s.gamma_setup;
    for (int m = 0; m < mechanisms; ++m) {
        const MechanismView& mv = views[m];
        const int S = mv.states;
        for (int i = 0; i < mv.per_lane && S > 0; ++i) {
            const std::size_t bi = static_cast<std::size_t>(i) * L + l;
            double* xs = mv.xs + bi * S;
            for (int k = 0; k < S; ++k)
                xs[k] = c.delta[mv.offset + i * S + k];
            kernel::lu_solve(mv.lu + bi * S * S, mv.pivot + bi * S, xs, S);
            double dot = 0;
            for (int k = 0; k < S; ++k)
                dot += mv.jvs[bi * S + k] * xs[k];
            bv.tree_rhs[static_cast<std::size_t>(mv.node[bi])] += gamma * dot;
        }
    }
    for (int i = 0; i < nodes; ++i)
        bv.tree_d[at(i)] = bv.tree_diag[at(i)];
}

// Then the states back from their nodes' solution, and the correction.
HOST_DEVICE inline void newton_expand(const BdfView& bv, const MechanismView* views,
                                      int mechanisms, int l) {
    bdf::Lane& s = bv.lane[l];
    const bdf::Cell c = bv.cell(l);
    const int L = bv.lanes;
    auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
    const double gamma = s.gamma_setup;
    for (int k = 0; k < bv.membrane; ++k)
        c.delta[k] = bv.tree_rhs[at(bv.membrane_node[k])];
    for (int m = 0; m < mechanisms; ++m) {
        const MechanismView& mv = views[m];
        const int S = mv.states;
        for (int i = 0; i < mv.per_lane && S > 0; ++i) {
            const std::size_t bi = static_cast<std::size_t>(i) * L + l;
            const double xv = bv.tree_rhs[static_cast<std::size_t>(mv.node[bi])];
            for (int k = 0; k < S; ++k)
                c.delta[mv.offset + i * S + k] = mv.xs[bi * S + k] + gamma * mv.w[bi * S + k] * xv;
        }
    }
    bdf::correct(s, c);
}

} // namespace detail

// The BDF arrays of a batch, and each mechanism's place in the cells' y.
template <class Exec> void Engine<Exec>::bdf_prepare(Batch& b, const BatchSetup& bs) {
    const int lanes = b.lanes;
    std::vector<int> membrane_node, y_of_node(static_cast<std::size_t>(b.nodes), -1), kirchhoff;
    for (int i = 0; i < b.nodes; ++i) {
        const bool membrane = bs.membrane.empty() || bs.membrane[static_cast<std::size_t>(i)];
        if (membrane) {
            y_of_node[static_cast<std::size_t>(i)] = static_cast<int>(membrane_node.size());
            membrane_node.push_back(i);
        } else {
            kirchhoff.push_back(i);
        }
    }
    int n = static_cast<int>(membrane_node.size());
    std::vector<double> scale(static_cast<std::size_t>(n), 1.0);
    b.bdf_offsets.clear();
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m) {
        Mechanism& mech = b.mechanisms[m];
        const rv_mechanism& d = *mech.desc;
        b.bdf_offsets.push_back(n);
        if (d.state_count == 0 || mech.per_lane == 0)
            continue;
        for (int i = 0; i < mech.per_lane; ++i) {
            if (y_of_node[static_cast<std::size_t>(bs.mechanisms[m].node[static_cast<std::size_t>(i)])] < 0)
                throw std::runtime_error(std::string("mechanism ") + d.name +
                                         " sits at a section's end, which has no membrane; "
                                         "variable-step integration needs it at a segment centre");
            for (int k = 0; k < d.state_count; ++k)
                scale.push_back(d.state_tolerances ? d.state_tolerances[k] : 1.0);
        }
        n += mech.per_lane * d.state_count;
    }
    b.bdf_membrane_nodes = membrane_node;
    detail::BdfView& v = b.bdf;
    v.n = n;
    v.lanes = lanes;
    v.membrane = static_cast<int>(membrane_node.size());
    v.kirchhoff_count = static_cast<int>(kirchhoff.size());
    v.max_order = bdf::kMaxOrder;
    v.rtol = setup_.rtol;
    v.atol = setup_.atol;
    v.membrane_node = upload(membrane_node.empty() ? std::vector<int>{0} : membrane_node);
    v.y_of_node = upload(y_of_node);
    v.kirchhoff = upload(kirchhoff.empty() ? std::vector<int>{0} : kirchhoff);
    v.child_begin = b.tree.child_begin;
    v.child = b.tree.children;
    v.scale = upload(scale.empty() ? std::vector<double>{1.0} : scale);
    const std::size_t vec = std::max<std::size_t>(1, static_cast<std::size_t>(n) * lanes);
    const std::size_t slots = static_cast<std::size_t>(b.nodes) * lanes;
    v.z = allocate<double>(vec * (bdf::kMaxOrder + 2));
    for (double** p : {&v.e, &v.y, &v.f, &v.delta, &v.weight, &v.saved_e, &v.jvv})
        *p = allocate<double>(vec);
    for (double** p : {&v.tree_a, &v.tree_b, &v.tree_diag, &v.tree_d, &v.tree_rhs})
        *p = allocate<double>(slots);
    v.lane = allocate<bdf::Lane>(static_cast<std::size_t>(lanes));
    v.action = allocate<int>(static_cast<std::size_t>(lanes));
    v.active = allocate<int>(static_cast<std::size_t>(lanes));
    v.mode = allocate<int>(static_cast<std::size_t>(lanes));
    v.until = allocate<double>(static_cast<std::size_t>(lanes));
    v.times = allocate<double>(static_cast<std::size_t>(lanes));
    std::vector<int> detector_y(static_cast<std::size_t>(lanes), -1);
    for (int l = 0; l < lanes; ++l) {
        const CellSetup& c = setup_.cells[static_cast<std::size_t>(bs.cells[static_cast<std::size_t>(l)])];
        if (c.detector_node < 0)
            continue;
        detector_y[static_cast<std::size_t>(l)] = y_of_node[static_cast<std::size_t>(c.detector_node)];
        if (detector_y[static_cast<std::size_t>(l)] < 0)
            throw std::runtime_error("a spike detector at node " + std::to_string(c.detector_node) +
                                     ", which has no membrane");
    }
    v.detector_y = upload(detector_y);
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m) {
        Mechanism& mech = b.mechanisms[m];
        mech.view.times = v.times;
        mech.view.time_lanes = lanes;
        mech.view.active = v.active; // each phase's cells only
    }
}

// A mechanism's BDF fields of its lane view (before the views are copied to the device).
template <class Exec>
void Engine<Exec>::bdf_prepare_mechanism(Mechanism& m, detail::MechanismView& lv, int offset) {
    const rv_mechanism& d = *m.desc;
    lv.states = d.state_count;
    lv.offset = offset;
    lv.point = d.kind != RV_DENSITY;
    lv.node = m.node;
    if (d.state_count == 0 || m.count == 0)
        return;
    const auto count = static_cast<std::size_t>(m.count);
    const auto s = static_cast<std::size_t>(d.state_count);
    lv.state_fields = upload(std::vector<int>(d.state_fields, d.state_fields + d.state_count));
    lv.derivative_fields = upload(std::vector<int>(d.derivative_fields, d.derivative_fields + d.state_count));
    lv.jacobian_count = d.jacobian_count;
    lv.jacobian = d.jacobian_count > 0 ? upload(std::vector<rv_jacobian_entry>(
                                             d.jacobian_entries, d.jacobian_entries + d.jacobian_count))
                                       : nullptr;
    lv.current_jacobian_count = d.current_jacobian_count;
    lv.current_jacobian =
        d.current_jacobian_count > 0
            ? upload(std::vector<rv_jacobian_entry>(d.current_jacobian_entries,
                                                    d.current_jacobian_entries + d.current_jacobian_count))
            : nullptr;
    std::vector<int> electrode;
    for (int c = 0; c < d.current_count; ++c)
        electrode.push_back(d.currents[c].electrode);
    lv.electrode = upload(electrode.empty() ? std::vector<int>{0} : electrode);
    lv.jss = allocate<double>(count * s * s);
    lv.lu = allocate<double>(count * s * s);
    lv.jsv = allocate<double>(count * s);
    lv.jvs = allocate<double>(count * s);
    lv.w = allocate<double>(count * s);
    lv.xs = allocate<double>(count * s);
    lv.pivot = allocate<int>(count * s);
}

// The cells' values from y (the active lanes): potentials, those without membrane by
// Kirchhoff's law, states, and the ions that follow the states (CellSystem::scatter); each
// cell's kernels then see its own eval_t.
template <class Exec> void Engine<Exec>::bdf_scatter(std::size_t batch, const double* src) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const int* parent = b.parent;
    const double *a = b.a, *bb = b.b;
    double* v = b.v;
    exec_.each(b.lanes, RV_KERNEL(int l) {
        if (!bv.active[l])
            return;
        const int L = bv.lanes;
        auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
        bv.times[l] = bv.lane[l].eval_t;
        for (int k = 0; k < bv.membrane; ++k)
            v[at(bv.membrane_node[k])] = src[at(k)];
        for (int j = 0; j < bv.kirchhoff_count; ++j) {
            const int node = bv.kirchhoff[j];
            double g = 0, gv = 0;
            if (parent[node] >= 0) {
                g -= bb[node];
                gv -= bb[node] * v[at(parent[node])];
            }
            for (int c = bv.child_begin[node]; c < bv.child_begin[node + 1]; ++c) {
                const int child = bv.child[c];
                g -= a[child];
                gv -= a[child] * v[at(child)];
            }
            if (g > 0)
                v[at(node)] = gv / g;
        }
        for (int m = 0; m < mechanisms; ++m) {
            const detail::MechanismView& mv = views[m];
            if (mv.states == 0)
                continue;
            for (int i = 0; i < mv.per_lane; ++i)
                for (int s = 0; s < mv.states; ++s)
                    mv.fields[mv.state_fields[s]][i * L + l] = src[at(mv.offset + i * mv.states + s)];
        }
    });
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m)
        write_concentrations(batch, m);
    update_ions(batch);
}

// y from the cells' present values (the active lanes; CellSystem::gather).
template <class Exec> void Engine<Exec>::bdf_gather(std::size_t batch, double* dst) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const double* v = b.v;
    exec_.each(b.lanes, RV_KERNEL(int l) {
        if (!bv.active[l])
            return;
        const int L = bv.lanes;
        auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
        for (int k = 0; k < bv.membrane; ++k)
            dst[at(k)] = v[at(bv.membrane_node[k])];
        for (int m = 0; m < mechanisms; ++m) {
            const detail::MechanismView& mv = views[m];
            for (int i = 0; i < mv.per_lane && mv.states > 0; ++i)
                for (int s = 0; s < mv.states; ++s)
                    dst[at(mv.offset + i * mv.states + s)] = mv.fields[mv.state_fields[s]][i * L + l];
        }
    });
}

// dst = f(eval_t, src) for the active lanes (CellSystem::rhs): dv/dt = 1e3 I / cm from the
// membrane currents and the cable, and every mechanism's derivatives.
template <class Exec>
void Engine<Exec>::bdf_rhs(std::size_t batch, const double* src, double* dst) {
    bdf_scatter(batch, src);
    currents(batch);
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const int nodes = b.nodes, roots = b.roots;
    const int* parent = b.parent;
    const double *a = b.a, *bb = b.b, *cm = b.cm;
    const double* v = b.v;
    double* rhs = b.rhs;
    if (b.threads > 1) {
        // A block per cell: each node's own axial term, then its children's (the order of the
        // loop below), and each membrane node's component.
        const TreeView tree = b.tree;
        const int threads = b.threads;
        exec_.blocks(b.lanes, threads, 2, RV_KERNEL(int l, int thread, int phase) {
            if (!bv.active[l])
                return;
            const int L = bv.lanes;
            auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
            if (phase == 0) {
                for (int i = thread; i < nodes; i += threads)
                    tree.add_axial(i, l, a, bb, v, rhs);
            } else {
                for (int k = thread; k < bv.membrane; k += threads) {
                    const int node = bv.membrane_node[k];
                    dst[at(k)] = 1e3 * rhs[at(node)] / cm[node];
                }
            }
        });
    } else {
        exec_.each(b.lanes, RV_KERNEL(int l) {
            if (!bv.active[l])
                return;
            const int L = bv.lanes;
            auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
            for (int i = roots; i < nodes; ++i) {
                const int p = parent[i];
                const double dv = v[at(p)] - v[at(i)];
                rhs[at(i)] -= bb[i] * dv;
                rhs[at(p)] += a[i] * dv;
            }
            for (int k = 0; k < bv.membrane; ++k) {
                const int node = bv.membrane_node[k];
                dst[at(k)] = 1e3 * rhs[at(node)] / cm[node];
            }
        });
    }
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m)
        if (b.mechanisms[m].desc->state_count > 0)
            run(batch, m, b.mechanisms[m].desc->rhs);
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    exec_.each(b.lanes, RV_KERNEL(int l) {
        if (!bv.active[l])
            return;
        const int L = bv.lanes;
        for (int m = 0; m < mechanisms; ++m) {
            const detail::MechanismView& mv = views[m];
            for (int i = 0; i < mv.per_lane && mv.states > 0; ++i)
                for (int s = 0; s < mv.states; ++s)
                    dst[static_cast<std::size_t>(mv.offset + i * mv.states + s) * L + l] =
                        mv.fields[mv.derivative_fields[s]][i * L + l];
        }
    });
}

// The Jacobian's pieces at (eval_t, z_0) for the active lanes (CellSystem::
// evaluate_jacobian_blocks): each membrane node's d(f_v)/d(v), and each instance's blocks.
template <class Exec> void Engine<Exec>::bdf_jacobian(std::size_t batch) {
    Batch& b = batches_[batch];
    bdf_scatter(batch, b.bdf.z);
    currents(batch);
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m)
        if (b.mechanisms[m].count > 0)
            run(batch, m, b.mechanisms[m].desc->jacobian);
    const detail::BdfView bv = b.bdf;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const double *cm = b.cm, *axial = b.axial_diagonal, *area = b.area;
    const double* d = b.d;
    exec_.each(b.lanes, RV_KERNEL(int l) {
        if (!bv.active[l])
            return;
        const int L = bv.lanes;
        for (int k = 0; k < bv.membrane; ++k) {
            const int node = bv.membrane_node[k];
            bv.jvv[static_cast<std::size_t>(k) * L + l] =
                -1e3 / cm[node] * (d[static_cast<std::size_t>(node) * L + l] + axial[node]);
        }
        for (int m = 0; m < mechanisms; ++m) {
            const detail::MechanismView& mv = views[m];
            const int S = mv.states;
            for (int i = 0; i < mv.per_lane && S > 0; ++i) {
                const int bi = i * L + l;
                double* jss = mv.jss + static_cast<std::size_t>(bi) * S * S;
                double* jsv = mv.jsv + static_cast<std::size_t>(bi) * S;
                double* jvs = mv.jvs + static_cast<std::size_t>(bi) * S;
                for (int k = 0; k < S * S; ++k)
                    jss[k] = 0;
                for (int k = 0; k < S; ++k)
                    jsv[k] = jvs[k] = 0;
                for (int e = 0; e < mv.jacobian_count; ++e) {
                    const rv_jacobian_entry& entry = mv.jacobian[e];
                    const double value = mv.fields[entry.field][bi];
                    if (entry.column >= 0)
                        jss[entry.row * S + entry.column] += value;
                    else
                        jsv[entry.row] += value;
                }
                const int node = mv.node[bi] / L;
                const double scale = 1e3 / cm[node] * (mv.point ? 1e2 / area[node] : 1.0);
                for (int e = 0; e < mv.current_jacobian_count; ++e) {
                    const rv_jacobian_entry& entry = mv.current_jacobian[e];
                    const double sign = mv.electrode[entry.row] ? -1.0 : 1.0;
                    jvs[entry.column] -= scale * sign * mv.fields[entry.field][bi];
                }
            }
        }
    });
}

// Starts the active cells' integrators from their present values (a cell that has taken no step
// yet), or soft-restarts them after events (Bdf::start, Bdf::soft_restart).
template <class Exec> void Engine<Exec>::bdf_restart(std::size_t batch) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const int lanes = b.lanes;
    detail::Status* status = status_;
    bdf_gather(batch, bv.y);
    exec_.each(lanes, RV_KERNEL(int l) {
        if (bv.active[l])
            bv.lane[l].eval_t = bv.lane[l].end;
    });
    bdf_rhs(batch, bv.y, bv.f);
    reset_counts();
    exec_.each(lanes, RV_KERNEL(int l) {
        bv.mode[l] = 0;
        if (!bv.active[l])
            return;
        bdf::Lane& s = bv.lane[l];
        const bdf::Cell c = bv.cell(l);
        if (s.steps == 0) {
            s.eval_t = bdf::start_begin(s, c, s.end, c.y);
            bv.mode[l] = 1;
            atomic_add(&status->count[0], 1);
        } else {
            bdf::restart_begin(s, c, s.end, c.y);
            bv.mode[l] = 2;
            atomic_add(&status->count[1], 1);
        }
    });
    const detail::Status counts = this->status();
    if (counts.count[0] > 0) {
        exec_.each(lanes, RV_KERNEL(int l) { bv.active[l] = bv.mode[l] == 1; });
        bdf_rhs(batch, bv.y, bv.delta);
        exec_.each(lanes, RV_KERNEL(int l) {
            if (bv.active[l])
                bdf::start_finish(bv.lane[l], bv.cell(l));
        });
    }
    if (counts.count[1] == 0)
        return;
    for (int k = 2; k <= bdf::kMaxOrder; ++k) {
        reset_counts();
        exec_.each(lanes, RV_KERNEL(int l) {
            bv.active[l] = 0;
            if (bv.mode[l] != 2)
                return;
            bdf::Lane& s = bv.lane[l];
            if (!bdf::restart_more(s, bv.cell(l))) {
                bv.mode[l] = 0;
                return;
            }
            bv.active[l] = 1;
            s.eval_t = s.t;
            atomic_add(&status->count[0], 1);
        });
        if (this->status().count[0] == 0)
            break;
        bdf_rhs(batch, bv.y, bv.e);
        exec_.each(lanes, RV_KERNEL(int l) {
            if (bv.active[l] && !bdf::restart_next(bv.lane[l], bv.cell(l)))
                bv.mode[l] = 0;
        });
    }
}

// One step of every cell whose round it is (phase kAttempt): Bdf::step, its attempts in
// lockstep. Then each stepped cell's threshold crossings (on the step's dense output, as
// BdfCell::detect_spikes) and its samples; a cell that failed is reported.
template <class Exec> void Engine<Exec>::bdf_step(std::size_t batch) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const int lanes = b.lanes;
    detail::Status* status = status_;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const int nodes = b.nodes;
    const int* parent = b.parent;
    const double *a = b.a, *bb = b.b, *cm = b.cm, *axial = b.axial_diagonal;
    const long long max_steps = 10000000;
    for (;;) {
        reset_counts();
        exec_.each(lanes, RV_KERNEL(int l) {
            bdf::Lane& s = bv.lane[l];
            bv.active[l] = 0;
            if (s.phase != bdf::kAttempt)
                return;
            bdf::attempt(s, bv.cell(l));
            s.eval_t = s.t;
            bv.active[l] = s.fresh;
            atomic_add(&status->count[0], s.fresh);
            atomic_add(&status->count[1], s.setup);
        });
        const detail::Status prepared = this->status();
        if (prepared.count[0] > 0)
            bdf_jacobian(batch);
        if (prepared.count[1] > 0) {
            // I - gamma J in block form (CellSystem::setup_newton).
            exec_.each(lanes, RV_KERNEL(int l) {
                bdf::Lane& s = bv.lane[l];
                if (s.phase != bdf::kNewton || !s.setup)
                    return;
                const int L = bv.lanes;
                auto at = [=](int i) { return static_cast<std::size_t>(i) * L + l; };
                const double gamma = s.gamma;
                for (int i = 0; i < nodes; ++i) {
                    const int k = bv.y_of_node[i];
                    bv.tree_diag[at(i)] = k >= 0 ? 1 - gamma * bv.jvv[at(k)] : axial[i];
                    const int p = parent[i];
                    if (p < 0)
                        continue;
                    bv.tree_b[at(i)] = k >= 0 ? gamma * 1e3 / cm[i] * bb[i] : bb[i];
                    bv.tree_a[at(i)] = bv.y_of_node[p] >= 0 ? gamma * 1e3 / cm[p] * a[i] : a[i];
                }
                bool ok = true;
                for (int m = 0; m < mechanisms && ok; ++m) {
                    const detail::MechanismView& mv = views[m];
                    const int S = mv.states;
                    for (int i = 0; i < mv.per_lane && S > 0 && ok; ++i) {
                        const std::size_t bi = static_cast<std::size_t>(i) * L + l;
                        double* lu = mv.lu + bi * S * S;
                        const double* jss = mv.jss + bi * S * S;
                        for (int k = 0; k < S * S; ++k)
                            lu[k] = -gamma * jss[k];
                        for (int k = 0; k < S; ++k)
                            lu[k * S + k] += 1;
                        int* pivot = mv.pivot + bi * S;
                        if (!kernel::lu_factor(lu, pivot, S)) {
                            ok = false;
                            break;
                        }
                        double* w = mv.w + bi * S;
                        for (int k = 0; k < S; ++k)
                            w[k] = mv.jsv[bi * S + k];
                        kernel::lu_solve(lu, pivot, w, S);
                        double schur = 0;
                        for (int k = 0; k < S; ++k)
                            schur += mv.jvs[bi * S + k] * w[k];
                        bv.tree_diag[static_cast<std::size_t>(mv.node[bi])] -= gamma * gamma * schur;
                    }
                }
                bdf::after_setup(s, ok);
            });
        }
        // Newton's iterations: the cells that have not converged (nor failed) go on.
        for (int iteration = 0; iteration < bdf::kMaxNewton; ++iteration) {
            reset_counts();
            exec_.each(lanes, RV_KERNEL(int l) {
                bv.active[l] = bv.lane[l].phase == bdf::kNewton;
                atomic_add(&status->count[0], bv.active[l]);
            });
            // (The first iteration needs no look: the cells that attempted iterate, and if
            // none did, the kernels find no active cell.)
            if (iteration > 0 && this->status().count[0] == 0)
                break;
            bdf_rhs(batch, bv.y, bv.f);
            if (b.threads > 1) {
                // A block per cell shares the tree solve.
                exec_.each(lanes, RV_KERNEL(int l) {
                    if (bv.active[l])
                        detail::newton_reduce(bv, views, mechanisms, nodes, l);
                });
                const TreeView tree = b.tree;
                const int threads = b.threads;
                exec_.blocks(lanes, threads, tree.phases(), RV_KERNEL(int l, int thread, int phase) {
                    if (bv.active[l])
                        tree.solve_phase(phase, thread, threads, l, bv.tree_a, bv.tree_b, true,
                                         bv.tree_d, bv.tree_rhs);
                });
                exec_.each(lanes, RV_KERNEL(int l) {
                    if (bv.active[l])
                        detail::newton_expand(bv, views, mechanisms, l);
                });
            } else {
                const TreeView tree = b.tree;
                exec_.each(lanes, RV_KERNEL(int l) {
                    if (!bv.active[l])
                        return;
                    detail::newton_reduce(bv, views, mechanisms, nodes, l);
                    tree.solve(l, bv.tree_a, bv.tree_b, true, bv.tree_d, bv.tree_rhs);
                    detail::newton_expand(bv, views, mechanisms, l);
                });
            }
        }
        // The error test, and what follows a failure.
        reset_counts();
        exec_.each(lanes, RV_KERNEL(int l) {
            bdf::Lane& s = bv.lane[l];
            bv.active[l] = 0;
            if (s.phase != bdf::kConverged && s.phase != bdf::kDiverged)
                return;
            int rhs_needed = 0;
            bdf::conclude(s, bv.cell(l), rhs_needed, max_steps);
            if (rhs_needed) {
                bv.active[l] = 1;
                s.eval_t = s.t;
                atomic_add(&status->count[1], 1);
            }
            if (s.phase == bdf::kAttempt)
                atomic_add(&status->count[0], 1);
        });
        const detail::Status concluded = this->status();
        if (concluded.count[1] > 0) {
            bdf_rhs(batch, bv.z, bv.f);
            exec_.each(lanes, RV_KERNEL(int l) {
                if (bv.active[l])
                    bdf::rebuild(bv.lane[l], bv.cell(l));
            });
        }
        if (concluded.count[0] == 0)
            break;
    }
    if (b.has_watches)
        bdf_find_watches(batch);
    // Crossings (up to a WATCH's time, where the step now ends), and failures.
    const int* cells = b.cells;
    const double* threshold = b.threshold;
    const double* v_before = b.v_before;
    int* failure_code = failure_code_;
    int* failure_index = failure_index_;
    double* failure_value = failure_value_;
    exec_.each(lanes, RV_KERNEL(int l) {
        bdf::Lane& s = bv.lane[l];
        if (s.phase == bdf::kFailed) {
            const int c = cells[l];
            failure_code[c] = 2 + s.failure;
            failure_index[c] = s.worst;
            failure_value[c] = s.t;
            atomic_min(&status->failure_cell, c);
            return;
        }
        if (s.phase != bdf::kAccepted)
            return;
        s.phase = bdf::kIdle;
        const int k = bv.detector_y[l];
        if (k < 0)
            return;
        const bdf::Cell c = bv.cell(l);
        const double t_end = s.has_watch ? s.watch_time : s.t;
        const double end = t_end < s.t ? bdf::interpolate(s, c, k, t_end) : c.column(0)[k];
        if (!(v_before[l] < threshold[l] && end >= threshold[l]))
            return;
        double lo = s.t_before, hi = t_end;
        for (int i = 0; i < 60 && hi - lo > 1e-13 * (fabs(hi) > 1 ? fabs(hi) : 1.0); ++i) {
            const double mid = 0.5 * (lo + hi);
            if (bdf::interpolate(s, c, k, mid) < threshold[l])
                lo = mid;
            else
                hi = mid;
        }
        s.crossing = hi; // a spike once final
        s.has_crossing = 1;
    });
}

// WATCH in the steps just taken (BdfCell::step_to): a condition that turned true by a step's
// end is found inside it by bisection on the dense output (60 halvings at most, the cells in
// lockstep), and the step ends there (has_watch, watch_time).
template <class Exec> void Engine<Exec>::bdf_find_watches(std::size_t batch) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const int lanes = b.lanes;
    detail::Status* status = status_;
    exec_.each(lanes, RV_KERNEL(int l) {
        bdf::Lane& s = bv.lane[l];
        bv.active[l] = s.phase == bdf::kAccepted;
        if (!bv.active[l])
            return; // (a cell waiting at a WATCH's time keeps it)
        s.has_watch = 0;
        s.eval_t = s.t;
    });
    bdf_scatter(batch, bv.z); // z's first column: y at each cell's t
    run_watches(batch);
    reset_counts();
    exec_.each(lanes, RV_KERNEL(int l) {
        if (!bv.active[l])
            return;
        bv.active[l] = 0;
        if (!detail::watch_turns(views, mechanisms, lanes, l))
            return;
        bdf::Lane& s = bv.lane[l];
        s.has_watch = 1;
        s.watch_lo = s.t_before;
        s.watch_time = s.t;
        if (detail::watch_wide(s)) {
            bv.active[l] = 1;
            atomic_add(&status->count[0], 1);
        }
    });
    // Each cell stops halving on its own; the host looks at the count only every 8 halvings
    // (about 37 make an interval of 0.1 ms as narrow as the test asks), not after each.
    for (int i = 0; i < 60 && (i % 8 != 0 || this->status().count[0] > 0); ++i) {
        exec_.each(lanes, RV_KERNEL(int l) {
            if (!bv.active[l])
                return;
            bdf::Lane& s = bv.lane[l];
            const bdf::Cell c = bv.cell(l);
            s.eval_t = 0.5 * (s.watch_lo + s.watch_time);
            for (int k = 0; k < c.n; ++k)
                c.y[k] = bdf::interpolate(s, c, k, s.eval_t);
        });
        bdf_scatter(batch, bv.y);
        run_watches(batch);
        reset_counts();
        exec_.each(lanes, RV_KERNEL(int l) {
            if (!bv.active[l])
                return;
            bdf::Lane& s = bv.lane[l];
            (detail::watch_turns(views, mechanisms, lanes, l) ? s.watch_time : s.watch_lo) =
                s.eval_t;
            bv.active[l] = detail::watch_wide(s);
            atomic_add(&status->count[0], bv.active[l]);
        });
    }
}

// The cells whose round is `action` shown at their `end` (BdfCell::show, or restore): inside
// the last step on its dense output, else z_0. They are the active lanes afterwards.
template <class Exec> void Engine<Exec>::bdf_show_end(std::size_t batch, int action) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    exec_.each(b.lanes, RV_KERNEL(int l) {
        bv.active[l] = bv.action[l] == action;
        if (!bv.active[l])
            return;
        bdf::Lane& s = bv.lane[l];
        const bdf::Cell c = bv.cell(l);
        s.eval_t = s.end;
        for (int i = 0; i < c.n; ++i)
            c.y[i] = s.end < s.t ? bdf::interpolate(s, c, i, s.end) : c.column(0)[i];
    });
    bdf_scatter(batch, bv.y);
}

// Samples due by each cell's time: on the dense output of its last step for a potential or a
// state, else the present value (as the CPU backend's BdfCell::show leaves ASSIGNED values).
template <class Exec> void Engine<Exec>::bdf_samples(std::size_t batch) {
    const int begin = bdf_sample_range_[batch].first, end = bdf_sample_range_[batch].second;
    if (begin == end)
        return;
    const detail::BdfView bv = batches_[batch].bdf;
    detail::BdfSample* samples = bdf_samples_;
    double* values = bdf_values_;
    const int capacity = bdf_sample_capacity_;
    const double tstop = setup_.tstop;
    detail::Status* status = status_;
    for (;;) {
        exec_.each(1, RV_KERNEL(int) { status->samples_full = 0; });
        exec_.each(end - begin, RV_KERNEL(int j) {
            detail::BdfSample& p = samples[begin + j];
            const bdf::Lane& s = bv.lane[p.lane];
            const bdf::Cell c = bv.cell(p.lane);
            for (;;) {
                const double t = static_cast<double>(p.count) * p.interval;
                if (t > tstop * (1 + 1e-12) || t > s.confirmed || t > s.t)
                    break;
                if (p.used == capacity) {
                    status->samples_full = 1;
                    break;
                }
                double value = p.source ? *p.source : 0.0;
                if (p.y >= 0)
                    value = s.h_used > 0 && t < s.t ? bdf::interpolate(s, c, p.y, t) : c.column(0)[p.y];
                values[static_cast<std::size_t>(begin + j) * capacity + p.used++] = value;
                ++p.count;
            }
        });
        if (this->status().samples_full == 0)
            break;
        flush_bdf_samples();
    }
}

template <class Exec> void Engine<Exec>::flush_bdf_samples() {
    const std::size_t n = setup_.samples.size();
    if (n == 0 || !bdf_samples_)
        return;
    std::vector<detail::BdfSample> samples(n);
    exec_.download(samples.data(), bdf_samples_, n);
    std::vector<double> values(n * static_cast<std::size_t>(bdf_sample_capacity_));
    exec_.download(values.data(), bdf_values_, values.size());
    waits_ += 2;
    for (std::size_t k = 0; k < n; ++k) {
        const auto from = values.begin() + static_cast<long>(k * static_cast<std::size_t>(bdf_sample_capacity_));
        std::vector<double>& to = sampled_[static_cast<std::size_t>(bdf_sample_index_[k])];
        to.insert(to.end(), from, from + samples[k].used);
        samples[k].used = 0;
    }
    exec_.upload(bdf_samples_, samples.data(), n);
}

// The recorded variables under BDF, batch by batch.
template <class Exec> void Engine<Exec>::bdf_prepare_samples() {
    std::vector<detail::BdfSample> samples;
    bdf_sample_range_.assign(batches_.size(), {0, 0});
    for (std::size_t batch = 0; batch < batches_.size(); ++batch) {
        const Batch& b = batches_[batch];
        bdf_sample_range_[batch].first = static_cast<int>(samples.size());
        for (std::size_t k = 0; k < setup_.samples.size(); ++k) {
            const SampleSetup& s = setup_.samples[k];
            if (static_cast<std::size_t>(s.batch) != batch)
                continue;
            detail::BdfSample p;
            p.lane = s.lane;
            p.interval = s.interval;
            p.count = static_cast<long long>(s.count);
            const auto lanes = static_cast<std::size_t>(b.lanes);
            const std::size_t at = static_cast<std::size_t>(s.index) * lanes + static_cast<std::size_t>(s.lane);
            switch (s.where) {
            case SampleSetup::Where::Voltage: {
                const auto& nodes = b.bdf_membrane_nodes;
                const auto found = std::find(nodes.begin(), nodes.end(), s.index);
                p.y = found == nodes.end() ? -1 : static_cast<int>(found - nodes.begin());
                p.source = b.v + at;
                break;
            }
            case SampleSetup::Where::Field: {
                const Mechanism& mech = b.mechanisms[static_cast<std::size_t>(s.mechanism)];
                const rv_mechanism& d = *mech.desc;
                for (int st = 0; st < d.state_count; ++st)
                    if (d.state_fields[st] == s.column)
                        p.y = b.bdf_offsets[static_cast<std::size_t>(s.mechanism)] + s.index * d.state_count + st;
                p.source = mech.columns[static_cast<std::size_t>(s.column)] + at;
                break;
            }
            case SampleSetup::Where::Ion: {
                const Ion& ion = b.ions[static_cast<std::size_t>(s.ion)];
                const double* arrays[] = {ion.e, ion.ci, ion.co, ion.i};
                p.source = arrays[s.column] + at;
                // A concentration that a state writes (the last writer at the node, as
                // write_concentrations leaves it) follows that state's dense output.
                const BatchSetup& bs = setup_.batches[batch];
                for (std::size_t m = 0; m < b.mechanisms.size() && s.column != 0 && s.column != 3; ++m) {
                    const rv_mechanism& d = *b.mechanisms[m].desc;
                    for (int q = 0; q < d.ion_count; ++q) {
                        const rv_ion& ri = d.ions[q];
                        const int field = s.column == 1 ? (ri.writes_inside ? ri.inside_field : -1)
                                                        : (ri.writes_outside ? ri.outside_field : -1);
                        if (field < 0 || b.mechanisms[m].ion_of[static_cast<std::size_t>(q)] != s.ion)
                            continue;
                        const std::vector<int>& nodes = bs.mechanisms[m].node;
                        for (std::size_t j = 0; j < nodes.size(); ++j) {
                            if (nodes[j] != s.index)
                                continue;
                            p.y = -1;
                            for (int st = 0; st < d.state_count; ++st)
                                if (d.state_fields[st] == field)
                                    p.y = b.bdf_offsets[m] + static_cast<int>(j) * d.state_count + st;
                        }
                    }
                }
                break;
            }
            }
            samples.push_back(p);
            bdf_sample_index_.push_back(static_cast<int>(k));
        }
        bdf_sample_range_[batch].second = static_cast<int>(samples.size());
    }
    if (samples.empty())
        return;
    bdf_sample_capacity_ = 256;
    bdf_samples_ = upload(samples);
    bdf_values_ = allocate<double>(samples.size() * static_cast<std::size_t>(bdf_sample_capacity_));
}

// The counts of a round's parts back to zero (the rest of the status stays).
template <class Exec> void Engine<Exec>::reset_counts() {
    detail::Status* status = status_;
    exec_.each(1, RV_KERNEL(int) {
        for (int k = 0; k < 4; ++k)
            status->count[k] = 0;
    });
}

// One round of a batch: each cell looks at its last step [t0, t1] (t1 = s.t) and what is known
// (every event before `known` has arrived), as network/simulation.cpp's advance_bdf does:
//   an event e <= t1 that is final (e < known): the trajectory is final up to e; the cell goes
//     back to e inside the step if e < t1 (dense output), takes its events there and restarts;
//   else, when t1 < known, the whole step is final and the cell takes its next step, toward its
//     next known event (or tstop): steps never depend on the horizon, so neither do the results;
//   else it waits, final up to `known`.
// A threshold crossing of the last step is a spike once the trajectory is final past it.
// False when no cell had anything to do; the engine's time is then the least final time.
template <class Exec>
bool Engine<Exec>::bdf_round(std::size_t batch, double known) {
    Batch& b = batches_[batch];
    const detail::BdfView bv = b.bdf;
    const int lanes = b.lanes;
    const detail::Events ev = events_;
    const detail::Mover move = mover();
    const int* cells = b.cells;
    double* v_before = b.v_before;
    detail::Status* status = status_;
    const double tstop = setup_.tstop;
    const double window = setup_.event_window;
    const detail::Spikes spikes = spike_sink();
    reset_status();
    exec_.each(lanes, RV_KERNEL(int l) {
        bdf::Lane& s = bv.lane[l];
        bv.action[l] = detail::kWait;
        bv.until[l] = -INFINITY;
        auto progress = [=](double t) { // t >= 0: its bits order as the numbers do
            unsigned long long bits;
            memcpy(&bits, &t, sizeof bits);
            atomic_min(&status->progress, bits);
        };
        if (s.phase == bdf::kFailed)
            return;
        if (s.h == 0) { // not started
            bv.action[l] = detail::kStart;
            s.end = s.t;
            progress(s.t);
            atomic_add(&status->count[2], 1);
            return;
        }
        const int c = cells[l];
        auto emit = [=](double t) { spikes.add(c, t); };
        // The next event: queued, or a network event still waiting (which joins the queue only
        // when it is delivered, as in network/simulation.cpp, so that when it arrived does not
        // matter).
        double next = INFINITY, network = INFINITY;
        if (ev.queue_size[c] > 0)
            next = ev.queue[static_cast<std::size_t>(c) * ev.queue_capacity].time;
        if (ev.pending_size[c] > 0)
            network = ev.pending[static_cast<std::size_t>(c) * ev.pending_capacity].time;
        next = network < next ? network : next;
        // A WATCH that turned inside the last step ends it there, with its event.
        const double end = s.has_watch ? s.watch_time : s.t;
        if (s.has_watch && end < next)
            next = end;
        // A network event inside the step can be taken once nothing earlier can come, nor
        // anything in the event window after it; the step's own end, once it is final.
        const bool inside = next <= end;
        const double ready = network <= next ? next + window : next;
        if (inside && ready < known) {
            if (network <= next)
                move(c, next + window);
            else
                move(c, next, next + window);
            if (s.has_crossing && (next == end || s.crossing < next))
                emit(s.crossing);
            s.has_crossing = 0;
            s.has_watch = 0;
            s.confirmed = s.end = next;
            bv.action[l] = detail::kDeliver;
            bv.until[l] = next;
            progress(next);
            atomic_add(&status->count[0], 1);
            return;
        }
        if (inside || !(end < known)) {
            // Final up to what is known, or up to the event that must wait for its window.
            const double limit = inside && next < known ? next : known;
            if (limit > s.confirmed) // (known may be -infinity before the first message)
                s.confirmed = limit;
            if (s.has_crossing && s.crossing < limit) {
                emit(s.crossing);
                s.has_crossing = 0;
            }
            progress(s.confirmed);
            return;
        }
        if (s.has_crossing)
            emit(s.crossing);
        s.has_crossing = 0;
        s.confirmed = s.end = s.t;
        if (!(s.t < tstop)) { // done
            s.confirmed = INFINITY;
            return;
        }
        // Toward its next queued event: not the network's, which may arrive later (then it goes
        // back); stimuli are queued to their first event after t.
        move(c, s.t, s.t + window);
        next = ev.queue_size[c] > 0 ? ev.queue[static_cast<std::size_t>(c) * ev.queue_capacity].time : INFINITY;
        bv.action[l] = detail::kStep;
        s.stop = next < tstop ? next : tstop;
        s.first_try = 1;
        s.phase = bdf::kAttempt;
        const int k = bv.detector_y[l];
        if (k >= 0)
            v_before[l] = bv.cell(l).column(0)[k];
        progress(s.t);
        atomic_add(&status->count[1], 1);
    });
    bdf_samples(batch); // up to each cell's final time, on the dense output of its last step
    const detail::Status planned = this->status();
    double progress = 0;
    std::memcpy(&progress, &planned.progress, sizeof progress);
    bdf_progress_ = std::min(bdf_progress_, progress);
    if (!check_queues(planned, t_) || !collect_spikes(planned, t_))
        return false;
    if (planned.count[0] + planned.count[1] + planned.count[2] == 0)
        return false;
    if (planned.count[2] > 0) {
        exec_.each(lanes, RV_KERNEL(int l) { bv.active[l] = bv.action[l] == detail::kStart; });
        bdf_restart(batch);
    }
    if (planned.count[0] > 0) {
        // At their events' time each cell checks its WATCH conditions (one that turned queues
        // its event), then takes what is due (BdfCell::settle).
        bdf_show_end(batch, detail::kDeliver);
        if (b.has_watches)
            check_watches(batch, bv.active);
        deliver_due(batch, 0, bv.until);
        // The event window: the network and stimulus events due within it after the cell's time
        // are delivered at that time too, one at a time in their order (cell::Cell::deliver).
        const detail::Events queues = events_; // (check_queues may have grown them)
        while (window > 0) {
            reset_counts();
            exec_.each(lanes, RV_KERNEL(int l) {
                if (bv.action[l] == detail::kDeliver &&
                    queues.retime_synaptic(cells[l], bv.until[l] + window, bv.until[l]))
                    atomic_add(&status->count[0], 1);
            });
            if (this->status().count[0] == 0)
                break;
            deliver_due(batch, 0, bv.until);
        }
        exec_.each(lanes, RV_KERNEL(int l) { bv.active[l] = bv.action[l] == detail::kDeliver; });
        bdf_restart(batch);
    }
    if (planned.count[1] > 0) {
        if (b.has_watches) { // a step's end that became final: the conditions there
            bdf_show_end(batch, detail::kStep);
            check_watches(batch, bv.active);
        }
        bdf_step(batch);
    }
    const detail::Status s = this->status(true);
    if (check_failure(s))
        return false;
    return check_queues(s, t_) && collect_spikes(s, t_);
}

template <class Exec> bool Engine<Exec>::advance_bdf(double known) {
    bool moved = false;
    bdf_progress_ = INFINITY;
    for (std::size_t b = 0; b < batches_.size() && failure_.empty(); ++b) {
        // The batch's last round (nothing to do) leaves each cell's final time.
        double least = INFINITY;
        for (;;) {
            bdf_progress_ = INFINITY;
            const bool more = bdf_round(b, known);
            least = bdf_progress_;
            if (!more || !failure_.empty())
                break;
            moved = true;
        }
        progress_[b] = least;
    }
    flush_bdf_samples();
    if (failure_.empty() && !batches_.empty()) {
        // Moving on includes more of a trajectory becoming final.
        const double progress = *std::min_element(progress_.begin(), progress_.end());
        moved = moved || progress > t_;
        t_ = progress;
    }
    return moved;
}

template <class Exec> double Engine<Exec>::bdf_steps() const {
    double steps = 0;
    for (const Batch& b : batches_) {
        std::vector<bdf::Lane> lanes(static_cast<std::size_t>(b.lanes));
        exec_.download(lanes.data(), b.bdf.lane, lanes.size());
        for (const bdf::Lane& s : lanes)
            steps += static_cast<double>(s.steps);
    }
    return steps;
}

// What component k of a cell's y is, for messages (CellSystem::describe).
template <class Exec> std::string Engine<Exec>::bdf_describe(const Batch& b, int k) const {
    if (k < static_cast<int>(b.bdf_membrane_nodes.size()))
        return "v at node " + std::to_string(b.bdf_membrane_nodes[static_cast<std::size_t>(k)]);
    for (std::size_t m = b.mechanisms.size(); m-- > 0;) {
        const rv_mechanism& d = *b.mechanisms[m].desc;
        const int local = k - b.bdf_offsets[m];
        if (local < 0 || d.state_count == 0 || local >= b.mechanisms[m].per_lane * d.state_count)
            continue;
        return std::string(d.name) + "." + d.fields[d.state_fields[local % d.state_count]].name +
               " of instance " + std::to_string(local / d.state_count);
    }
    return "y[" + std::to_string(k) + "]";
}

} // namespace ranvier::device
