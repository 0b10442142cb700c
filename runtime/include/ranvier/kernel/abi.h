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
 *   jacobian    the structural non-zeros of df/d(states, v), in the order of `jacobian`;
 *   currents    each membrane current and its exact d(i)/d(v);
 *   step        the per-step updates of STATEs that a SOLVEd PROCEDURE integrates by hand.
 * A null entry point means the mechanism has nothing to do there.
 */
#ifndef RANVIER_KERNEL_ABI_H
#define RANVIER_KERNEL_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

#define RV_ABI_VERSION 1

/* Indices into rv_instances::globals. */
enum rv_global { RV_T = 0, RV_DT = 1, RV_CELSIUS = 2, RV_SECONDORDER = 3, RV_GLOBAL_COUNT = 4 };

typedef struct rv_instances {
    int count;              /* instances in this group */
    double* const* fields;  /* fields[k][i]: field k of instance i */
    const double* globals;  /* rv_global */
    const int* node;        /* node[i]: the compartment of instance i */
    const double* voltage;  /* voltage[node]: membrane potential, mV */
} rv_instances;

enum rv_field_role {
    RV_PARAMETER, RV_ASSIGNED, RV_STATE, RV_ION_READ, RV_DERIVATIVE, RV_JACOBIAN, RV_CURRENT,
    RV_CONDUCTANCE
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
    const char* name;  /* ina, i, ... */
    const char* ion;   /* "na", or 0 for a nonspecific or electrode current */
    int electrode;     /* ELECTRODE_CURRENT: enters the membrane with the opposite sign */
    int value_field;
    int conductance_field;
} rv_current;

enum rv_mechanism_kind { RV_DENSITY, RV_POINT_PROCESS, RV_ARTIFICIAL_CELL };

typedef void (*rv_kernel)(const rv_instances*);

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
} rv_mechanism;

#ifdef __cplusplus
}
#endif

#endif
