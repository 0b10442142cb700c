// Cell: mechanisms, ions and events of one cell (see cell.h).
#include "ranvier/cell/cell.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ranvier::cell {

Cell::Cell(Cable cable, double celsius)
    : cable_(std::move(cable)), v_(static_cast<std::size_t>(cable_.node_count()), -65.0) {
    globals_[RV_DT] = 0.025;
    globals_[RV_CELSIUS] = celsius;
}

Ion& Cell::ion(const std::string& name, double valence) {
    for (Ion& i : ions_)
        if (i.name == name)
            return i;
    ions_.push_back(make_ion(name, valence, cable_.node_count()));
    return ions_.back();
}

MechanismSet& Cell::mechanism(const rv_mechanism& descriptor) {
    for (MechanismSet& m : mechanisms_)
        if (&m.descriptor() == &descriptor)
            return m;
    if (descriptor.abi_version != RV_ABI_VERSION)
        throw std::runtime_error("mechanism " + std::string(descriptor.name) +
                                 " was compiled for another runtime ABI");
    for (int k = 0; k < descriptor.ion_count; ++k) {
        const rv_ion& d = descriptor.ions[k];
        Ion& i = ion(d.name, d.valence);
        const bool writes = d.writes_inside || d.writes_outside;
        i.nernst_each_step = i.nernst_each_step || writes;
        i.nernst_at_init = i.nernst_at_init || writes ||
                           (!d.writes_reversal && (d.inside_field >= 0 || d.outside_field >= 0));
    }
    mechanisms_.emplace_back(descriptor);
    return mechanisms_.back();
}

int Cell::insert(const rv_mechanism& descriptor, int node) {
    if (node < 0 || node >= cable_.node_count())
        throw std::out_of_range("no node " + std::to_string(node) + " in the cell");
    return mechanism(descriptor).add(node);
}

// The ion variables a mechanism reads are copied into its fields before each of its kernels;
// concentrations it writes are its own (states), except before INITIAL.
void Cell::load_ions(std::size_t m) {
    MechanismSet& set = mechanisms_[m];
    const rv_mechanism& desc = set.descriptor();
    const bool initial = initializing_;
    const IonIndex& index = ion_index(m);
    for (int k = 0; k < desc.ion_count; ++k) {
        const rv_ion& d = desc.ions[k];
        const Ion& ion = ions_[static_cast<std::size_t>(index.ions[static_cast<std::size_t>(k)])];
        for (int i = 0; i < set.size(); ++i) {
            const auto n = static_cast<std::size_t>(set.node(i));
            if (d.reversal_field >= 0 && !d.writes_reversal)
                set.at(d.reversal_field, i) = ion.e[n];
            if (d.inside_field >= 0 && (!d.writes_inside || initial))
                set.at(d.inside_field, i) = ion.ci[n];
            if (d.outside_field >= 0 && (!d.writes_outside || initial))
                set.at(d.outside_field, i) = ion.co[n];
            if (d.current_field >= 0)
                set.at(d.current_field, i) = ion.i[n];
        }
    }
}

// Which of the cell's ions each of mechanism m's ions and currents is (names compared once).
const Cell::IonIndex& Cell::ion_index(std::size_t m) {
    if (ion_index_.size() != mechanisms_.size() || ion_count_ != ions_.size()) {
        ion_index_.assign(mechanisms_.size(), {});
        ion_count_ = ions_.size();
        auto find = [&](const char* name) {
            for (std::size_t k = 0; name && k < ions_.size(); ++k)
                if (ions_[k].name == name)
                    return static_cast<int>(k);
            return -1;
        };
        for (std::size_t k = 0; k < mechanisms_.size(); ++k) {
            const rv_mechanism& desc = mechanisms_[k].descriptor();
            for (int i = 0; i < desc.ion_count; ++i)
                ion_index_[k].ions.push_back(find(desc.ions[i].name));
            for (int c = 0; c < desc.current_count; ++c)
                ion_index_[k].currents.push_back(find(desc.currents[c].ion));
        }
    }
    return ion_index_[m];
}

void Cell::run(std::size_t m, rv_kernel kernel) {
    if (!kernel)
        return;
    MechanismSet& set = mechanisms_[m];
    prepare_events(set.size() * std::max(set.descriptor().max_events_initialize,
                                         set.descriptor().max_events_net_receive));
    load_ions(m);
    rv_instances view = set.view(globals_.data(), v_.data(), &events_);
    kernel(&view);
    queue_events(m);
}

