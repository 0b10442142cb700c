// The ODE-system IR of one mechanism (pipeline stage 4): what a checked NMODL module means once
// its procedures and functions are inlined and its blocks are turned into expressions.
//   - states y with right-hand sides f(t, y) (DERIVATIVE and KINETIC blocks alike),
//   - the membrane currents the mechanism contributes, each with its exact d(i)/d(v),
//   - the INITIAL assignments, in order,
// all as expressions of one sym::Context. Free variables of those expressions are the
// mechanism's parameters, states, v, ion concentrations and reversal potentials, and NEURON's
// globals (t, dt, celsius, ...). Later stages read this; nothing here knows about code.
#pragma once

#include "support/source.h"
#include "sym/context.h"
#include "sym/print.h"

#include <optional>
#include <string>
#include <vector>

namespace ranvier::ode {

enum class MechanismKind { Density, PointProcess, ArtificialCell };

// What a declaration made a variable. Ion variables, v and NEURON's globals are free variables of
// the expressions without a declaration of their own.
enum class VariableRole { Parameter, Assigned, State, Constant };

struct Variable {
    std::string name;
    VariableRole role = VariableRole::Parameter;
    std::string unit; // as written; empty when none
    std::optional<double> default_value;
    int array_size = 0; // 0 for a scalar
    SourceRange declared;
    // A STATE's absolute-tolerance multiplier, `<tol>` in its declaration (NEURON's atolscale).
    std::optional<double> tolerance;
};

// y' = rhs for one state (an array element is its own state, named "c[2]").
struct StateEquation {
    std::string state;
    sym::Expr state_var;
    sym::Expr rhs;
    SourceRange source; // the equation or reaction that set it last
};

// A current into the membrane: a density current (mA/cm2), or a point current (nA).
struct Current {
    std::string name;               // ina, i, ...
    std::optional<std::string> ion; // na for ina; none for NONSPECIFIC_CURRENT / ELECTRODE_CURRENT
    bool electrode = false;         // ELECTRODE_CURRENT: enters with the opposite sign
    sym::Expr value;
    sym::Expr conductance; // d(value)/d(v), exact
    SourceRange source;
};

// name = value, in execution order (INITIAL, and the ASSIGNED values BREAKPOINT computes).
struct Assignment {
    std::string name;
    sym::Expr value;
    SourceRange source;
};

// A random variate drawn from the instance's own counter-based stream. Each draw site of a block
// is a free symbol of the block's expressions (`rv_draw0`, ...) of a standard distribution;
// parameters (normrand's mean and deviation, exprand's mean) are applied symbolically around it.
enum class Distribution { Uniform, Normal, Exponential };

struct Draw {
    sym::Expr symbol;
    Distribution distribution = Distribution::Uniform;
};

// An event a block emits: net_send(delay, flag) schedules a self-event at t + delay, net_event(t)
// a spike to the instance's targets, net_move(t) moves the pending self-event. `guard` is the
// conjunction of the IF conditions on the way to the call (1 when it always runs).
enum class EventKind { SelfEvent, Spike, Move };

struct Event {
    EventKind kind = EventKind::SelfEvent;
    sym::Expr guard;
    sym::Expr time; // absolute: t + delay for net_send
    sym::Expr flag; // net_send only
    SourceRange source;
};

// WATCH (condition) flag, as NET_RECEIVE arms it: `value` is positive exactly where the
// condition holds (lhs - rhs for a comparison), so that a root finder can locate the crossing.
// When NET_RECEIVE runs any WATCH statement, the watches it did not run are disarmed (NEURON).
struct Watch {
    sym::Expr guard; // the statement ran (under its IFs)
    sym::Expr value; // of the instance's variables when tested, not of the handler's values
    sym::Expr flag;  // evaluated when the WATCH runs
    SourceRange source;
};

// What one block does besides assigning fields: the events it emits and the variates it draws.
struct Effects {
    std::vector<Event> events;
    std::vector<Draw> draws;
};

// FOR_NETCONS (w, a, ...) { ... }: for every NetCon that targets the instance, the new values of
// the listed entries of its weight vector, as functions of their old values (the symbols
// `netcon.<name>`) and of the instance.
struct NetconLoop {
    sym::Expr guard;
    std::vector<std::string> formals;
    std::vector<Assignment> updates; // formal index as name ("1"), new value
    SourceRange source;
};

// NET_RECEIVE (w, a, ...): an event with weight vector w..., flag `flag`, at time t.
struct NetReceive {
    std::vector<std::string> formals;       // weight vector entries; free symbols `weight.<name>`
    std::vector<Assignment> updates;        // fields the handler writes, new values
    std::vector<Assignment> weight_updates; // formal index as name, new value
    std::vector<Watch> watches;
    std::vector<NetconLoop> netcon_loops;
    Effects effects;
    // Its INITIAL block, run once per NetCon at initialisation: new weight-vector entries.
    std::vector<Assignment> initial_weights;
    Effects initial_effects;
};

// SOLVE ... STEADYSTATE in INITIAL: the states where the right-hand sides vanish (each CONSERVE
// law in place of one of its states' equations), when `guard` holds. The kernel takes implicit
// Euler steps of 1e9 ms from the current values, one Newton iteration each, until they stop
// moving (NEURON's way): a scheme that conserves what the reactions conserve, so that a
// kinetic scheme written without CONSERVE still finds the steady state of its initial total.
struct SteadyState {
    std::vector<std::string> states;
    std::vector<sym::Expr> residuals;
    std::vector<bool> conserve; // residual k is a CONSERVE law (algebraic), not a rate
    sym::Expr guard;
    SourceRange source;
};

// A system linear in its states with coefficients free of them, y' = A y + b (LIF-type point
// neurons): `a` is A row-major (structural zeros are the constant 0), `b` the rest. Only for
// coupled systems, where cnexp's per-state update is not exact.
struct LinearSystem {
    std::vector<sym::Expr> a;
    std::vector<sym::Expr> b;
};

// SOLVE of a LINEAR or NONLINEAR block, where it stands: the unknowns u with residuals(u) = 0,
// found by Newton's method from `guesses` (their values before the SOLVE; one exact step for a
// LINEAR block). After the SOLVE, unknown k is the free symbol `@alg<K>.<k>` (K: the system's
// index in Mechanism::algebraic), which the kernels define by running the solve first. Its
// derivative d(u_k)/d(x) is the symbol `@dalg<K>.<k>/<x>`: by the implicit function theorem
// (dF/du) du/dx = -dF/dx, solved after Newton converges (see derivative.h).
struct AlgebraicSystem {
    std::string block;
    bool linear = false;               // LINEAR: the residuals are affine in the unknowns
    std::vector<std::string> unknowns; // STATE names ("c[2]" for an element)
    std::vector<sym::Expr> symbols;    // @alg<K>.<k>
    std::vector<sym::Expr> guesses;    // of the values before the SOLVE
    std::vector<sym::Expr> residuals;  // lhs - rhs of each '~' equation, of the symbols
    SourceRange source;                // the SOLVE statement
    int order = 0;                     // among solves and loops, in the order they ran
};

// WHILE (condition) { body } whose trip count is known only at run time: a loop in the kernel.
// The names the body writes are carried from trip to trip: inside the loop, carried name k is
// the free symbol `@loop<K>.<k>` (its value at the start of the trip), `condition` and `next`
// are expressions of those symbols; after the loop the same symbol is the final value. A loop
// that runs more than kMaxWhileTrips times leaves NaN (the runtime reports it).
struct WhileLoop {
    std::vector<std::string> carried;
    std::vector<sym::Expr> symbols; // @loop<K>.<k>
    std::vector<sym::Expr> initial; // before the first trip
    std::vector<sym::Expr> next;    // after one trip
    sym::Expr condition;
    sym::Expr guard; // the IFs around the loop: it runs only where they hold
    SourceRange source;
    int order = 0;
};

// A table that Lookup(k, x) nodes read, linear between its points and constant beyond them.
// A FUNCTION_TABLE's points come from the runtime (NEURON fills them from hoc with
// table_<name>); `value` is then null. With tables on (`--tables`, NEURON's default for fixed
// steps) a FUNCTION or PROCEDURE with TABLE is read from a table of `points` values over
// from..to of its argument: `value` is the tabled quantity as a function of the symbol
// @table<k> standing for the argument, computed by the make_tables kernel.
struct Table {
    std::string name; // the FUNCTION_TABLE, or <callable>.<tabled name>
    sym::Expr value;
    sym::Expr from, to;
    int points = 0;
    SourceRange source; // the TABLE statement
};

struct Mechanism {
    std::string name;
    MechanismKind kind = MechanismKind::Density;
    sym::Context ctx;
    std::vector<Variable> variables;
    std::vector<StateEquation> equations; // in state declaration order
    std::string method;                   // the SOLVE METHOD of the author ("" when none)
    std::vector<Current> currents;
    // What BREAKPOINT leaves behind besides the currents: ASSIGNED values (gna, ...), and the
    // STATEs a LINEAR or NONLINEAR block solved; compute_currents stores them.
    std::vector<Assignment> breakpoint_assigned;
    // STATEs that BREAKPOINT updates by hand (a SOLVEd PROCEDURE, NEURON's old style), as
    // functions of their values before the step and of dt: a per-step map, not an ODE.
    std::vector<Assignment> step_updates;
    // METHOD cnexp: for each state whose right-hand side is linear in itself, f = a + b y with b
    // free of y, the exact update over dt with everything else frozen,
    //     y + dt f / exprelr(b dt)   (= y + (1 - exp(b dt)) (-a/b - y), finite at b = 0).
    std::vector<Assignment> cnexp_updates;
    std::vector<Assignment> initial; // what INITIAL assigns, in order
    Effects initial_effects;         // net_send and random draws in INITIAL
    Effects step_effects;            // random draws of SOLVEd PROCEDUREs (noise)
    std::optional<NetReceive> net_receive;
    std::optional<SteadyState> steady_state; // run after initialize
    std::optional<LinearSystem> linear;      // exact propagator (propagate kernel)
    // at_time(te): (guard, te), times at which the equations jump, for integrators to stop at.
    std::vector<std::pair<sym::Expr, sym::Expr>> discontinuities;
    struct Ion {
        std::string name;
        double valence = 0;
        std::vector<std::string> read, write;
    };
    std::vector<Ion> ions;
    // POINTER variables: the runtime binds each to another variable (a voltage, a concentration,
    // another mechanism's field), copying it in before and, when written, back after each call.
    std::vector<std::string> pointers;
    // Table k of sym::Kind::Lookup nodes.
    std::vector<Table> tables;
    std::vector<AlgebraicSystem> algebraic; // every SOLVE of a LINEAR/NONLINEAR block met
    std::vector<WhileLoop> loops;           // every WHILE loop run at run time
    sym::NameMap hints; // value -> the source name it was assigned to, for readable temporaries
};

} // namespace ranvier::ode
