// One cell being simulated: its cable, the mechanisms inserted in it, its ions, the membrane
// potential of every node, NEURON's globals and the cell's pending events. Integrators
// (integrate/) advance it; this class provides what they share: running a mechanism's kernels
// with its ion variables in place, adding membrane currents to the node equations, and
// delivering events.
#pragma once

#include "ranvier/cell/cable.h"
#include "ranvier/cell/event_queue.h"
#include "ranvier/cell/ions.h"
#include "ranvier/cell/mechanism_set.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ranvier::cell {

class Cell {
  public:
    Cell(Cable cable, double celsius);

    // The instances of `descriptor` in this cell (created empty the first time), in insertion
    // order: the order their currents are computed in, as NEURON's mechanism list.
    MechanismSet& mechanism(const rv_mechanism& descriptor);
    // Places an instance of `descriptor` at `node`; returns its index.
    int insert(const rv_mechanism& descriptor, int node);

    const Cable& cable() const { return cable_; }
    std::vector<MechanismSet>& mechanisms() { return mechanisms_; }
    std::vector<Ion>& ions() { return ions_; }
    std::vector<double>& v() { return v_; }
    const std::vector<double>& v() const { return v_; }
    double t() const { return globals_[RV_T]; }
    double& global(rv_global g) { return globals_[static_cast<std::size_t>(g)]; }
    // The times of net_event, and the (mechanism, instance) that called it.
    const std::vector<double>& spikes() const { return spikes_; }
    const std::vector<std::pair<int, int>>& spike_sources() const { return spike_sources_; }

    // Initial values of an ion at a node in place of NEURON's defaults (NaN: the default). A
    // reversal potential set here holds unless the ion follows the Nernst equation.
    void set_ion_initial(const std::string& ion, int node, double inside, double outside,
                         double reversal);

    // NEURON's finitialize: t = 0, v = v_init everywhere, ion defaults (reversal potentials from
    // concentrations where a mechanism reads them), tables, every mechanism's INITIAL in order
    // (and STEADYSTATE), events sent from INITIAL queued.
    void initialize(double v_init);

    // Runs `kernel` of mechanism m with its ion variables copied in; queues the events it emits.
    void run(std::size_t m, rv_kernel kernel);
    // Adds every mechanism's membrane currents at the present v and t to the node equations:
    // rhs -= i (a density current in mA/cm2; a point current in nA times 1e2/area; an electrode
    // current with the opposite sign), d += di/dv likewise. Also sums each ion's current.
    void add_membrane_currents(std::vector<double>& rhs, std::vector<double>& d);
    // Copies the concentrations mechanisms wrote back to the ions, and follows them with the
    // reversal potentials (the ions whose concentrations some mechanism writes). With `count`,
    // only the first `count` mechanisms give theirs (initialisation, mechanism by mechanism).
    void update_ions(std::size_t count = static_cast<std::size_t>(-1));
    // Copies the concentrations mechanism m writes to the ions at once (NEURON's fixed step:
    // a mechanism later in the list reads what an earlier one wrote in the same step).
    void write_concentrations(std::size_t m);
    // A synaptic event: NetCon `handle` of mechanism `descriptor` delivers at `time` (flag 0).
    void send(const rv_mechanism& descriptor, int handle, double time);
    // A synaptic event that carries its weight, to instance `instance` of a mechanism whose
    // NetCons need no storage (rv_mechanism::netcon_storage 0): no NetCon is kept for it.
    void send_inline(const rv_mechanism& descriptor, int instance, double weight, double time);
    // Delivers, in order, every pending event due by `until` (NET_RECEIVE at the event's time).
    // With `at` (< until): the events due by `at`, then the synaptic events due by `until`
    // moved to `at` (grouped into one delivery; self-events keep their times).
    void deliver(double until, std::optional<double> at = std::nullopt);
    // WATCH: whether an armed condition of some instance turned true since the last check,
    // for the cell's present values (nothing changes).
    bool watch_fires();
    // Checks every armed WATCH at the present values and time: a condition that turned true
    // (from false at the last check or when it was armed) queues a self-event with its flag at
    // t, as NEURON's WATCH. Called after every step (at the step's end, or where the
    // variable-step integrators located the crossing).
    void check_watches();
    bool has_watches() const;

    // The time of the earliest pending event.
    std::optional<double> next_event() const { return queue_.next_time(); }
    const EventQueue& queue() const { return queue_; }

    // Per mechanism, per instance and watch (instance * watch_count + watch): armed at the last
    // check, and true there.
    struct WatchState {
        std::vector<char> armed, above;
    };
    const std::vector<WatchState>& watch_states() const { return watches_; }

  private:
    void load_ions(std::size_t m);
    void prepare_events(int capacity);
    void queue_events(std::size_t m);
    Ion& ion(const std::string& name, double valence);

    Cable cable_;
    std::vector<MechanismSet> mechanisms_;
    std::vector<Ion> ions_;
    std::vector<double> v_;
    std::array<double, RV_GLOBAL_COUNT> globals_{};
    EventQueue queue_;
    std::vector<double> spikes_;
    std::vector<std::pair<int, int>> spike_sources_;
    struct IonInitial {
        std::string ion;
        int node;
        double inside, outside, reversal;
    };
    std::vector<IonInitial> ion_initial_;
    struct IonIndex {
        std::vector<int> ions, currents; // into ions_; -1: none
    };
    std::vector<IonIndex> ion_index_;
    std::size_t ion_count_ = 0;
    const IonIndex& ion_index(std::size_t m);
    std::vector<WatchState> watches_;
    void arm_watches();
    bool scan_watches(bool fire);
    bool initializing_ = false; // INITIAL reads the ions' concentrations even where it writes them
    // The event buffer kernels append to.
    int event_count_ = 0;
    // The weight the delivery in progress carries, if it does: its self-events keep it.
    std::optional<double> inline_weight_;
    int mechanism_index(const rv_mechanism& descriptor) const;
    std::vector<int> kind_, instance_, netcon_;
    std::vector<double> time_, flag_;
    rv_events events_{};
};

} // namespace ranvier::cell