// The buffers only grow, so that the calls on every step (currents, states) reuse them.
void Cell::prepare_events(int capacity) {
    capacity = std::max({1, capacity, static_cast<int>(kind_.size())});
    if (static_cast<std::size_t>(capacity) > kind_.size()) {
        for (auto* column : {&kind_, &instance_, &netcon_})
            column->resize(static_cast<std::size_t>(capacity));
        for (auto* column : {&time_, &flag_})
            column->resize(static_cast<std::size_t>(capacity));
    }
    event_count_ = 0;
    events_ = {capacity,     &event_count_, kind_.data(),  instance_.data(),
               time_.data(), flag_.data(),  netcon_.data(), nullptr};
}

void Cell::queue_events(std::size_t m) {
    if (event_count_ > events_.capacity)
        throw std::runtime_error("mechanism " + mechanisms_[m].name() +
                                 " emitted more events than its descriptor allows");
    for (std::size_t k = 0; k < static_cast<std::size_t>(event_count_); ++k) {
        switch (kind_[k]) {
        case RV_EVENT_SELF:
            // A net_send from a delivery that carried its weight carries it on.
            if (inline_weight_ && netcon_[k] >= 0)
                queue_.push({time_[k], static_cast<int>(m), instance_[k], flag_[k], kInlineWeight,
                             true, 0, *inline_weight_});
            else
                queue_.push(
                    {time_[k], static_cast<int>(m), instance_[k], flag_[k], netcon_[k], true, 0});
            break;
        case RV_EVENT_SPIKE:
            spikes_.push_back(time_[k]);
            spike_sources_.emplace_back(static_cast<int>(m), instance_[k]);
            break;
        case RV_EVENT_MOVE:
            queue_.move(static_cast<int>(m), instance_[k], time_[k]);
            break;
        }
    }
    event_count_ = 0;
}

void Cell::add_membrane_currents(std::vector<double>& rhs, std::vector<double>& d) {
    for (Ion& ion : ions_) {
        std::fill(ion.i.begin(), ion.i.end(), 0.0);
        std::fill(ion.di_dv.begin(), ion.di_dv.end(), 0.0);
    }
    const std::vector<double>& area = cable_.area();
    for (std::size_t m = 0; m < mechanisms_.size(); ++m) {
        MechanismSet& set = mechanisms_[m];
        const rv_mechanism& desc = set.descriptor();
        if (desc.current_count == 0 || set.size() == 0)
            continue;
        run(m, desc.compute_currents);
        const IonIndex& index = ion_index(m);
        for (int c = 0; c < desc.current_count; ++c) {
            const rv_current& current = desc.currents[c];
            const int which = index.currents[static_cast<std::size_t>(c)];
            Ion* ion = which >= 0 ? &ions_[static_cast<std::size_t>(which)] : nullptr;
            for (int i = 0; i < set.size(); ++i) {
                const auto n = static_cast<std::size_t>(set.node(i));
                const double scale = set.is_point_process() ? 1e2 / area[n] : 1.0;
                const double value = set.at(current.value_field, i) * scale;
                const double g = set.at(current.conductance_field, i) * scale;
                const double sign = current.electrode ? -1.0 : 1.0;
                rhs[n] -= sign * value;
                d[n] += sign * g;
                if (ion) {
                    ion->i[n] += value;
                    ion->di_dv[n] += g;
                }
            }
        }
    }
}

void Cell::write_concentrations(std::size_t m) {
    MechanismSet& set = mechanisms_[m];
    const rv_mechanism& desc = set.descriptor();
    const IonIndex& index = ion_index(m);
    for (int k = 0; k < desc.ion_count; ++k) {
        const rv_ion& d = desc.ions[k];
        if (!d.writes_inside && !d.writes_outside)
            continue;
        Ion& ion = ions_[static_cast<std::size_t>(index.ions[static_cast<std::size_t>(k)])];
        for (int i = 0; i < set.size(); ++i) {
            const auto n = static_cast<std::size_t>(set.node(i));
            if (d.writes_inside && d.inside_field >= 0)
                ion.ci[n] = set.at(d.inside_field, i);
            if (d.writes_outside && d.outside_field >= 0)
                ion.co[n] = set.at(d.outside_field, i);
        }
    }
}

