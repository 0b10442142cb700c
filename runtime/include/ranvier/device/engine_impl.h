// The lane engine's implementation (see engine.h), a template on the execution policy: included
// by engine_host.cpp (HostExec) and engine_cuda.cu (CudaExec) only. C++17, so that nvcc
// compiles it; no fmt.
//
// Kernels are RV_KERNEL lambdas over lanes (one thread per cell: what must follow the cell's
// own order, such as summing currents into nodes or a cell's events), over instances (the
// generated mechanism kernels, and copies between ions and fields), or over nodes. They capture
// views: structs of pointers into the policy's memory.
#pragma once

#include "ranvier/device/engine.h"
#include "ranvier/device/exec.h"
#include "ranvier/device/lane_bdf.h"
#include "ranvier/device/tree.h"
#include "ranvier/kernel/dense_lu.h"
#include "ranvier/kernel/nernst.h"
#include "ranvier/kernel/random.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ranvier::device {

namespace detail {

constexpr int kMaxNewtonIterations = 20; // integrate/fixed_step.cpp's

HOST_DEVICE inline bool earlier(const QueuedEvent& a, const QueuedEvent& b) {
    return a.time != b.time ? a.time < b.time : a.order < b.order;
}
HOST_DEVICE inline bool earlier(const PendingEvent& a, const PendingEvent& b) {
    if (a.time != b.time)
        return a.time < b.time;
    if (a.source != b.source)
        return a.source < b.source;
    if (a.kind != b.kind)
        return a.kind < b.kind;
    return a.payload < b.payload;
}

// Binary min-heaps in a cell's slice of an array.
template <class T> HOST_DEVICE inline void sift_up(T* h, int i) {
    const T v = h[i];
    while (i > 0) {
        const int p = (i - 1) / 2;
        if (!earlier(v, h[p]))
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = v;
}
template <class T> HOST_DEVICE inline void sift_down(T* h, int n, int i) {
    const T v = h[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && earlier(h[c + 1], h[c]))
            ++c;
        if (!earlier(h[c], v))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
}
template <class T> HOST_DEVICE inline T heap_pop(T* h, int& n) {
    const T top = h[0];
    h[0] = h[--n];
    if (n > 0)
        sift_down(h, n, 0);
    return top;
}

// What the host reads back after a round of kernels: a few counts and flags.
struct Status {
    int queue_overflow; // the first cell whose event queue was full (INT_MAX: none)
    int queue_high;     // the most events any cell's queue held
    int pending_need;   // the most network events a cell will hold after a delivery
    int spikes;         // spikes in the buffer
    int failure_cell;   // the first cell that failed (INT_MAX: none)
    int unconverged;    // cells whose implicit Euler has not converged yet
    int count[4];       // BDF: cells in each part of a round (engine_bdf.h)
    int samples_full;   // BDF: a sample buffer is full
    unsigned long long progress; // BDF: the least final time of a cell (a double's bits, >= 0)
};

// Where the spikes the kernels find go (the host takes them after the step).
struct Spikes {
    int* cell;
    double* time;
    int capacity;
    Status* status; // status->spikes counts them, past the capacity too

    HOST_DEVICE void add(int c, double t) const {
        const int at = atomic_add(&status->spikes, 1);
        if (at < capacity) {
            cell[at] = c;
            time[at] = t;
        }
    }
};

// The event state of every local cell.
struct Events {
    QueuedEvent* queue;
    int* queue_size;
    int queue_capacity;
    unsigned long long* next_order;
    PendingEvent* pending;
    int* pending_size;
    int pending_capacity;
    int* incoming;
    int* fill;
    Status* status;
    double* events_moved; // per cell

    HOST_DEVICE void push(int cell, QueuedEvent e) const {
        int& n = queue_size[cell];
        if (n >= queue_capacity) {
            atomic_min(&status->queue_overflow, cell);
            return;
        }
        e.order = next_order[cell]++;
        QueuedEvent* h = queue + static_cast<std::size_t>(cell) * queue_capacity;
        h[n] = e;
        sift_up(h, n);
        ++n;
        atomic_max(&status->queue_high, n);
    }
    // An event taken out for delivery and left by its handler: back, keeping its order.
    HOST_DEVICE void reinsert(int cell, const QueuedEvent& e) const {
        int& n = queue_size[cell];
        if (n >= queue_capacity) {
            atomic_min(&status->queue_overflow, cell);
            return;
        }
        QueuedEvent* h = queue + static_cast<std::size_t>(cell) * queue_capacity;
        h[n] = e;
        sift_up(h, n);
        ++n;
    }
    // BDF's event window (cell::Cell::deliver(until, at)): the cell's first network or stimulus
    // event (not a self-event) due by `until` is moved to `at`, queued anew. False if none.
    HOST_DEVICE bool retime_synaptic(int cell, double until, double at) const {
        QueuedEvent* h = queue + static_cast<std::size_t>(cell) * queue_capacity;
        int& n = queue_size[cell];
        int found = -1;
        for (int k = 0; k < n; ++k)
            if (!h[k].self && h[k].time <= until &&
                (found < 0 || h[k].time < h[found].time ||
                 (h[k].time == h[found].time && h[k].order < h[found].order)))
                found = k;
        if (found < 0)
            return false;
        QueuedEvent e = h[found];
        --n;
        if (found < n) {
            h[found] = h[n];
            sift_down(h, n, found);
            sift_up(h, found);
        }
        e.time = at;
        push(cell, e);
        return true;
    }
    // net_move: the cell's latest pending self-event of the instance now happens at `time`.
    HOST_DEVICE void move(int cell, int mechanism, int instance, double time) const {
        QueuedEvent* h = queue + static_cast<std::size_t>(cell) * queue_capacity;
        const int n = queue_size[cell];
        int found = -1;
        for (int k = 0; k < n; ++k)
            if (h[k].self && h[k].mechanism == mechanism && h[k].instance == instance &&
                (found < 0 || h[k].order > h[found].order))
                found = k;
        if (found < 0)
            return;
        const double before = h[found].time;
        h[found].time = time;
        if (time < before)
            sift_up(h, found);
        else
            sift_down(h, n, found);
    }
};

// One mechanism of a batch, as the lane kernels see it.
struct MechanismView {
    int per_lane = 0, count = 0; // instances per cell, in the batch
    double* const* fields = nullptr;
    int watch_count = 0;
    const rv_watch* watches = nullptr;
    char* watch_armed = nullptr;
    char* watch_above = nullptr;
    int has_net_receive = 0, weight_count = 0, netcon_storage = 0;
    double* weights = nullptr; // the batch's NetCon weight vectors
    // An iteration's deliveries, a segment per lane (rv_deliveries): lane l's j-th at
    // j * lanes + l, with the event as it was queued.
    int* d_segment = nullptr; // per lane: its deliveries
    int* d_done = nullptr;    // per lane: how many its handler took
    QueuedEvent* d_event = nullptr;
    int* d_instance = nullptr;
    double* d_time = nullptr;
    double* d_flag = nullptr;
    int* d_netcon = nullptr;
    double* d_weights = nullptr; // each delivery's copy of its weights (no NetCon storage)
    // BDF: the mechanism's states in the cell's y (from `offset`, instance by instance), the
    // generated Jacobian's entries, and each instance's blocks of the Newton matrix
    // (cell_system_newton.cpp): jss (states x states), jsv, jvs, the factors of I - gamma jss and
    // their pivots, w = (I - gamma jss)^-1 jsv, and a solve's scratch.
    int states = 0, offset = 0, point = 0;
    const int* node = nullptr; // per batch instance: node * lanes + lane
    const int* state_fields = nullptr;
    const int* derivative_fields = nullptr;
    int jacobian_count = 0, current_jacobian_count = 0;
    const rv_jacobian_entry* jacobian = nullptr;
    const rv_jacobian_entry* current_jacobian = nullptr;
    const int* electrode = nullptr; // per current
    double *jss = nullptr, *jsv = nullptr, *jvs = nullptr, *lu = nullptr, *w = nullptr, *xs = nullptr;
    int* pivot = nullptr;
};

// A batch's BDF arrays as the lane kernels see them (engine_bdf.h).
struct BdfView {
    int n = 0, lanes = 0, membrane = 0, kirchhoff_count = 0, max_order = 5;
    const int* membrane_node = nullptr; // per y component below `membrane`: its node
    const int* y_of_node = nullptr;     // per node: the component of its v, or -1
    const int* kirchhoff = nullptr;     // the nodes without membrane
    const int* child_begin = nullptr;   // per node: its children child[child_begin[i] ..)
    const int* child = nullptr;
    const double* scale = nullptr;      // per component: atol's multiplier
    double rtol = 1e-3, atol = 1e-3;
    double *z = nullptr, *e = nullptr, *y = nullptr, *f = nullptr, *delta = nullptr,
           *weight = nullptr, *saved_e = nullptr;
    double *jvv = nullptr, *tree_a = nullptr, *tree_b = nullptr, *tree_diag = nullptr,
           *tree_d = nullptr, *tree_rhs = nullptr; // per node and lane (jvv: per component)
    bdf::Lane* lane = nullptr;
    int* action = nullptr; // per lane: this round's part (engine_bdf.h)
    int* active = nullptr; // per lane: whether the system functions evaluate it
    int* mode = nullptr;
    double* until = nullptr; // per lane: deliver the events due by this
    double* times = nullptr; // per lane: the t that kernels see (rv_instances::times)
    const int* detector_y = nullptr; // per lane: the component of the detector's v, or -1

    HOST_DEVICE bdf::Cell cell(int l) const {
        return bdf::cell_view(n, lanes, l, z, e, y, f, delta, weight, saved_e, scale, rtol, atol,
                              max_order);
    }
};

// A recorded variable under BDF: the component of y it is (interpolated inside the last step),
// or where its value lives.
struct BdfSample {
    int lane = 0, y = -1;
    const double* source = nullptr;
    double interval = 0;
    long long count = 0; // samples taken
    int used = 0;        // in the buffer
};

struct Generators {
    GeneratorState* state;
    const int* begin; // per cell
    const double* times;
    unsigned long long seed;
    double tstop;
};

// The next event of a stimulus (network/simulation.cpp's Generator::next); false when none.
HOST_DEVICE inline bool next_time(GeneratorState& g, const double* times, unsigned long long seed,
                                  double tstop, double& t) {
    switch (g.kind) {
    case static_cast<int>(GeneratorKind::Times):
        if (g.index < g.times_count && times[g.times_offset + g.index] <= tstop) {
            t = times[g.times_offset + g.index++];
            return true;
        }
        return false;
    case static_cast<int>(GeneratorKind::Regular):
        if (static_cast<double>(g.index) >= g.number)
            return false;
        t = g.start + static_cast<double>(g.index) * g.interval;
        ++g.index;
        return !(t > g.end);
    default: {
        if (!(g.rate > 0))
            return false;
        if (g.draw == 0)
            g.last = g.start;
        const kernel::Philox4x32 w = kernel::random_words(static_cast<uint64_t>(seed), static_cast<uint64_t>(g.stream),
                                                             static_cast<uint64_t>(g.draw++));
        g.last += 1000.0 / g.rate * -log(kernel::open_unit(w.v[0], w.v[1]));
        t = g.last;
        return !(g.last > g.end);
    }
    }
}

// Moves a cell's network events and stimulus events due by `until` into its queue, as
// network/simulation.cpp's queue_pending and queue_generators do before each step.
struct Mover {
    Events ev;
    Generators gen;
    const int* cell_batch;
    const int* carries;
    int kinds;
    int* const* km;
    int* const* ki;

    HOST_DEVICE void operator()(int c, double until) const { (*this)(c, until, until); }
    // The cell's network events due by `until`, then its stimuli's by `stimuli_until` (BDF's
    // event window queues stimuli further ahead).
    HOST_DEVICE void operator()(int c, double until, double stimuli_until) const {
        PendingEvent* heap = ev.pending + static_cast<std::size_t>(c) * ev.pending_capacity;
        int& n = ev.pending_size[c];
        while (n > 0 && heap[0].time <= until) {
            const PendingEvent p = heap_pop(heap, n);
            const int batch = cell_batch[c];
            QueuedEvent e;
            e.time = p.time;
            e.flag = 0;
            e.self = 0;
            e.mechanism = km[batch][p.kind];
            e.instance = ki[batch][p.kind];
            if (p.kind < static_cast<unsigned>(kinds) && carries[p.kind]) {
                float w;
                memcpy(&w, &p.payload, sizeof w);
                e.netcon = kInlineEvent;
                e.weight = static_cast<double>(w);
            } else {
                e.netcon = static_cast<int>(p.payload);
                e.weight = 0;
            }
            ev.push(c, e);
            ev.events_moved[c] += 1;
        }
        for (int k = gen.begin[c]; k < gen.begin[c + 1]; ++k) {
            GeneratorState& g = gen.state[k];
            while (!g.done && g.queued <= stimuli_until) {
                double t = 0;
                if (!next_time(g, gen.times, gen.seed, gen.tstop, t) || t + g.delay > gen.tstop) {
                    g.done = 1;
                    break;
                }
                g.queued = t + g.delay;
                QueuedEvent e;
                e.time = g.queued;
                e.flag = 0;
                e.self = 0;
                e.mechanism = g.mechanism;
                e.instance = g.instance;
                e.netcon = g.netcon;
                e.weight = 0;
                ev.push(c, e);
            }
        }
    }
};

// Which spike of a delivery the connection `w` belongs to: offset[k] is the first connection of
// spike k.
HOST_DEVICE inline int spike_of(const unsigned long long* offset, int count, int w) {
    int lo = 0, hi = count - 1;
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        if (offset[mid] <= static_cast<unsigned long long>(w))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

} // namespace detail

template <class Exec> class Engine final : public CellEngine {
  public:
    Engine(Exec exec, EngineSetup setup);
    ~Engine() override;

    std::string device() const override { return exec_.name(); }
    bool advance(double known) override;
    double time() const override { return t_; }
    bool done() const override {
        return bdf_ ? std::isinf(t_) : steps_ >= setup_.steps_total;
    }
    const std::string& failure() const override { return failure_; }
    int failed_cell() const override { return failed_cell_; }
    double failed_time() const override { return failed_time_; }
    void deliver(const std::vector<Incoming>& spikes) override;
    std::vector<LocalSpike> take_spikes() override;
    void take_samples(std::vector<std::vector<double>>& values) override;
    double cell_steps() const override {
        return bdf_ ? bdf_steps()
                    : static_cast<double>(steps_) * static_cast<double>(setup_.cells.size());
    }
    double events() const override;
    double memory_bytes() const override { return static_cast<double>(bytes_); }
    double waits() const override { return static_cast<double>(waits_); }
    double launches() const override {
        return static_cast<double>(exec_.launches + generated_launches_);
    }

    // The parts of a step (public: CUDA's device lambdas cannot live in private members).
    bool step();
    void move_due(double until);
    detail::Mover mover() const;
    detail::Spikes spike_sink() const { return {spike_cell_, spike_time_, spike_capacity_, status_}; }
    // `lane_until`, when given, is each lane's own `until`.
    void deliver_due(std::size_t batch, double until, const double* lane_until = nullptr);
    void write_concentrations(std::size_t batch, std::size_t m);
    // `t`, when given (the fixed step), is the batch's global t from then on (the first kernel
    // sets it: no kernel of its own); solve_voltages sets the next one so.
    void currents(std::size_t batch, double t = NAN);
    // f(i) for each of a mechanism's `per_lane` x `lanes` instances, writing its node: in
    // parallel when a cell's instances are at distinct nodes, else a thread per cell, in the
    // cell's instance order.
    template <class F> void each_instance(int per_lane, int lanes, bool distinct, const F& f) {
        if (distinct) {
            exec_.each(per_lane * lanes, f);
            return;
        }
        exec_.each(lanes, RV_KERNEL(int l) {
            for (int k = 0; k < per_lane; ++k)
                f(k * lanes + l);
        });
    }
    void solve_voltages(std::size_t batch, double next_t);
    void advance_states(std::size_t batch);
    bool implicit_euler(std::size_t batch, std::size_t m);
    void update_ions(std::size_t batch);
    void run_watches(std::size_t batch);
    void check_watches(std::size_t batch, const int* only = nullptr);
    void detect(std::size_t batch);
    void sample();
    void load_ions(std::size_t batch, std::size_t m);
    void run(std::size_t batch, std::size_t m, rv_kernel kernel);
    void take_due(std::size_t batch, double until, const double* lane_until, bool first);
    void process_events(std::size_t batch, std::size_t m);
    // Each cell's slice of a per-cell array, moved into slices of `capacity`.
    template <class T> T* grow(T* from, const int* size, int old, int capacity);
    detail::Status status(bool with_spikes = false);
    void reset_status();
    void reset_counts();
    bool check_failure(const detail::Status& s);
    // The queues grown when more than half full; false (a failure) when one overflowed.
    bool check_queues(const detail::Status& s, double t);
    // The spikes found since the last look, copied back; false when the buffer overflowed.
    bool collect_spikes(const detail::Status& s, double t);

    // BDF (engine_bdf.h).
    bool advance_bdf(double known);
    bool bdf_round(std::size_t batch, double known);
    void bdf_scatter(std::size_t batch, const double* src);
    void bdf_gather(std::size_t batch, double* dst);
    void bdf_rhs(std::size_t batch, const double* src, double* dst);
    void bdf_jacobian(std::size_t batch);
    void bdf_restart(std::size_t batch);
    void bdf_step(std::size_t batch);
    void bdf_find_watches(std::size_t batch);
    void bdf_show_end(std::size_t batch, int action);
    void bdf_samples(std::size_t batch);
    void flush_bdf_samples();
    void bdf_prepare_samples();
    double bdf_steps() const;

  private:
    template <class T> T* allocate(std::size_t n) {
        T* p = exec_.template allocate<T>(n);
        owned_.push_back(p);
        bytes_ += n * sizeof(T);
        return p;
    }
    template <class T> T* upload(const std::vector<T>& v) {
        T* p = allocate<T>(v.size());
        exec_.upload(p, v.data(), v.size());
        return p;
    }
    void release(void* p, std::size_t bytes) {
        owned_.erase(std::find(owned_.begin(), owned_.end(), p));
        exec_.release(p);
        bytes_ -= bytes;
    }

    struct IonLink { // mechanism ion k -> batch ion
        int ion;
    };
    struct Mechanism {
        const rv_mechanism* desc;
        int per_lane, count;
        std::vector<double*> columns;
        rv_instances view{};
        detail::MechanismView lanes; // what lane kernels see
        std::vector<int> ion_of;     // per descriptor ion: the batch ion
        std::vector<int> current_ion; // per current: the batch ion, or -1
        int* node = nullptr;
        bool distinct = false;     // a cell's instances are at distinct nodes
        double* y0 = nullptr;      // implicit Euler: states at the step's start
        double* scratch = nullptr; // implicit Euler: a matrix, residual and pivots per instance
        int* lane_done = nullptr;
        int* newton_table = nullptr; // implicit Euler: state, derivative and Jacobian fields
    };
    struct Ion {
        double valence;
        bool nernst_each_step;
        double *e, *ci, *co, *i, *di_dv;
    };
    struct Batch {
        int lanes, nodes, roots;
        int* cells;
        int *parent;
        // The tree (its levels of branches only with a block per cell). Threads per cell: 1, or
        // a block that shares the tree solve (tree.h) and the per-node work; `first_bad` is each
        // lane's first node whose potential is not finite.
        TreeView tree;
        int threads = 1;
        int* first_bad = nullptr;
        double *a, *b, *cm, *axial_diagonal, *area;
        double *v, *rhs, *d;
        double* globals;
        double celsius;
        double** ion_i; // each ion's i and di_dv arrays (secondorder 2)
        double** ion_g;
        std::vector<Mechanism> mechanisms;
        std::vector<Ion> ions;
        detail::MechanismView* mechanism_views; // device copy of each Mechanism::lanes
        int slots = 0; // deliveries per lane and mechanism in an iteration of deliver_due
        // Two pairs of flags, used in turn by the iterations of deliver_due (`parity`): [0] events
        // are still due, [1] a lane had more than `slots`. An iteration clears the other pair.
        int* again;
        int parity = 0;
        int max_events;
        rv_events* events; // the emitted events of a NET_RECEIVE call
        int* event_count;
        int *event_kind, *event_instance, *event_netcon;
        double *event_time, *event_flag;
        double* emitted;       // rv_events::emitted, per instance
        int* lane_events;      // per lane: up to slots * max_events indices into the events
        int* lane_event_count; // per lane
        int* delivered;        // per lane: delivered in this call of deliver
        int* kind_mechanism;   // per network kind
        int* kind_instance;
        bool has_watches;
        // Threshold detection, per lane.
        int* detector_node;
        double *threshold, *v_before;
        int *net_event_mechanism, *net_event_instance;
        // BDF: the arrays, each mechanism's first component in y, and the nodes of y's
        // potentials.
        detail::BdfView bdf;
        std::vector<int> bdf_offsets, bdf_membrane_nodes;
    };
    struct SampleGroup {
        double interval;
        std::size_t count;           // samples taken per member
        std::vector<int> members;    // indices into setup_.samples
        const double** sources;      // device: where each member's value is
        // Two device buffers of rows x members values: one fills while the other is copied to
        // its pinned host buffer, behind the kernels.
        double* rows[2] = {nullptr, nullptr};
        double* host[2] = {nullptr, nullptr};
        int current = 0, rows_used = 0, rows_capacity = 0;
        int copying = -1, copying_rows = 0; // the buffer on its way, and its rows
    };

    void send_samples(SampleGroup& g);
    void land_samples(SampleGroup& g);
    void bdf_prepare(Batch& b, const BatchSetup& bs);
    void spread(Batch& b, const BatchSetup& bs, const Children& children);
    void size_deliveries(Batch& b, int slots);
    void bdf_prepare_mechanism(Mechanism& m, detail::MechanismView& lv, int offset);
    std::string bdf_describe(const Batch& b, int k) const;

    Exec exec_;
    EngineSetup setup_;
    std::vector<void*> owned_, owned_host_;
    std::size_t bytes_ = 0;
    // Pinned host memory for what comes back every step: the counts, the again flags of
    // deliver_due, and spikes (the first kSpikesAhead come back with the counts).
    static constexpr int kSpikesAhead = 256;
    static constexpr int kMostSlots = 64; // Batch::slots grows up to this
    struct Staging {
        detail::Status status;
        int again[2];
    };
    Staging* staging_ = nullptr;
    int* spike_cell_host_ = nullptr;
    double* spike_time_host_ = nullptr;
    int spikes_ahead_ = 0; // spikes staged with the last status
    long long waits_ = 0;  // waits for the device: status(), deliver_due, more spikes
    long long generated_launches_ = 0; // the mechanisms' kernels run
    // deliver()'s buffers of incoming spikes (offsets into the connections, times, sources,
    // first connections), for incoming_capacity_ spikes + 1.
    struct {
        unsigned long long* offset = nullptr;
        double* time = nullptr;
        long long* source = nullptr;
        unsigned long long* begin = nullptr;
    } incoming_;
    std::size_t incoming_capacity_ = 0;
    void wait() {
        exec_.wait();
        ++waits_;
    }
    std::vector<Batch> batches_;
    detail::Events events_{};
    detail::Generators generators_{};
    int* cell_batch_ = nullptr;
    int** kind_mechanism_ = nullptr; // per batch: its kind_mechanism
    int** kind_instance_ = nullptr;
    int* cell_lane_ = nullptr;
    int* kind_carries_ = nullptr;
    int kind_count_ = 0;
    // The connection table.
    std::uint32_t* target_cell_kind_ = nullptr;
    float* target_delay_ = nullptr;
    std::uint32_t* target_payload_ = nullptr;
    // Spikes found, and failures.
    int spike_capacity_ = 0;
    int* spike_cell_ = nullptr;
    double* spike_time_ = nullptr;
    int* failure_code_ = nullptr; // per cell: 1 a potential, 2 implicit Euler
    int* failure_index_ = nullptr;
    double* failure_value_ = nullptr;
    detail::Status* status_ = nullptr;
    std::vector<SampleGroup> groups_;
    std::vector<std::vector<double>> sampled_; // per sample, not yet taken
    std::vector<LocalSpike> spikes_;
    double t_ = 0;
    long long steps_ = 0;
    std::string failure_;
    int failed_cell_ = -1;
    double failed_time_ = 0;
    int cells_ = 0;
    // BDF.
    bool bdf_ = false;
    detail::BdfSample* bdf_samples_ = nullptr;
    double* bdf_values_ = nullptr;
    int bdf_sample_capacity_ = 0;
    std::vector<std::pair<int, int>> bdf_sample_range_; // per batch: its samples
    std::vector<int> bdf_sample_index_;                 // per BDF sample: its index in setup_
    double bdf_progress_ = 0;          // the least final time of the last round's cells
    std::vector<double> progress_;     // per batch
};

template <class Exec>
Engine<Exec>::Engine(Exec exec, EngineSetup setup) : exec_(std::move(exec)), setup_(std::move(setup)) {
    cells_ = static_cast<int>(setup_.cells.size());
    bdf_ = setup_.method == EngineMethod::Bdf;
    const auto cells = static_cast<std::size_t>(cells_);
    kind_count_ = static_cast<int>(setup_.kind_carries_weight.size());
    kind_carries_ = upload(setup_.kind_carries_weight.empty() ? std::vector<int>{0}
                                                              : setup_.kind_carries_weight);
    status_ = allocate<detail::Status>(1);
    staging_ = exec_.template allocate_host<Staging>(1);
    owned_host_.push_back(staging_);
    reset_status();
    // Batches.
    for (const BatchSetup& bs : setup_.batches) {
        Batch b{};
        b.lanes = bs.lanes;
        b.nodes = bs.nodes;
        b.roots = bs.roots;
        b.celsius = bs.celsius;
        const auto slots = static_cast<std::size_t>(bs.nodes) * static_cast<std::size_t>(bs.lanes);
        b.cells = upload(bs.cells);
        b.parent = upload(bs.parent);
        b.a = upload(bs.a);
        b.b = upload(bs.b);
        b.cm = upload(bs.cm);
        b.axial_diagonal = upload(bs.axial_diagonal);
        b.area = upload(bs.area);
        b.v = upload(bs.v);
        b.rhs = allocate<double>(slots);
        b.d = allocate<double>(slots);
        {
            const Children children = children_of(bs.parent, bs.roots);
            b.tree.nodes = bs.nodes;
            b.tree.roots = bs.roots;
            b.tree.lanes = bs.lanes;
            b.tree.parent = b.parent;
            b.tree.child_begin = upload(children.begin);
            b.tree.children = upload(children.list.empty() ? std::vector<int>{0} : children.list);
            spread(b, bs, children);
        }
        std::vector<double> globals(RV_GLOBAL_COUNT, 0.0);
        globals[RV_T] = 0;
        globals[RV_DT] = setup_.dt;
        globals[RV_CELSIUS] = bs.celsius;
        globals[RV_SECONDORDER] = setup_.secondorder;
        globals[RV_SEED] = bs.seed;
        b.globals = upload(globals);
        for (const IonSetup& is : bs.ions) {
            Ion ion{is.valence, is.nernst_each_step, upload(is.e), upload(is.ci), upload(is.co),
                    upload(is.i), upload(is.di_dv)};
            b.ions.push_back(ion);
        }
        std::vector<double*> ion_i, ion_g;
        for (Ion& ion : b.ions) {
            ion_i.push_back(ion.i);
            ion_g.push_back(ion.di_dv);
        }
        b.ion_i = upload(ion_i.empty() ? std::vector<double*>{nullptr} : ion_i);
        b.ion_g = upload(ion_g.empty() ? std::vector<double*>{nullptr} : ion_g);
        b.max_events = 1;
        b.has_watches = false;
        std::vector<detail::MechanismView> views;
        int bdf_offset = 0; // the first component of each mechanism's states in a cell's y
        for (int i = 0; i < bs.nodes; ++i)
            bdf_offset += bs.membrane.empty() || bs.membrane[static_cast<std::size_t>(i)] ? 1 : 0;
        for (const MechanismSetup& ms : bs.mechanisms) {
            const rv_mechanism& d = *ms.descriptor;
            for (int f = 0; f < d.field_count; ++f)
                if (d.fields[f].role == RV_POINTER)
                    throw std::runtime_error(std::string("mechanism ") + d.name +
                                             " has a POINTER (" + d.fields[f].name +
                                             "): the lane engine does not bind POINTERs yet; "
                                             "run with --backend cpu");
            Mechanism m{};
            m.desc = &d;
            m.per_lane = ms.per_lane;
            m.count = ms.per_lane * bs.lanes;
            const auto count = static_cast<std::size_t>(m.count);
            for (int f = 0; f < d.field_count; ++f) {
                double* column = allocate<double>(count);
                exec_.upload(column, ms.fields.data() + static_cast<std::size_t>(f) * count, count);
                m.columns.push_back(column);
            }
            double** columns = allocate<double*>(m.columns.size());
            exec_.upload(columns, m.columns.data(), m.columns.size());
            std::vector<int> node(count);
            for (int k = 0; k < ms.per_lane; ++k)
                for (int l = 0; l < bs.lanes; ++l)
                    node[static_cast<std::size_t>(k) * bs.lanes + l] =
                        ms.node[static_cast<std::size_t>(k)] * bs.lanes + l;
            m.node = upload(node);
            {
                std::vector<int> own(ms.node);
                std::sort(own.begin(), own.end());
                m.distinct = std::adjacent_find(own.begin(), own.end()) == own.end();
            }
            std::vector<rv_table> tables;
            for (const std::vector<double>& t : ms.tables) {
                const std::size_t points = t.size() / 2;
                double* xy = upload(t);
                tables.push_back({static_cast<int>(points), xy, xy + points});
            }
            m.view.count = m.count;
            m.view.stream = exec_.stream();
            m.view.fields = columns;
            m.view.globals = b.globals;
            m.view.node = m.node;
            m.view.voltage = b.v;
            m.view.netcon_begin = upload(ms.netcon_begin.empty() ? std::vector<int>(count + 1, 0)
                                                                 : ms.netcon_begin);
            m.view.weights = upload(ms.weights.empty() ? std::vector<double>{0.0} : ms.weights);
            m.view.tables = tables.empty() ? nullptr : upload(tables);
            for (int k = 0; k < d.ion_count; ++k) {
                int found = -1;
                for (std::size_t i = 0; i < bs.ions.size(); ++i)
                    if (bs.ions[i].name == d.ions[k].name)
                        found = static_cast<int>(i);
                m.ion_of.push_back(found);
            }
            for (int c = 0; c < d.current_count; ++c) {
                int found = -1;
                for (std::size_t i = 0; d.currents[c].ion && i < bs.ions.size(); ++i)
                    if (bs.ions[i].name == d.currents[c].ion)
                        found = static_cast<int>(i);
                m.current_ion.push_back(found);
            }
            detail::MechanismView& lv = m.lanes;
            lv.per_lane = m.per_lane;
            lv.count = m.count;
            lv.fields = columns;
            lv.watch_count = d.watch_count;
            if (d.watch_count > 0 && m.count > 0) {
                b.has_watches = true;
                lv.watches = upload(std::vector<rv_watch>(d.watches, d.watches + d.watch_count));
                lv.watch_armed = upload(ms.watch_armed);
                lv.watch_above = upload(ms.watch_above);
            }
            lv.has_net_receive = d.net_receive ? 1 : 0;
            lv.weight_count = d.weight_count;
            lv.netcon_storage = d.netcon_storage;
            lv.weights = m.view.weights;
            lv.d_segment = allocate<int>(static_cast<std::size_t>(bs.lanes));
            lv.d_done = allocate<int>(static_cast<std::size_t>(bs.lanes));
            b.max_events = std::max(b.max_events, d.max_events_net_receive);
            if (bdf_) {
                bdf_prepare_mechanism(m, lv, bdf_offset);
                bdf_offset += m.per_lane * d.state_count;
            }
            views.push_back(lv);
            b.mechanisms.push_back(std::move(m));
        }
        b.mechanism_views = upload(views);
        const auto lanes = static_cast<std::size_t>(bs.lanes);
        b.event_count = allocate<int>(1);
        b.events = allocate<rv_events>(1);
        int most_instances = 1;
        for (const Mechanism& m : b.mechanisms)
            most_instances = std::max(most_instances, m.count);
        b.emitted = allocate<double>(static_cast<std::size_t>(most_instances));
        b.lane_event_count = allocate<int>(lanes);
        b.delivered = allocate<int>(lanes);
        b.again = allocate<int>(4);
        b.event_kind = b.event_instance = b.event_netcon = b.lane_events = nullptr;
        b.event_time = b.event_flag = nullptr;
        size_deliveries(b, 4);
        b.kind_mechanism = upload(bs.kind_mechanism.empty() ? std::vector<int>{-1} : bs.kind_mechanism);
        b.kind_instance = upload(bs.kind_instance.empty() ? std::vector<int>{-1} : bs.kind_instance);
        std::vector<int> detector_node(lanes), nem(lanes), nei(lanes);
        std::vector<double> threshold(lanes), v_before(lanes);
        for (std::size_t l = 0; l < lanes; ++l) {
            const CellSetup& c = setup_.cells[static_cast<std::size_t>(bs.cells[l])];
            detector_node[l] = c.detector_node;
            threshold[l] = c.threshold;
            v_before[l] = c.v_before;
            nem[l] = c.net_event_mechanism;
            nei[l] = c.net_event_instance;
        }
        b.detector_node = upload(detector_node);
        b.threshold = upload(threshold);
        b.v_before = upload(v_before);
        b.net_event_mechanism = upload(nem);
        b.net_event_instance = upload(nei);
        if (bdf_)
            bdf_prepare(b, bs);
        batches_.push_back(std::move(b));
    }
    // Cells: where they are, their queues, pending events and generators.
    std::vector<int> cell_batch(cells), cell_lane(cells);
    int queue_capacity = std::max(8, setup_.event_capacity), pending_capacity = 8;
    for (const CellSetup& c : setup_.cells) {
        queue_capacity = std::max(queue_capacity, static_cast<int>(2 * c.queue.size()));
        pending_capacity = std::max(pending_capacity, static_cast<int>(2 * c.pending.size()));
    }
    std::vector<QueuedEvent> queue(cells * static_cast<std::size_t>(queue_capacity));
    std::vector<PendingEvent> pending(cells * static_cast<std::size_t>(pending_capacity));
    std::vector<int> queue_size(cells), pending_size(cells), generator_begin(cells + 1, 0);
    std::vector<unsigned long long> next_order(cells);
    std::vector<GeneratorState> generators;
    for (std::size_t k = 0; k < cells; ++k) {
        const CellSetup& c = setup_.cells[k];
        cell_batch[k] = c.batch;
        cell_lane[k] = c.lane;
        // Heaps from sorted lists are heaps already: each cell's slice, sorted.
        auto place = [k](auto events, auto& heaps, int capacity, int& size) {
            std::sort(events.begin(), events.end(),
                      [](const auto& a, const auto& b) { return detail::earlier(a, b); });
            std::copy(events.begin(), events.end(),
                      heaps.begin() + static_cast<long>(k * static_cast<std::size_t>(capacity)));
            size = static_cast<int>(events.size());
        };
        place(c.queue, queue, queue_capacity, queue_size[k]);
        place(c.pending, pending, pending_capacity, pending_size[k]);
        next_order[k] = c.next_order;
        generators.insert(generators.end(), c.generators.begin(), c.generators.end());
        generator_begin[k + 1] = static_cast<int>(generators.size());
    }
    cell_batch_ = upload(cell_batch);
    std::vector<int*> kind_mechanism, kind_instance;
    for (const Batch& b : batches_) {
        kind_mechanism.push_back(b.kind_mechanism);
        kind_instance.push_back(b.kind_instance);
    }
    kind_mechanism_ = upload(kind_mechanism);
    kind_instance_ = upload(kind_instance);
    cell_lane_ = upload(cell_lane);
    events_.queue = upload(queue);
    events_.queue_size = upload(queue_size);
    events_.queue_capacity = queue_capacity;
    events_.next_order = upload(next_order);
    events_.pending = upload(pending);
    events_.pending_size = upload(pending_size);
    events_.pending_capacity = pending_capacity;
    events_.incoming = allocate<int>(cells);
    events_.fill = allocate<int>(cells);
    events_.status = status_;
    events_.events_moved = allocate<double>(cells);
    generators_.state = upload(generators.empty() ? std::vector<GeneratorState>(1) : generators);
    generators_.begin = upload(generator_begin);
    generators_.times = upload(setup_.generator_times.empty() ? std::vector<double>{0.0}
                                                              : setup_.generator_times);
    generators_.seed = setup_.seed;
    generators_.tstop = setup_.tstop;
    target_cell_kind_ = upload(setup_.target_cell_kind.empty() ? std::vector<std::uint32_t>{0}
                                                               : setup_.target_cell_kind);
    target_delay_ = upload(setup_.target_delay.empty() ? std::vector<float>{0} : setup_.target_delay);
    target_payload_ = upload(setup_.target_payload.empty() ? std::vector<std::uint32_t>{0}
                                                           : setup_.target_payload);
    spike_capacity_ = 4 * cells_ + 1024;
    spike_cell_ = allocate<int>(static_cast<std::size_t>(spike_capacity_));
    spike_time_ = allocate<double>(static_cast<std::size_t>(spike_capacity_));
    spike_cell_host_ = exec_.template allocate_host<int>(static_cast<std::size_t>(spike_capacity_));
    spike_time_host_ = exec_.template allocate_host<double>(static_cast<std::size_t>(spike_capacity_));
    owned_host_.push_back(spike_cell_host_);
    owned_host_.push_back(spike_time_host_);
    failure_code_ = allocate<int>(cells);
    failure_index_ = allocate<int>(cells);
    failure_value_ = allocate<double>(cells);
    // Recorded variables, grouped by interval (members of a group are due together).
    sampled_.assign(setup_.samples.size(), {});
    for (std::size_t k = 0; k < setup_.samples.size(); ++k) {
        const SampleSetup& s = setup_.samples[k];
        SampleGroup* group = nullptr;
        for (SampleGroup& g : groups_)
            if (g.interval == s.interval && g.count == s.count)
                group = &g;
        if (!group) {
            groups_.push_back({s.interval, s.count, {}, nullptr});
            group = &groups_.back();
        }
        group->members.push_back(static_cast<int>(k));
    }
    for (SampleGroup& g : groups_) {
        std::vector<const double*> sources;
        for (int k : g.members) {
            const SampleSetup& s = setup_.samples[static_cast<std::size_t>(k)];
            const Batch& b = batches_[static_cast<std::size_t>(s.batch)];
            const auto lanes = static_cast<std::size_t>(b.lanes);
            const std::size_t at = static_cast<std::size_t>(s.index) * lanes + static_cast<std::size_t>(s.lane);
            switch (s.where) {
            case SampleSetup::Where::Voltage:
                sources.push_back(b.v + at);
                break;
            case SampleSetup::Where::Field:
                sources.push_back(b.mechanisms[static_cast<std::size_t>(s.mechanism)]
                                      .columns[static_cast<std::size_t>(s.column)] + at);
                break;
            case SampleSetup::Where::Ion: {
                const Ion& ion = b.ions[static_cast<std::size_t>(s.ion)];
                double* arrays[] = {ion.e, ion.ci, ion.co, ion.i};
                sources.push_back(arrays[s.column] + at);
                break;
            }
            }
        }
        g.sources = upload(sources);
        g.rows_capacity = 64;
        const std::size_t values = static_cast<std::size_t>(g.rows_capacity) * g.members.size();
        for (int k = 0; k < 2; ++k) {
            g.rows[k] = allocate<double>(values);
            g.host[k] = exec_.template allocate_host<double>(values);
            owned_host_.push_back(g.host[k]);
        }
    }
    if (bdf_) {
        bdf_prepare_samples();
        progress_.assign(batches_.size(), 0.0);
    }
}

template <class Exec> Engine<Exec>::~Engine() {
    for (void* p : owned_)
        exec_.release(p);
    for (void* p : owned_host_)
        exec_.release_host(p);
}

template <class Exec> void Engine<Exec>::reset_status() {
    const detail::Status s{INT_MAX, 0, 0, 0, INT_MAX, 0, {0, 0, 0, 0}, 0, 0x7FF0000000000000ull};
    exec_.upload(status_, &s, 1);
}

// The counts, in one wait for the device; with_spikes: and the first spikes found.
template <class Exec> detail::Status Engine<Exec>::status(bool with_spikes) {
    exec_.download_later(&staging_->status, status_, 1);
    spikes_ahead_ = with_spikes ? std::min(kSpikesAhead, spike_capacity_) : 0;
    exec_.download_later(spike_cell_host_, spike_cell_, static_cast<std::size_t>(spikes_ahead_));
    exec_.download_later(spike_time_host_, spike_time_, static_cast<std::size_t>(spikes_ahead_));
    wait();
    return staging_->status;
}

template <class Exec> bool Engine<Exec>::advance(double known) {
    if (bdf_)
        return advance_bdf(known);
    bool moved = false;
    const double dt = setup_.dt;
    while (failure_.empty() && steps_ < setup_.steps_total && t_ + dt < known) {
        if (!step())
            break;
        moved = true;
    }
    // The samples of these steps travel while the next ones run; all are in at the end.
    for (SampleGroup& g : groups_) {
        send_samples(g);
        if (done() || !failure_.empty())
            land_samples(g);
    }
    return moved;
}

template <class Exec> bool Engine<Exec>::step() {
    const double dt = setup_.dt;
    const double t = t_;
    move_due(t + dt);
    for (std::size_t b = 0; b < batches_.size(); ++b)
        deliver_due(b, t + dt / 2);
    const double half = t + dt / 2;
    const double end = half + dt / 2;
    for (std::size_t b = 0; b < batches_.size(); ++b) {
        currents(b, half);
        solve_voltages(b, end);
    }
    for (std::size_t b = 0; b < batches_.size(); ++b) {
        advance_states(b);
        if (!failure_.empty())
            return false;
        update_ions(b);
        if (batches_[b].has_watches)
            check_watches(b);
        deliver_due(b, end);
        detect(b);
    }
    // One look at the counts per step: failures (a cell whose potential stopped being finite
    // is left as it was, and nothing of this step leaves the engine), queues, spikes.
    const detail::Status s = status(true);
    if (check_failure(s))
        return false;
    if (!check_queues(s, t) || !collect_spikes(s, t))
        return false;
    t_ = end;
    ++steps_;
    sample();
    return true;
}

template <class Exec> bool Engine<Exec>::check_queues(const detail::Status& s, double t) {
    if (s.queue_overflow != INT_MAX) {
        failed_cell_ = s.queue_overflow;
        failed_time_ = t;
        std::ostringstream message;
        message << "more than " << events_.queue_capacity
                << " events were due in the cell at once; run with a larger --event-capacity";
        failure_ = message.str();
        return false;
    }
    if (s.queue_high > events_.queue_capacity / 2) {
        const int capacity = 2 * events_.queue_capacity;
        events_.queue = grow(events_.queue, events_.queue_size, events_.queue_capacity, capacity);
        events_.queue_capacity = capacity;
    }
    return true;
}

template <class Exec> bool Engine<Exec>::collect_spikes(const detail::Status& s, double t) {
    if (s.spikes == 0)
        return true;
    const int n = std::min(s.spikes, spike_capacity_);
    if (n > spikes_ahead_) { // more than came with the counts
        const auto rest = static_cast<std::size_t>(n - spikes_ahead_);
        exec_.download_later(spike_cell_host_ + spikes_ahead_, spike_cell_ + spikes_ahead_, rest);
        exec_.download_later(spike_time_host_ + spikes_ahead_, spike_time_ + spikes_ahead_, rest);
        wait();
    }
    for (int k = 0; k < n; ++k)
        spikes_.push_back({spike_cell_host_[k], spike_time_host_[k]});
    if (s.spikes > spike_capacity_) {
        failed_cell_ = spike_cell_host_[0];
        failed_time_ = t;
        failure_ = "more spikes in one step than the spike buffer holds (" +
                   std::to_string(spike_capacity_) + ")";
        return false;
    }
    detail::Status* status = status_;
    exec_.each(1, RV_KERNEL(int) { status->spikes = 0; });
    return true;
}

// A failed cell (s.failure_cell) becomes failure(): at t_, the start of the step; the message
// names the step's end, as integrate/FixedStep's does.
template <class Exec> bool Engine<Exec>::check_failure(const detail::Status& s) {
    if (s.failure_cell == INT_MAX)
        return false;
    int code = 0, index = 0;
    double value = 0;
    exec_.download(&code, failure_code_ + s.failure_cell, 1);
    exec_.download(&index, failure_index_ + s.failure_cell, 1);
    exec_.download(&value, failure_value_ + s.failure_cell, 1);
    failed_cell_ = s.failure_cell;
    failed_time_ = t_;
    std::ostringstream message;
    if (code >= 3) { // BDF: the cell's own time, step and order
        const CellSetup& c = setup_.cells[static_cast<std::size_t>(s.failure_cell)];
        const Batch& b = batches_[static_cast<std::size_t>(c.batch)];
        bdf::Lane lane{};
        exec_.download(&lane, b.bdf.lane + c.lane, 1);
        failed_time_ = value;
        const char* why = code == 3   ? "Newton's method does not converge"
                          : code == 4 ? "the error test keeps failing"
                                      : "more than the allowed number of steps";
        message << "BDF: " << why << " at t = " << value << " ms (step " << lane.h
                << " ms, order " << lane.q << "); worst in " << bdf_describe(b, index);
        failure_ = message.str();
        return true;
    }
    if (code == 1) {
        message << "the membrane potential of node " << index << " is " << value << " at t = "
                << t_ + setup_.dt << " ms";
    } else {
        const CellSetup& c = setup_.cells[static_cast<std::size_t>(s.failure_cell)];
        message << "mechanism "
                << batches_[static_cast<std::size_t>(c.batch)]
                       .mechanisms[static_cast<std::size_t>(index)]
                       .desc->name
                << ": implicit Euler did not converge at t = " << t_ + setup_.dt << " ms";
    }
    failure_ = message.str();
    return true;
}

// The network events and stimulus events due by `until` join the cells' queues, as
// network/simulation.cpp's queue_pending and queue_generators do before each step.
template <class Exec> detail::Mover Engine<Exec>::mover() const {
    return {events_, generators_, cell_batch_, kind_carries_, kind_count_, kind_mechanism_, kind_instance_};
}

template <class Exec> void Engine<Exec>::move_due(double until) {
    const detail::Mover move = mover();
    exec_.each(cells_, RV_KERNEL(int c) { move(c, until); });
}

template <class Exec> void Engine<Exec>::load_ions(std::size_t batch, std::size_t m) {
    Batch& b = batches_[batch];
    Mechanism& mech = b.mechanisms[m];
    const rv_mechanism& d = *mech.desc;
    if (d.ion_count == 0 || mech.count == 0)
        return;
    double* const* fields = mech.view.fields;
    const int* node = mech.node;
    for (int k = 0; k < d.ion_count; ++k) {
        const rv_ion& ri = d.ions[k];
        const Ion& ion = b.ions[static_cast<std::size_t>(mech.ion_of[static_cast<std::size_t>(k)])];
        const int reversal = ri.reversal_field >= 0 && !ri.writes_reversal ? ri.reversal_field : -1;
        const int inside = ri.inside_field >= 0 && !ri.writes_inside ? ri.inside_field : -1;
        const int outside = ri.outside_field >= 0 && !ri.writes_outside ? ri.outside_field : -1;
        const int current = ri.current_field;
        const double *e = ion.e, *ci = ion.ci, *co = ion.co, *i = ion.i;
        exec_.each(mech.count, RV_KERNEL(int k2) {
            const int n = node[k2];
            if (reversal >= 0)
                fields[reversal][k2] = e[n];
            if (inside >= 0)
                fields[inside][k2] = ci[n];
            if (outside >= 0)
                fields[outside][k2] = co[n];
            if (current >= 0)
                fields[current][k2] = i[n];
        });
    }
}

template <class Exec> void Engine<Exec>::run(std::size_t batch, std::size_t m, rv_kernel kernel) {
    Mechanism& mech = batches_[batch].mechanisms[m];
    if (!kernel || mech.count == 0)
        return;
    load_ions(batch, m);
    kernel(&mech.view);
    ++generated_launches_;
}

// The delivery buffers of a batch for `slots` deliveries per lane and mechanism in an iteration
// of deliver_due, and the buffers of what their handlers emit (at most max_events each).
template <class Exec> void Engine<Exec>::size_deliveries(Batch& b, int slots) {
    const auto lanes = static_cast<std::size_t>(b.lanes);
    const std::size_t before = lanes * static_cast<std::size_t>(b.slots);
    const std::size_t after = lanes * static_cast<std::size_t>(slots);
    auto renew = [&](auto*& p, std::size_t old_count, std::size_t count) {
        using T = std::remove_reference_t<decltype(*p)>;
        if (p)
            release(p, old_count * sizeof(T));
        p = allocate<T>(count);
    };
    std::vector<detail::MechanismView> views;
    for (Mechanism& m : b.mechanisms) {
        detail::MechanismView& lv = m.lanes;
        const auto weights = static_cast<std::size_t>(std::max(1, m.desc->weight_count));
        renew(lv.d_event, before, after);
        renew(lv.d_instance, before, after);
        renew(lv.d_time, before, after);
        renew(lv.d_flag, before, after);
        renew(lv.d_netcon, before, after);
        renew(lv.d_weights, before * weights, after * weights);
        views.push_back(lv);
    }
    if (!views.empty())
        exec_.upload(b.mechanism_views, views.data(), views.size());
    const auto most = static_cast<std::size_t>(b.max_events);
    renew(b.event_kind, before * most, after * most);
    renew(b.event_instance, before * most, after * most);
    renew(b.event_netcon, before * most, after * most);
    renew(b.event_time, before * most, after * most);
    renew(b.event_flag, before * most, after * most);
    renew(b.lane_events, before * most, after * most);
    const rv_events ev{static_cast<int>(after * most), b.event_count, b.event_kind, b.event_instance,
                       b.event_time, b.event_flag, b.event_netcon, b.emitted};
    exec_.upload(b.events, &ev, 1);
    b.slots = slots;
}

// Takes each lane's events due by `until` (or lane_until[lane]) out of its queue, in order, into
// the segments of their mechanisms, up to `slots` per mechanism (again[1] says a lane had more).
template <class Exec>
void Engine<Exec>::take_due(std::size_t batch, double until, const double* lane_until,
                            bool first) {
    Batch& b = batches_[batch];
    const detail::Events ev = events_;
    const int* cells = b.cells;
    const detail::MechanismView* views = b.mechanism_views;
    int* delivered = b.delivered;
    int* again = b.again + 2 * b.parity;
    const int lanes = b.lanes, slots = b.slots;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    exec_.each(lanes, RV_KERNEL(int l) {
        if (first)
            delivered[l] = 0;
        for (int m = 0; m < mechanisms; ++m)
            views[m].d_segment[l] = 0;
        const int c = cells[l];
        QueuedEvent* heap = ev.queue + static_cast<std::size_t>(c) * ev.queue_capacity;
        int& n = ev.queue_size[c];
        const double due = lane_until ? lane_until[l] : until;
        while (n > 0 && heap[0].time <= due) {
            const detail::MechanismView& mv = views[heap[0].mechanism];
            if (!mv.has_net_receive) {
                detail::heap_pop(heap, n);
                continue;
            }
            const int j = mv.d_segment[l];
            if (j == slots) {
                again[1] = 1;
                break;
            }
            const QueuedEvent e = detail::heap_pop(heap, n);
            const int slot = j * lanes + l;
            mv.d_segment[l] = j + 1;
            mv.d_event[slot] = e;
            mv.d_instance[slot] = e.instance * lanes + l;
            mv.d_time[slot] = e.time;
            mv.d_flag[slot] = e.flag;
            if (mv.netcon_storage) {
                mv.d_netcon[slot] = e.netcon;
            } else if (e.netcon == kInlineEvent) {
                mv.d_weights[static_cast<std::size_t>(slot) * (mv.weight_count > 0 ? mv.weight_count : 1)] = e.weight;
                mv.d_netcon[slot] = slot;
            } else if (e.netcon >= 0) {
                const int wc = mv.weight_count;
                for (int w = 0; w < wc; ++w)
                    mv.d_weights[static_cast<std::size_t>(slot) * wc + w] =
                        mv.weights[static_cast<std::size_t>(e.netcon) * wc + w];
                mv.d_netcon[slot] = slot;
            } else {
                mv.d_netcon[slot] = -1;
            }
            delivered[l] = 1;
        }
    });
}

// NET_RECEIVE for every event due by `until`, each cell's in its queue's order (Cell::deliver).
// An iteration takes each lane's due events and hands each mechanism its lanes' events as
// segments (rv_deliveries), a thread per lane on a GPU: a handler's events are independent of
// another instance's, and a segment stops where an event its handlers queued must come first.
// Iterations go on while events are due (one that a handler queued, the rest of a segment,
// more than the slots of a lane); one look at the device per iteration.
template <class Exec>
void Engine<Exec>::deliver_due(std::size_t batch, double until, const double* lane_until) {
    Batch& b = batches_[batch];
    const detail::Events ev = events_;
    const int* cells = b.cells;
    const int lanes = b.lanes;
    for (bool first = true;; first = false) {
        take_due(batch, until, lane_until, first);
        for (std::size_t m = 0; m < b.mechanisms.size(); ++m) {
            Mechanism& mech = b.mechanisms[m];
            if (!mech.desc->net_receive || mech.count == 0)
                continue;
            load_ions(batch, m);
            const bool emits = mech.desc->max_events_net_receive > 0;
            rv_instances view = mech.view;
            view.events = b.events;
            if (!mech.desc->netcon_storage)
                view.weights = mech.lanes.d_weights;
            const rv_deliveries deliveries{lanes, mech.lanes.d_instance, mech.lanes.d_time,
                                           mech.lanes.d_flag, mech.lanes.d_netcon,
                                           mech.lanes.d_segment, lanes, mech.lanes.d_done};
            mech.desc->net_receive(&view, &deliveries);
            ++generated_launches_;
            if (emits)
                process_events(batch, m);
        }
        int* again = b.again + 2 * b.parity;
        int* other = b.again + 2 * (1 - b.parity);
        exec_.each(lanes, RV_KERNEL(int l) {
            if (l == 0)
                other[0] = other[1] = 0; // the next iteration's (this one never touches them)
            const int c = cells[l];
            const double due = lane_until ? lane_until[l] : until;
            if (ev.queue_size[c] > 0 &&
                ev.queue[static_cast<std::size_t>(c) * ev.queue_capacity].time <= due)
                again[0] = 1;
        });
        exec_.download_later(staging_->again, again, 2);
        wait();
        b.parity = 1 - b.parity;
        const int flags[2] = {staging_->again[0], staging_->again[1]};
        if (flags[1] && b.slots < kMostSlots)
            size_deliveries(b, std::min(2 * b.slots, kMostSlots));
        if (!flags[0])
            break;
    }
    if (b.has_watches)
        check_watches(batch, b.delivered);
}

// After a mechanism's handlers: the events of a segment its handler left go back to their
// queue, then the events the handlers emitted join it, each lane's in the order emitted
// (Cell::queue_events). A self-event carries the NetCon or the weight of the event whose
// handler sent it.
template <class Exec> void Engine<Exec>::process_events(std::size_t batch, std::size_t m) {
    Batch& b = batches_[batch];
    const int lanes = b.lanes, most = b.slots * b.max_events;
    const int capacity = lanes * most;
    int* count = b.event_count; // zero before each handler (process_events leaves it so)
    const int* kind = b.event_kind;
    const int* instance = b.event_instance;
    const int* netcon = b.event_netcon;
    const double* time = b.event_time;
    const double* flag = b.event_flag;
    int* lane_events = b.lane_events;
    int* lane_count = b.lane_event_count;
    // A thread per lane and emitted event of a handler; more if more were emitted.
    const int threads = lanes * b.max_events;
    exec_.each(threads, RV_KERNEL(int i) {
        const int n = *count < capacity ? *count : capacity;
        for (int k = i; k < n; k += threads) {
            const int l = instance[k] % lanes;
            const int j = atomic_add(&lane_count[l], 1);
            if (j < most)
                lane_events[j * lanes + l] = k;
        }
    });
    const detail::Events ev = events_;
    const int* cells = b.cells;
    const detail::MechanismView mv = b.mechanisms[m].lanes;
    const int mechanism = static_cast<int>(m);
    const int storage = b.mechanisms[m].desc->netcon_storage;
    const int* nem = b.net_event_mechanism;
    const int* nei = b.net_event_instance;
    const detail::Spikes spikes = spike_sink();
    exec_.each(lanes, RV_KERNEL(int l) {
        if (l == 0)
            *count = 0; // for the next handler (nothing here reads it)
        const int c = cells[l];
        for (int j = mv.d_done[l]; j < mv.d_segment[l]; ++j)
            ev.reinsert(c, mv.d_event[j * lanes + l]);
        const int n = lane_count[l] < most ? lane_count[l] : most;
        if (n == 0)
            return;
        for (int a = 1; a < n; ++a) // the handlers' events in the order they emitted them
            for (int z = a; z > 0 && lane_events[(z - 1) * lanes + l] > lane_events[z * lanes + l]; --z) {
                const int swap = lane_events[z * lanes + l];
                lane_events[z * lanes + l] = lane_events[(z - 1) * lanes + l];
                lane_events[(z - 1) * lanes + l] = swap;
            }
        for (int a = 0; a < n; ++a) {
            const int k = lane_events[a * lanes + l];
            const int li = instance[k] / lanes;
            if (kind[k] == RV_EVENT_SELF) {
                QueuedEvent e;
                e.time = time[k];
                e.flag = flag[k];
                e.mechanism = mechanism;
                e.instance = li;
                e.self = 1;
                e.weight = 0;
                e.netcon = netcon[k];
                if (netcon[k] >= 0 && !storage) { // netcon[k]: the slot of the delivery
                    const QueuedEvent& origin = mv.d_event[netcon[k]];
                    e.netcon = origin.netcon;
                    if (origin.netcon == kInlineEvent)
                        e.weight = origin.weight;
                }
                ev.push(c, e);
            } else if (kind[k] == RV_EVENT_SPIKE) {
                if (nem[l] == mechanism && nei[l] == li)
                    spikes.add(c, time[k]);
            } else if (kind[k] == RV_EVENT_MOVE) {
                ev.move(c, mechanism, li, time[k]);
            }
        }
        lane_count[l] = 0;
    });
}

template <class Exec> void Engine<Exec>::currents(std::size_t batch, double t) {
    Batch& b = batches_[batch];
    const std::size_t slots = static_cast<std::size_t>(b.nodes) * static_cast<std::size_t>(b.lanes);
    const int n = static_cast<int>(slots);
    for (Ion& ion : b.ions) {
        double *i = ion.i, *g = ion.di_dv;
        exec_.each(n, RV_KERNEL(int k) {
            i[k] = 0;
            g[k] = 0;
        });
    }
    double *rhs = b.rhs, *d = b.d;
    double* globals = b.globals;
    const bool set_t = !std::isnan(t);
    exec_.each(n, RV_KERNEL(int k) {
        if (k == 0 && set_t)
            globals[RV_T] = t;
        rhs[k] = 0;
        d[k] = 0;
    });
    const int lanes = b.lanes;
    const double* area = b.area;
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m) {
        Mechanism& mech = b.mechanisms[m];
        const rv_mechanism& desc = *mech.desc;
        if (desc.current_count == 0 || mech.count == 0)
            continue;
        run(batch, m, desc.compute_currents);
        const int* node = mech.node;
        double* const* fields = mech.view.fields;
        const int per_lane = mech.per_lane;
        const bool point = desc.kind != RV_DENSITY;
        for (int c = 0; c < desc.current_count; ++c) {
            const rv_current& current = desc.currents[c];
            const int which = mech.current_ion[static_cast<std::size_t>(c)];
            double* ion_i = which >= 0 ? b.ions[static_cast<std::size_t>(which)].i : nullptr;
            double* ion_g = which >= 0 ? b.ions[static_cast<std::size_t>(which)].di_dv : nullptr;
            const int value_field = current.value_field, g_field = current.conductance_field;
            const double sign = current.electrode ? -1.0 : 1.0;
            auto add = RV_KERNEL(int i) {
                const int at = node[i];
                const double scale = point ? 1e2 / area[at / lanes] : 1.0;
                const double value = fields[value_field][i] * scale;
                const double g = fields[g_field][i] * scale;
                rhs[at] -= sign * value;
                d[at] += sign * g;
                if (ion_i) {
                    ion_i[at] += value;
                    ion_g[at] += g;
                }
            };
            each_instance(per_lane, lanes, mech.distinct, add);
        }
    }
}

// How many threads a batch's cells get, and the tree as their blocks walk it.
template <class Exec>
void Engine<Exec>::spread(Batch& b, const BatchSetup& bs, const Children& children) {
    const int asked = setup_.threads_per_cell;
    if (asked == 1 || (asked == 0 && (bs.nodes < kBlockCellNodes || bs.lanes >= kBlockCellLanes)))
        return;
    const Branches t = branches_of(bs.parent, bs.roots, children);
    b.threads = asked > 0 ? asked : std::min(256, std::max(32, (t.widest + 31) / 32 * 32));
    b.tree.levels = static_cast<int>(t.level_begin.size()) - 1;
    b.tree.branch_begin = upload(t.branch_begin);
    b.tree.branch_nodes = upload(t.branch_nodes);
    b.tree.level_begin = upload(t.level_begin);
    b.first_bad = allocate<int>(static_cast<std::size_t>(bs.lanes));
}

template <class Exec> void Engine<Exec>::solve_voltages(std::size_t batch, double next_t) {
    Batch& b = batches_[batch];
    double* globals = b.globals; // no kernel reads t between here and the states' update
    const double dt = setup_.dt;
    const int secondorder = setup_.secondorder;
    const double cj = secondorder ? 2 / dt : 1 / dt;
    const double scale = secondorder ? 2.0 : 1.0;
    const int lanes = b.lanes, nodes = b.nodes, roots = b.roots;
    const int* parent = b.parent;
    const double *a = b.a, *bb = b.b, *cm = b.cm, *axial = b.axial_diagonal;
    double *v = b.v, *rhs = b.rhs, *d = b.d;
    const int* cells = b.cells;
    int* failure_code = failure_code_;
    int* failure_index = failure_index_;
    double* failure_value = failure_value_;
    detail::Status* status = status_;
    // The ion currents move to the middle of the step (secondorder 2).
    double* const* ions_i = b.ion_i;
    double* const* ions_g = b.ion_g;
    const int ion_count = secondorder == 2 ? static_cast<int>(b.ions.size()) : 0;
    const TreeView tree = b.tree;
    if (b.threads > 1) {
        // A block per cell: the same arithmetic, per node, and the tree solve by branches.
        const int threads = b.threads, levels = tree.levels;
        int* first_bad = b.first_bad;
        exec_.blocks(lanes, threads, tree.phases() + 3, RV_KERNEL(int l, int thread, int phase) {
            auto at = [=](int i) { return static_cast<std::size_t>(i) * lanes + l; };
            if (phase == 0) {
                if (thread == 0)
                    first_bad[l] = INT_MAX;
                if (thread == 0 && l == 0)
                    globals[RV_T] = next_t;
                for (int i = thread; i < nodes; i += threads) {
                    d[at(i)] += 1e-3 * cm[i] * cj + axial[i];
                    tree.add_axial(i, l, a, bb, v, rhs);
                }
            } else if (phase <= 2 * levels) {
                tree.solve_phase(phase - 1, thread, threads, l, a, bb, false, d, rhs);
            } else if (phase == 2 * levels + 1) {
                for (int i = thread; i < nodes; i += threads)
                    if (!isfinite(v[at(i)] + scale * rhs[at(i)]))
                        atomic_min(&first_bad[l], i);
            } else if (first_bad[l] != INT_MAX) {
                if (thread == 0) {
                    const int c = cells[l], i = first_bad[l];
                    failure_code[c] = 1;
                    failure_index[c] = i;
                    failure_value[c] = v[at(i)] + scale * rhs[at(i)];
                    atomic_min(&status->failure_cell, c);
                }
            } else {
                for (int i = thread; i < nodes; i += threads) {
                    for (int k = 0; k < ion_count; ++k)
                        ions_i[k][at(i)] += ions_g[k][at(i)] * rhs[at(i)];
                    v[at(i)] += scale * rhs[at(i)];
                }
            }
        });
        return;
    }
    exec_.each(lanes, RV_KERNEL(int l) {
        auto at = [=](int i) { return static_cast<std::size_t>(i) * lanes + l; };
        if (l == 0)
            globals[RV_T] = next_t;
        for (int i = 0; i < nodes; ++i)
            d[at(i)] += 1e-3 * cm[i] * cj + axial[i];
        for (int i = roots; i < nodes; ++i) {
            const int p = parent[i];
            const double dv = v[at(p)] - v[at(i)];
            rhs[at(i)] -= bb[i] * dv;
            rhs[at(p)] += a[i] * dv;
        }
        tree.solve(l, a, bb, false, d, rhs);
        for (int i = 0; i < nodes; ++i) {
            const double next = v[at(i)] + scale * rhs[at(i)];
            if (isfinite(next))
                continue;
            const int c = cells[l];
            failure_code[c] = 1;
            failure_index[c] = i;
            failure_value[c] = next;
            atomic_min(&status->failure_cell, c);
            return;
        }
        for (int k = 0; k < ion_count; ++k)
            for (int i = 0; i < nodes; ++i)
                ions_i[k][at(i)] += ions_g[k][at(i)] * rhs[at(i)];
        for (int i = 0; i < nodes; ++i)
            v[at(i)] += scale * rhs[at(i)];
    });
}

template <class Exec> void Engine<Exec>::advance_states(std::size_t batch) {
    Batch& b = batches_[batch];
    for (std::size_t m = 0; m < b.mechanisms.size() && failure_.empty(); ++m) {
        Mechanism& mech = b.mechanisms[m];
        const rv_mechanism& desc = *mech.desc;
        if (mech.count == 0)
            continue;
        if (desc.advance)
            run(batch, m, desc.advance);
        else if (desc.state_count > 0 && !implicit_euler(batch, m))
            return;
        run(batch, m, desc.step);
        write_concentrations(batch, m);
    }
}

// The concentrations a mechanism writes, to the ions, cell by cell in instance order.
template <class Exec> void Engine<Exec>::write_concentrations(std::size_t batch, std::size_t m) {
    Batch& b = batches_[batch];
    Mechanism& mech = b.mechanisms[m];
    const rv_mechanism& desc = *mech.desc;
    const int lanes = b.lanes, per_lane = mech.per_lane;
    const int* node = mech.node;
    double* const* fields = mech.view.fields;
    for (int k = 0; k < desc.ion_count; ++k) {
        const rv_ion& ri = desc.ions[k];
        const int inside = ri.writes_inside ? ri.inside_field : -1;
        const int outside = ri.writes_outside ? ri.outside_field : -1;
        if (inside < 0 && outside < 0)
            continue;
        const Ion& ion = b.ions[static_cast<std::size_t>(mech.ion_of[static_cast<std::size_t>(k)])];
        double *ci = ion.ci, *co = ion.co;
        auto write = RV_KERNEL(int i) {
            if (inside >= 0)
                ci[node[i]] = fields[inside][i];
            if (outside >= 0)
                co[node[i]] = fields[outside][i];
        };
        each_instance(per_lane, lanes, mech.distinct, write);
    }
}

// y1 = y0 + dt f(y1) at the new v and t, by Newton's method with the exact Jacobian
// (FixedStep::implicit_euler), each cell until its own instances have converged.
template <class Exec> bool Engine<Exec>::implicit_euler(std::size_t batch, std::size_t m) {
    Batch& b = batches_[batch];
    Mechanism& mech = b.mechanisms[m];
    const rv_mechanism& desc = *mech.desc;
    const int n = desc.state_count, lanes = b.lanes, per_lane = mech.per_lane, count = mech.count;
    const double dt = setup_.secondorder ? setup_.dt / 2 : setup_.dt;
    const int secondorder = setup_.secondorder;
    const std::size_t block = static_cast<std::size_t>(n) * n + 2 * static_cast<std::size_t>(n);
    if (!mech.y0) {
        mech.y0 = allocate<double>(static_cast<std::size_t>(count) * n);
        mech.scratch = allocate<double>(static_cast<std::size_t>(count) * block);
        mech.lane_done = allocate<int>(static_cast<std::size_t>(lanes));
        std::vector<int> fields;
        for (int s = 0; s < n; ++s)
            fields.push_back(desc.state_fields[s]);
        for (int s = 0; s < n; ++s)
            fields.push_back(desc.derivative_fields[s]);
        for (int e = 0; e < desc.jacobian_count; ++e) {
            fields.push_back(desc.jacobian_entries[e].row);
            fields.push_back(desc.jacobian_entries[e].column);
            fields.push_back(desc.jacobian_entries[e].field);
        }
        mech.newton_table = upload(fields);
    }
    const int* table = mech.newton_table;
    const int entries = desc.jacobian_count;
    double* const* fields = mech.view.fields;
    double* y0 = mech.y0;
    double* scratch = mech.scratch;
    int* done = mech.lane_done;
    exec_.each(count, RV_KERNEL(int i) {
        for (int s = 0; s < n; ++s)
            y0[static_cast<std::size_t>(i) * n + s] = fields[table[s]][i];
    });
    exec_.each(lanes, RV_KERNEL(int l) { done[l] = 0; });
    detail::Status* status = status_;
    for (int iteration = 0; iteration < detail::kMaxNewtonIterations; ++iteration) {
        run(batch, m, desc.rhs);
        run(batch, m, desc.jacobian);
        exec_.each(1, RV_KERNEL(int) { status->unconverged = 0; });
        exec_.each(lanes, RV_KERNEL(int l) {
            if (done[l])
                return;
            bool converged = true;
            for (int j = 0; j < per_lane; ++j) {
                const int i = j * lanes + l;
                double* a = scratch + static_cast<std::size_t>(i) * block;
                double* r = a + static_cast<std::size_t>(n) * n;
                double* pivot = r + n;
                for (int z = 0; z < n * n; ++z)
                    a[z] = 0.0;
                for (int s = 0; s < n; ++s) {
                    a[s * n + s] = 1.0;
                    r[s] = fields[table[s]][i] - y0[static_cast<std::size_t>(i) * n + s] -
                           dt * fields[table[n + s]][i];
                }
                for (int e = 0; e < entries; ++e) {
                    const int row = table[2 * n + 3 * e], column = table[2 * n + 3 * e + 1],
                              field = table[2 * n + 3 * e + 2];
                    if (column >= 0)
                        a[row * n + column] -= dt * fields[field][i];
                }
                if (!kernel::lu_factor(a, pivot, n)) {
                    converged = false;
                    break;
                }
                kernel::lu_solve(a, pivot, r, n);
                for (int s = 0; s < n; ++s) {
                    double& y = fields[table[s]][i];
                    y -= r[s];
                    converged = converged && fabs(r[s]) <= 1e-10 * fabs(y) + 1e-15;
                }
            }
            if (!converged) {
                atomic_add(&status->unconverged, 1);
                return;
            }
            done[l] = 1;
            if (secondorder)
                for (int j = 0; j < per_lane; ++j) {
                    const int i = j * lanes + l;
                    for (int s = 0; s < n; ++s)
                        fields[table[s]][i] =
                            2 * fields[table[s]][i] - y0[static_cast<std::size_t>(i) * n + s];
                }
        });
        if (this->status().unconverged == 0)
            return true;
    }
    // The first cell that did not converge.
    const int* cells = b.cells;
    int* failure_code = failure_code_;
    int* failure_index = failure_index_;
    const int mechanism = static_cast<int>(m);
    exec_.each(lanes, RV_KERNEL(int l) {
        if (done[l])
            return;
        const int c = cells[l];
        failure_code[c] = 2;
        failure_index[c] = mechanism;
        atomic_min(&status->failure_cell, c);
    });
    check_failure(this->status());
    return false;
}

template <class Exec> void Engine<Exec>::update_ions(std::size_t batch) {
    Batch& b = batches_[batch];
    const int n = b.nodes * b.lanes;
    const double celsius = b.celsius;
    for (Ion& ion : b.ions) {
        if (!ion.nernst_each_step)
            continue;
        double* e = ion.e;
        const double *ci = ion.ci, *co = ion.co;
        const double valence = ion.valence;
        exec_.each(n, RV_KERNEL(int k) { e[k] = kernel::nernst(ci[k], co[k], valence, celsius); });
    }
}

namespace detail {

// Visits lane l's WATCH conditions (the watch kernels have evaluated them):
// f(view, mechanism, instance in the cell, batch instance, slot, watch, armed, above), which
// returns true to stop; true when it did.
template <class F>
HOST_DEVICE inline bool for_each_watch(const MechanismView* views, int mechanisms, int lanes, int l,
                                       const F& f) {
    for (int m = 0; m < mechanisms; ++m) {
        const MechanismView& mv = views[m];
        if (mv.watch_count == 0 || mv.count == 0)
            continue;
        for (int j = 0; j < mv.per_lane; ++j) {
            const int i = j * lanes + l;
            for (int w = 0; w < mv.watch_count; ++w) {
                const rv_watch& watch = mv.watches[w];
                const std::size_t k = static_cast<std::size_t>(i) * mv.watch_count + w;
                const bool armed = mv.fields[watch.armed_field][i] != 0;
                const bool above = mv.fields[watch.value_field][i] > 0;
                if (f(mv, m, j, i, k, watch, armed, above))
                    return true;
            }
        }
    }
    return false;
}

// Whether an armed condition turned true since the last check (Cell::watch_fires).
HOST_DEVICE inline bool watch_turns(const MechanismView* views, int mechanisms, int lanes, int l) {
    return for_each_watch(views, mechanisms, lanes, l,
                          [](const MechanismView& mv, int, int, int, std::size_t k, const rv_watch&,
                             bool armed, bool above) {
                              return armed && mv.watch_armed[k] && !mv.watch_above[k] && above;
                          });
}

} // namespace detail

template <class Exec> void Engine<Exec>::run_watches(std::size_t batch) {
    Batch& b = batches_[batch];
    for (std::size_t m = 0; m < b.mechanisms.size(); ++m) {
        const Mechanism& mech = b.mechanisms[m];
        if (mech.desc->watch_count > 0 && mech.desc->watch && mech.count > 0)
            run(batch, m, mech.desc->watch);
    }
}

// WATCH (Cell::scan_watches): an armed condition that turned true since the last check queues
// a self-event with its flag at the cell's t. After a step every cell checks; after deliveries,
// the cells that delivered (their conditions armed there start from their present truth).
// `only`: the lanes that check (nonzero), or all when null.
template <class Exec> void Engine<Exec>::check_watches(std::size_t batch, const int* only) {
    run_watches(batch);
    Batch& b = batches_[batch];
    const detail::Events ev = events_;
    const detail::MechanismView* views = b.mechanism_views;
    const int mechanisms = static_cast<int>(b.mechanisms.size());
    const int lanes = b.lanes;
    const int* cells = b.cells;
    const double* globals = b.globals;
    const double* times = b.bdf.times; // BDF: each cell's own t
    exec_.each(lanes, RV_KERNEL(int l) {
        if (only && !only[l])
            return;
        const int c = cells[l];
        const double t = times ? times[l] : globals[RV_T];
        detail::for_each_watch(views, mechanisms, lanes, l,
                               [&](const detail::MechanismView& mv, int m, int j, int i,
                                   std::size_t k, const rv_watch& watch, bool armed, bool above) {
                                   if (armed && mv.watch_armed[k] && !mv.watch_above[k] && above) {
                                       QueuedEvent e;
                                       e.time = t;
                                       e.flag = mv.fields[watch.flag_field][i];
                                       e.weight = 0;
                                       e.mechanism = m;
                                       e.instance = j;
                                       e.netcon = -1;
                                       e.self = 1;
                                       ev.push(c, e);
                                   }
                                   mv.watch_armed[k] = armed;
                                   mv.watch_above[k] = above;
                                   return false;
                               });
    });
}

// Threshold detectors: as NEURON's NetCon in the fixed step, the spike is at the end of the
// step in which v reached the threshold.
template <class Exec> void Engine<Exec>::detect(std::size_t batch) {
    Batch& b = batches_[batch];
    const int lanes = b.lanes;
    const int* node = b.detector_node;
    const double* threshold = b.threshold;
    double* before = b.v_before;
    const double* v = b.v;
    const int* cells = b.cells;
    const detail::Spikes spikes = spike_sink();
    const double* globals = b.globals;
    exec_.each(lanes, RV_KERNEL(int l) {
        if (node[l] < 0)
            return;
        const double now = v[static_cast<std::size_t>(node[l]) * lanes + l];
        if (before[l] < threshold[l] && now >= threshold[l])
            spikes.add(cells[l], globals[RV_T]);
        before[l] = now;
    });
}

template <class Exec> void Engine<Exec>::sample() {
    const double slack = 0.5 * setup_.dt * (1 - 1e-9);
    for (SampleGroup& g : groups_)
        for (;;) {
            const double t = static_cast<double>(g.count) * g.interval;
            if (t > setup_.tstop * (1 + 1e-12) || t > t_ + slack)
                break;
            if (g.rows_used == g.rows_capacity)
                send_samples(g);
            const int members = static_cast<int>(g.members.size());
            const double** sources = g.sources;
            double* row = g.rows[g.current] + static_cast<std::size_t>(g.rows_used) * g.members.size();
            exec_.each(members, RV_KERNEL(int k) { row[k] = *sources[k]; });
            ++g.rows_used;
            ++g.count;
        }
}

// The filled rows start their way to the host, behind the kernels; the buffer before them
// lands first (its copy is done by now, or soon).
template <class Exec> void Engine<Exec>::send_samples(SampleGroup& g) {
    if (g.rows_used == 0)
        return;
    land_samples(g);
    exec_.copy_behind(g.host[g.current], g.rows[g.current],
                      static_cast<std::size_t>(g.rows_used) * g.members.size());
    g.copying = g.current;
    g.copying_rows = g.rows_used;
    g.current ^= 1;
    g.rows_used = 0;
}

template <class Exec> void Engine<Exec>::land_samples(SampleGroup& g) {
    if (g.copying < 0)
        return;
    exec_.wait_behind();
    const double* rows = g.host[g.copying];
    for (int r = 0; r < g.copying_rows; ++r)
        for (std::size_t k = 0; k < g.members.size(); ++k)
            sampled_[static_cast<std::size_t>(g.members[k])].push_back(
                rows[static_cast<std::size_t>(r) * g.members.size() + k]);
    g.copying = -1;
}

template <class Exec> void Engine<Exec>::take_samples(std::vector<std::vector<double>>& values) {
    values.resize(sampled_.size());
    for (std::size_t k = 0; k < sampled_.size(); ++k) {
        values[k].insert(values[k].end(), sampled_[k].begin(), sampled_[k].end());
        sampled_[k].clear();
    }
}

template <class Exec> std::vector<LocalSpike> Engine<Exec>::take_spikes() {
    std::vector<LocalSpike> out;
    out.swap(spikes_);
    return out;
}

template <class Exec> double Engine<Exec>::events() const {
    std::vector<double> moved(setup_.cells.size());
    exec_.download(moved.data(), events_.events_moved, moved.size());
    double sum = 0;
    for (double m : moved)
        sum += m;
    return sum;
}

// Spikes that reached this rank become network events in their targets' heaps: each
// connection is one thread; a first pass counts each cell's new events (the heaps grow when
// they must), a second places them, and each cell then restores its heap's order.
template <class Exec> void Engine<Exec>::deliver(const std::vector<Incoming>& spikes) {
    if (spikes.empty())
        return;
    std::vector<unsigned long long> offset(spikes.size() + 1, 0);
    std::vector<double> time(spikes.size());
    std::vector<long long> source(spikes.size());
    std::vector<unsigned long long> begin(spikes.size());
    for (std::size_t k = 0; k < spikes.size(); ++k) {
        offset[k + 1] = offset[k] + (spikes[k].end - spikes[k].begin);
        time[k] = spikes[k].time;
        source[k] = spikes[k].source;
        begin[k] = spikes[k].begin;
    }
    const unsigned long long total = offset.back();
    if (total == 0)
        return;
    if (total > static_cast<unsigned long long>(INT_MAX))
        throw std::runtime_error("too many incoming connections at once for one launch");
    const int work = static_cast<int>(total);
    const int count = static_cast<int>(spikes.size());
    // The spikes' buffers on the device stay from call to call, grown when too small.
    if (offset.size() > incoming_capacity_) {
        const std::size_t old = incoming_capacity_, now = std::max(offset.size(), 2 * old);
        auto renew = [&](auto*& p) {
            using T = std::remove_reference_t<decltype(*p)>;
            if (p)
                release(p, old * sizeof(T));
            p = allocate<T>(now);
        };
        renew(incoming_.offset);
        renew(incoming_.time);
        renew(incoming_.source);
        renew(incoming_.begin);
        incoming_capacity_ = now;
    }
    unsigned long long* d_offset = incoming_.offset;
    double* d_time = incoming_.time;
    long long* d_source = incoming_.source;
    unsigned long long* d_begin = incoming_.begin;
    exec_.upload(d_offset, offset.data(), offset.size());
    exec_.upload(d_time, time.data(), time.size());
    exec_.upload(d_source, source.data(), source.size());
    exec_.upload(d_begin, begin.data(), begin.size());
    const std::uint32_t* cell_kind = target_cell_kind_;
    const float* delay = target_delay_;
    const std::uint32_t* payload = target_payload_;
    const double tstop = setup_.tstop;
    detail::Events ev = events_;
    exec_.each(work, RV_KERNEL(int w) {
        const int k = detail::spike_of(d_offset, count, w);
        const unsigned long long t = d_begin[k] + (static_cast<unsigned long long>(w) - d_offset[k]);
        const double at = d_time[k] + static_cast<double>(delay[t]);
        if (at > tstop)
            return;
        atomic_add(&ev.incoming[cell_kind[t] & 0xFFFFFFu], 1);
    });
    detail::Status* status = status_;
    exec_.each(1, RV_KERNEL(int) { status->pending_need = 0; });
    exec_.each(cells_, RV_KERNEL(int c) { atomic_max(&status->pending_need, ev.pending_size[c] + ev.incoming[c]); });
    const detail::Status s = this->status();
    if (s.pending_need > events_.pending_capacity) {
        const int capacity = std::max(2 * events_.pending_capacity, s.pending_need);
        events_.pending = grow(events_.pending, events_.pending_size, events_.pending_capacity, capacity);
        events_.pending_capacity = capacity;
        ev = events_;
    }
    exec_.each(work, RV_KERNEL(int w) {
        const int k = detail::spike_of(d_offset, count, w);
        const unsigned long long t = d_begin[k] + (static_cast<unsigned long long>(w) - d_offset[k]);
        const double at = d_time[k] + static_cast<double>(delay[t]);
        if (at > tstop)
            return;
        const int c = static_cast<int>(cell_kind[t] & 0xFFFFFFu);
        const int slot = atomic_add(&ev.fill[c], 1);
        PendingEvent p;
        p.time = at;
        p.source = d_source[k];
        p.kind = cell_kind[t] >> 24;
        p.payload = payload[t];
        ev.pending[static_cast<std::size_t>(c) * ev.pending_capacity + ev.pending_size[c] + slot] = p;
    });
    exec_.each(cells_, RV_KERNEL(int c) {
        PendingEvent* heap = ev.pending + static_cast<std::size_t>(c) * ev.pending_capacity;
        const int n = ev.pending_size[c], added = ev.incoming[c];
        for (int j = 0; j < added; ++j)
            detail::sift_up(heap, n + j);
        ev.pending_size[c] = n + added;
        ev.incoming[c] = 0;
        ev.fill[c] = 0;
    });
}

template <class Exec>
template <class T>
T* Engine<Exec>::grow(T* from, const int* size, int old, int capacity) {
    const std::size_t cells = static_cast<std::size_t>(cells_);
    T* next = allocate<T>(cells * static_cast<std::size_t>(capacity));
    exec_.each(cells_, RV_KERNEL(int c) {
        for (int k = 0; k < size[c]; ++k)
            next[static_cast<std::size_t>(c) * capacity + k] = from[static_cast<std::size_t>(c) * old + k];
    });
    release(from, cells * static_cast<std::size_t>(old) * sizeof(T));
    return next;
}

} // namespace ranvier::device

#include "ranvier/device/engine_bdf.h"
