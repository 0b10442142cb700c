/* The C ABI between generated mechanism code and the runtime (pipeline stage 7 <-> runtime).
 *
 * The runtime owns memory. A mechanism's instances are stored as a structure of arrays: column k
 * of `fields` holds field k (a parameter, a state, an ASSIGNED value, an ion variable the
 * mechanism reads, a derivative or a Jacobian entry it writes) for every instance, so that the
 * C++ loop vectorises and the CUDA threads of a warp read consecutive addresses. Generated code
 * is a pure function of an instance's fields, NEURON's globals and the membrane potential of
 * the instance's compartment; it never allocates and keeps no state of its own.
 *
 * The descriptor (rv_mechanism) says which column is which and points at the entry points:
 *   initialize  INITIAL: fills states and ASSIGNED values;
 *   rhs         the right-hand side f: writes d(state)/dt of every ODE state;
 *   jacobian    the structural non-zeros of df/d(states, v), in the order of `jacobian`, and
 *               of d(current)/d(states);
 *   currents    each membrane current and its exact d(i)/d(v);
 *   step        the per-step updates of STATEs that a SOLVEd PROCEDURE integrates by hand;
 *   advance     METHOD cnexp's per-step update of the states (fixed-step integration);
 *   watch       the value of each WATCH condition (positive where it holds) and its flag;
 *   net_receive NET_RECEIVE, for a batch of events (rv_deliveries);
 *   net_receive_initial  NET_RECEIVE's INITIAL block, once per NetCon at initialisation;
 *   discontinuities  the times at which the right-hand side jumps (at_time), for the
 *               integrators to stop at.
 * A null entry point means the mechanism has nothing to do there.
 *
 * Events: initialize and net_receive append what they emit (net_send, net_event, net_move) to
 * rv_instances::events; each call emits at most max_events_* events, so the runtime can size the
 * buffer. Random numbers: a mechanism that draws them has a stream field (an id the runtime
 * assigns, unique per instance and independent of the partition) and a counter field (draws made
 * so far); see random.h.
 */
#ifndef RANVIER_KERNEL_ABI_H
#define RANVIER_KERNEL_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

#define RV_ABI_VERSION 9

/* Indices into rv_instances::globals. */
enum rv_global {
    RV_T = 0,
    RV_DT = 1,
    RV_CELSIUS = 2,
    RV_SECONDORDER = 3,
    RV_SEED = 4,
    RV_GLOBAL_COUNT = 5
};

enum rv_event_kind {
    RV_EVENT_SELF = 0,  /* net_send: deliver `flag` to the same instance at `time` */
    RV_EVENT_SPIKE = 1, /* net_event: the instance spikes at `time` */
    RV_EVENT_MOVE = 2   /* net_move: the pending self-event moves to `time` */
};

/* An append-only list of emitted events. `count` may pass `capacity`: the runtime then knows
 * events were lost (it sizes the buffer from max_events_*, so this does not happen). */
typedef struct rv_events {
    int capacity;
    int* count; /* incremented atomically on the device */
    int* kind;
    int* instance;
    double* time;
    double* flag;
    int* netcon; /* the NetCon whose event was being handled (a self-event carries it), or -1 */
    /* Optional, per instance: the earliest time of a self-event the instance emitted since the
     * runtime last set it to infinity (minus infinity for a net_move). Segments of deliveries
     * (rv_deliveries) stop on it. */
    double* emitted;
} rv_events;

/* A table's points: y[k] at x[k], x increasing; linear in between, constant beyond. The runtime
 * fills a FUNCTION_TABLE's; make_tables fills a TABLE's (rv_mechanism::table_points). */
typedef struct rv_table {
    int size;
    double* x;
    double* y;
} rv_table;

typedef struct rv_instances {
    int count;             /* instances in this group */
    double* const* fields; /* fields[k][i]: field k of instance i */
    const double* globals; /* rv_global */
    const int* node;       /* node[i]: the compartment of instance i */
    const double* voltage; /* voltage[node]: membrane potential, mV */
    rv_events* events;     /* where events go; 0 when the mechanism emits none */
    /* FOR_NETCONS: the NetCons that target instance i are netcon_begin[i] .. netcon_begin[i+1]-1;
     * NetCon n's weight vector is weights + n * weight_count. */
    const int* netcon_begin;
    double* weights;
    const rv_table* tables; /* the mechanism's tables, in rv_mechanism::table_names order */
    /* Cells at times of their own (the lane engine's variable steps): instance i reads t from
     * times[i % time_lanes]. Null: every instance reads globals[RV_T]. */
    const double* times;
    int time_lanes;
    /* CUDA: the stream (a cudaStream_t) the kernels are launched on; null: the default stream. */
    void* stream;
    /* The lane engine's variable steps: the per-instance kernels (not NET_RECEIVE's, nor the
     * tables') run instance i only where active[i % time_lanes] is nonzero, the cells that take
     * part in the present phase; the others keep their values. Null: every instance. */
    const int* active;
} rv_instances;

/* Events delivered to NET_RECEIVE. netcon[k] names the weight vector (weights +
 * netcon[k] * weight_count); -1 for a self-event scheduled from INITIAL, whose weights read as 0.
 * Without segments (segment_count null) the count deliveries reach distinct instances and are
 * independent. With segments there are `count` segments; segment s holds deliveries
 * s + j * segment_stride for j < segment_count[s], in time order, which may reach the same
 * instance (no instance is reached from two segments). A segment is handled in order and stops
 * before a delivery later than a self-event an earlier one emitted (rv_events::emitted): that
 * event comes first. segment_done[s] says how many were handled; the runtime queues the rest again. */