void Cell::update_ions(std::size_t count) {
    for (std::size_t m = 0; m < std::min(count, mechanisms_.size()); ++m)
        write_concentrations(m);
    for (Ion& ion : ions_)
        if (ion.nernst_each_step)
            for (std::size_t n = 0; n < ion.e.size(); ++n)
                ion.e[n] = nernst(ion.ci[n], ion.co[n], ion.valence, globals_[RV_CELSIUS]);
}

int Cell::mechanism_index(const rv_mechanism& descriptor) const {
    for (std::size_t m = 0; m < mechanisms_.size(); ++m)
        if (&mechanisms_[m].descriptor() == &descriptor)
            return static_cast<int>(m);
    throw std::invalid_argument(std::string("no mechanism ") + descriptor.name + " in the cell");
}

void Cell::send(const rv_mechanism& descriptor, int handle, double time) {
    const int m = mechanism_index(descriptor);
    const MechanismSet& set = mechanisms_[static_cast<std::size_t>(m)];
    queue_.push({time, m, set.instance_of_netcon(handle), 0.0, set.netcon(handle), false, 0});
}

void Cell::send_inline(const rv_mechanism& descriptor, int instance, double weight, double time) {
    if (!descriptor.net_receive)
        throw std::invalid_argument(std::string("mechanism ") + descriptor.name +
                                    " has no NET_RECEIVE to take an event");
    if (descriptor.netcon_storage)
        throw std::invalid_argument(std::string("mechanism ") + descriptor.name +
                                    " keeps state per NetCon: its events need a NetCon");
    queue_.push({time, mechanism_index(descriptor), instance, 0.0, kInlineWeight, false, 0, weight});
}

void Cell::deliver(double until, std::optional<double> at) {
    if (at && until > *at) {
        // Grouping: everything due by `at` as usual, then the synaptic events of the window
        // at `at` (self-events keep their times: they are the mechanisms' own timing).
        deliver(*at);
        while (std::optional<Event> e = queue_.pop_synaptic_until(until)) {
            queue_.push({*at, e->mechanism, e->instance, e->flag, e->netcon, false, 0, e->weight});
            deliver(*at);
        }
        return;
    }
    bool delivered = false;
    while (std::optional<Event> e = queue_.pop_until(until)) {
        MechanismSet& set = mechanisms_[static_cast<std::size_t>(e->mechanism)];
        rv_event_kernel handler = set.descriptor().net_receive;
        if (!handler)
            continue;
        const bool carries_weight = e->netcon == kInlineWeight;
        const int instance = e->instance, netcon = carries_weight ? 0 : e->netcon;
        const double time = e->time, flag = e->flag;
        double weight = e->weight; // NET_RECEIVE's only weight, when the event carries it
        const rv_deliveries batch{1, &instance, &time, &flag, &netcon, nullptr, 0, nullptr};
        const std::size_t m = static_cast<std::size_t>(e->mechanism);
        prepare_events(set.descriptor().max_events_net_receive);
        load_ions(m);
        rv_instances view = set.view(globals_.data(), v_.data(), &events_);
        if (carries_weight) {
            view.weights = &weight;
            inline_weight_ = e->weight;
        }
        handler(&view, &batch);
        queue_events(m);
        inline_weight_.reset();
        delivered = true;
    }
    if (delivered)
        arm_watches();
}

bool Cell::has_watches() const {
    return std::any_of(mechanisms_.begin(), mechanisms_.end(), [](const MechanismSet& m) {
        return m.descriptor().watch_count > 0 && m.size() > 0;
    });
}

// Runs the watch kernels; compares each armed condition with its state at the last check. With
// `fire`, queues the self-events of those that turned true and remembers the new states.
bool Cell::scan_watches(bool fire) {
    bool any = false;
    watches_.resize(mechanisms_.size());
    for (std::size_t m = 0; m < mechanisms_.size(); ++m) {
        MechanismSet& set = mechanisms_[m];
        const rv_mechanism& desc = set.descriptor();
        if (desc.watch_count == 0 || set.size() == 0 || !desc.watch)
            continue;
        WatchState& state = watches_[m];
        const auto slots = static_cast<std::size_t>(set.size() * desc.watch_count);
        state.armed.resize(slots, 0);
        state.above.resize(slots, 0);
        run(m, desc.watch);
        for (int i = 0; i < set.size(); ++i)
            for (int w = 0; w < desc.watch_count; ++w) {
                const rv_watch& watch = desc.watches[w];
                const auto k = static_cast<std::size_t>(i * desc.watch_count + w);
                const bool armed = set.at(watch.armed_field, i) != 0;
                const bool above = set.at(watch.value_field, i) > 0;
                const bool turned = armed && state.armed[k] && !state.above[k] && above;
                any = any || turned;
                if (!fire)
                    continue;
                if (turned)
                    queue_.push({globals_[RV_T], static_cast<int>(m), i,
                                 set.at(watch.flag_field, i), -1, true, 0});
                state.armed[k] = armed;
                state.above[k] = above;
            }
    }
    return any;
}

bool Cell::watch_fires() {
    return scan_watches(false);
}

void Cell::check_watches() {
    scan_watches(true);
}

// After INITIAL and NET_RECEIVE: conditions armed there start from their present truth, so
// that one already true fires only after it has been false.
void Cell::arm_watches() {
    if (has_watches())
        scan_watches(true);
}

void Cell::set_ion_initial(const std::string& ion, int node, double inside, double outside,
                           double reversal) {
    if (node < 0 || node >= cable_.node_count())
        throw std::out_of_range("no node " + std::to_string(node) + " in the cell");
    ion_initial_.push_back({ion, node, inside, outside, reversal});
}

void Cell::initialize(double v_init) {
    initializing_ = true;
    globals_[RV_T] = 0;
    queue_.clear();
    spikes_.clear();
    spike_sources_.clear();
    std::fill(v_.begin(), v_.end(), v_init);
    for (Ion& ion : ions_) {
        Ion fresh = make_ion(ion.name, ion.valence, cable_.node_count());
        fresh.nernst_at_init = ion.nernst_at_init;
        fresh.nernst_each_step = ion.nernst_each_step;
        ion = std::move(fresh);
        for (const IonInitial& init : ion_initial_) {
            if (init.ion != ion.name)
                continue;
            const auto n = static_cast<std::size_t>(init.node);
            if (!std::isnan(init.inside))
                ion.ci[n] = init.inside;
            if (!std::isnan(init.outside))
                ion.co[n] = init.outside;
            if (!std::isnan(init.reversal))
                ion.e[n] = init.reversal;
        }
        if (ion.nernst_at_init)
            for (std::size_t n = 0; n < ion.e.size(); ++n)
                ion.e[n] = nernst(ion.ci[n], ion.co[n], ion.valence, globals_[RV_CELSIUS]);
    }
    for (std::size_t m = 0; m < mechanisms_.size(); ++m) {
        const rv_mechanism& desc = mechanisms_[m].descriptor();
        if (desc.make_tables && mechanisms_[m].size() > 0)
            run(m, desc.make_tables);
        // The ion variables come in even without an INITIAL block: a concentration STATE the
        // mechanism writes starts from the ion's value (NEURON's cai0_ca_ion), as in NEURON.
        load_ions(m);
        run(m, desc.initialize);
        run(m, desc.steady_state);
        update_ions(m + 1); // the mechanisms not initialised yet have nothing to give
    }
    // NET_RECEIVE's INITIAL block, once per NetCon.
    for (std::size_t m = 0; m < mechanisms_.size(); ++m) {
        MechanismSet& set = mechanisms_[m];
        rv_event_kernel init = set.descriptor().net_receive_initial;
        for (int h = 0; init && h < set.netcon_count(); ++h) {
            const int instance = set.instance_of_netcon(h), netcon = set.netcon(h);
            const double time = 0, flag = 0;
            const rv_deliveries batch{1, &instance, &time, &flag, &netcon, nullptr, 0, nullptr};
            prepare_events(std::max(1, set.descriptor().max_events_initialize));
            load_ions(m);
            rv_instances view = set.view(globals_.data(), v_.data(), &events_);
            init(&view, &batch);
            queue_events(m);
        }
    }
    initializing_ = false;
    // The membrane currents at the initial state, as NEURON's finitialize leaves them (ica,
    // a synapse's i): what recordings read at t = 0. The integrators compute their own.
    std::vector<double> rhs(v_.size(), 0.0), d(v_.size(), 0.0);
    add_membrane_currents(rhs, d);
    watches_.clear();
    arm_watches();
    deliver(0.0);
}

} // namespace ranvier::cell