typedef struct rv_deliveries {
    int count;
    const int* instance;
    const double* time;
    const double* flag;
    const int* netcon;
    const int* segment_count;
    int segment_stride;
    int* segment_done;
} rv_deliveries;

enum rv_field_role {
    RV_PARAMETER,
    RV_ASSIGNED,
    RV_STATE,
    RV_ION_READ,
    RV_DERIVATIVE,
    RV_JACOBIAN,
    RV_CURRENT,
    RV_CONDUCTANCE,
    RV_WATCH,
    RV_STREAM,
    RV_COUNTER,
    RV_DISCONTINUITY, /* at_time(te): discontinuities() writes te, or -INFINITY when unguarded */
    RV_POINTER /* a POINTER: the runtime copies the bound variable in before each call, and back
                  after the calls that write it */
};

typedef struct rv_field {
    const char* name; /* as in the .mod file; "ca[2]" for an array element */
    int role;         /* rv_field_role */
    double initial;   /* the declared default (parameters), else 0 */
} rv_field;

/* d(rhs of state `row`)/d(state `column`); column -1 is the membrane potential v. */
typedef struct rv_jacobian_entry {
    int row;
    int column;
    int field; /* where jacobian() writes it */
} rv_jacobian_entry;

typedef struct rv_current {
    const char* name; /* ina, i, ... */
    const char* ion;  /* "na", or 0 for a nonspecific or electrode current */
    int electrode;    /* ELECTRODE_CURRENT: enters the membrane with the opposite sign */
    int value_field;
    int conductance_field;
} rv_current;

/* One WATCH: net_receive sets armed (0 or 1) and the flag; watch() writes the value of the
 * condition for the instance's current variables. The runtime delivers a self-event with the
 * flag when an armed watch's value becomes positive. */
typedef struct rv_watch {
    int armed_field;
    int value_field;
    int flag_field;
} rv_watch;

/* USEION: the fields of the ion variables the mechanism uses (-1 when unused). The currents it
 * writes are in rv_mechanism::currents; `writes_*` say which concentrations and reversal
 * potential the mechanism computes (the runtime then does not). */
typedef struct rv_ion {
    const char* name;
    double valence;
    int reversal_field; /* e<ion> */
    int inside_field;   /* <ion>i */
    int outside_field;  /* <ion>o */
    int current_field;  /* i<ion>, when read */
    int writes_inside;
    int writes_outside;
    int writes_reversal;
} rv_ion;

enum rv_mechanism_kind { RV_DENSITY, RV_POINT_PROCESS, RV_ARTIFICIAL_CELL };

typedef void (*rv_kernel)(const rv_instances*);
typedef void (*rv_event_kernel)(const rv_instances*, const rv_deliveries*);

typedef struct rv_mechanism {
    int abi_version;
    const char* name;
    int kind; /* rv_mechanism_kind */
    int field_count;
    const rv_field* fields;
    int state_count;
    const int* state_fields;      /* the ODE states, in order */
    const int* derivative_fields; /* where rhs() writes each state's derivative */
    int jacobian_count;
    const rv_jacobian_entry* jacobian_entries;
    int current_count;
    const rv_current* currents;
    rv_kernel initialize;
    rv_kernel rhs;
    rv_kernel jacobian;
    rv_kernel compute_currents;
    rv_kernel step;
    int ion_count;
    const rv_ion* ions;
    int weight_count; /* entries of NET_RECEIVE's weight vector */
    int watch_count;
    const rv_watch* watches;
    int stream_field;           /* -1 when the mechanism draws no random numbers */
    int counter_field;          /* -1 likewise */
    int max_events_initialize;  /* per instance */
    int max_events_net_receive; /* per delivery */
    rv_kernel watch;
    rv_event_kernel net_receive;
    rv_event_kernel net_receive_initial;
    rv_kernel discontinuities; /* the times of at_time(), into the RV_DISCONTINUITY fields */
    rv_kernel steady_state;    /* SOLVE STEADYSTATE in INITIAL: after initialize; NaN states if it
                                  does not converge */
    int table_count;
    const char* const* table_names; /* rv_instances::tables[k] is table_names[k]'s */
    rv_kernel advance;   /* METHOD cnexp: each state's exact update over dt (linear in itself, the
                            rest frozen), in statement order as NEURON runs it */
    rv_kernel propagate; /* a coupled linear system y' = A y + b: the exact step over dt */
    /* Tables of FUNCTIONs and PROCEDUREs with TABLE (compiled with tables on): table k has
     * table_points[k] points, which make_tables computes from the values of instance 0 (the
     * globals they DEPEND on), to be run again when those change; 0 for a FUNCTION_TABLE, whose
     * points the runtime provides. */
    const int* table_points;
    rv_kernel make_tables;
    /* d(current)/d(state), written by jacobian() with the rest: row is the index into
     * `currents`, column the state's index (as in state_fields). */
    int current_jacobian_count;
    const rv_jacobian_entry* current_jacobian_entries;
    /* Each state's absolute-tolerance multiplier, from `<tol>` in its STATE declaration (as
     * NEURON's atolscale): a variable-step integrator's absolute tolerance for the state is
     * atol times this. Null when every multiplier is 1. */
    const double* state_tolerances;
    /* 1 when a NetCon needs storage of its own: NET_RECEIVE writes its weight vector, or its
     * INITIAL sets it, or FOR_NETCONS walks the NetCons. 0 when each event's weight is only
     * read: a runtime may then pass a single weight with the event (weights points at it and
     * netcon is 0) instead of keeping a weight vector per NetCon. */
    int netcon_storage;
} rv_mechanism;

#ifdef __cplusplus
}
#endif

#endif
