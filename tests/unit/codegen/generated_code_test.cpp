// The generated kernels compute what the symbolic IR says: for every shipped mechanism that
// lowers, the emitted C++ is compiled into a shared library, loaded through its rv_mechanism
// descriptor and run on random instances; every output (derivatives, Jacobian entries, currents
// and conductances, initial values, step updates, NET_RECEIVE's field and weight updates, the
// events emitted with their guards, watches) must match sym::evaluate of the expression it was
// printed from; the unknowns of LINEAR/NONLINEAR blocks are solved independently (lower_util.h).
// Random variates are the instance's own stream, evaluated with random.h.
#include "codegen/kernels.h"
#include "ode/lower.h"
#include "ode/lower_util.h"
#include "ode/print.h"
#include "ranvier/kernel/abi.h"
#include "ranvier/kernel/random.h"
#include "sema/sema.h"
#include "sym/differentiate.h"
#include "sym/evaluate.h"
#include "syntax/test_util.h"

#include <cmath>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace ranvier {
namespace {

constexpr int kInstances = 16;

// Compiles the mechanism's C++ kernels and loads them; the library stays loaded for the test.
// Each library gets a file of its own: dlopen returns the library already loaded from a path, so
// two mechanisms of one name (three corpus files define Ih) must not share one.
const rv_mechanism* build_and_load(ode::Mechanism& mech, const std::filesystem::path& dir) {
    static int built = 0;
    const std::string stem = std::to_string(built++) + "_" + mech.name;
    std::filesystem::path source = dir / (stem + ".cpp");
    std::filesystem::path library = dir / (stem + ".so");
    {
        std::ofstream out(source);
        codegen::print_kernels(out, mech, mech.name + ".mod", codegen::Target::Cpp);
    }
    std::string command = std::string(RANVIER_CXX) +
                          " -std=c++20 -O1 -shared -fPIC -I" RANVIER_SOURCE_DIR
                          "/runtime/include " +
                          source.string() + " -o " + library.string();
    if (std::system(command.c_str()) != 0)
        return nullptr;
    void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return nullptr;
    return static_cast<const rv_mechanism*>(dlsym(handle, ("rv_mechanism_" + mech.name).c_str()));
}

struct Instances {
    std::vector<std::vector<double>> columns;
    std::vector<double*> pointers;
    std::vector<int> node;
    std::vector<double> voltage;
    std::vector<double> globals = std::vector<double>(RV_GLOBAL_COUNT);
    std::vector<double> weights;
    std::vector<int> netcon_begin;
    // Every FUNCTION_TABLE: y = 2x on [-100, 100] (the symbolic reference has no table values,
    // so their outputs are only checked to compile and run).
    std::vector<double> table_x = {-100, 100}, table_y = {-200, 200};
    std::vector<std::vector<double>> table_storage; // x then y of each TABLE's points
    std::vector<rv_table> tables;
    // The event buffer.
    int count = 0;
    std::vector<int> kind, instance, netcon;
    std::vector<double> time, flag;
    rv_events events{};
    rv_instances view{};
};

// One delivery per instance: instance i gets flag flags[i] through NetCon i.
struct Deliveries {
    std::vector<int> instance, netcon;
    std::vector<double> time, flag;
    rv_deliveries view{};
};

void fill(Instances& in, const rv_mechanism& mech, std::mt19937& rng) {
    auto uniform = [&](double lo, double hi) {
        return std::uniform_real_distribution<double>(lo, hi)(rng);
    };
    in.columns.assign(static_cast<std::size_t>(mech.field_count), std::vector<double>(kInstances));
    for (int k = 0; k < mech.field_count; ++k) {
        const rv_field& f = mech.fields[k];
        for (double& x : in.columns[static_cast<std::size_t>(k)]) {
            if (f.role == RV_PARAMETER && f.initial != 0)
                x = f.initial * uniform(0.8, 1.2);
            else if (f.name[0] == 'e' && f.role == RV_ION_READ)
                x = uniform(-90, 60);
            else
                x = uniform(0.05, 0.95);
        }
    }
    for (auto& column : in.columns)
        in.pointers.push_back(column.data());
    for (int i = 0; i < kInstances; ++i) {
        in.node.push_back(i);
        in.voltage.push_back(uniform(-80, 40));
    }
    in.globals = {uniform(0, 100), 0.025, uniform(6, 37), 0, 12345};
    for (int k = 0; k < mech.field_count; ++k) {
        if (mech.fields[k].role == RV_STREAM)
            for (int i = 0; i < kInstances; ++i)
                in.columns[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)] = 1000 + i;
        if (mech.fields[k].role == RV_COUNTER)
            for (int i = 0; i < kInstances; ++i)
                in.columns[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)] = 3 * i;
    }
    // Instance i has NetCons 2i and 2i + 1; FOR_NETCONS visits both.
    in.weights.resize(static_cast<std::size_t>(2 * kInstances * std::max(1, mech.weight_count)));
    for (double& w : in.weights)
        w = uniform(-1, 1);
    for (int i = 0; i <= kInstances; ++i)
        in.netcon_begin.push_back(2 * i);
    const int capacity = 8 * kInstances;
    in.kind.resize(capacity);
    in.instance.resize(capacity);
    in.netcon.resize(capacity);
    in.time.resize(capacity);
    in.flag.resize(capacity);
    in.events = {capacity,       &in.count,      in.kind.data(),   in.instance.data(),
                 in.time.data(), in.flag.data(), in.netcon.data(), nullptr};
    in.table_storage.reserve(2 * static_cast<std::size_t>(mech.table_count));
    for (int k = 0; k < std::max(1, mech.table_count); ++k) {
        int points = k < mech.table_count && mech.table_points ? mech.table_points[k] : 0;
        if (points == 0) {
            in.tables.push_back({2, in.table_x.data(), in.table_y.data()});
            continue;
        }
        in.table_storage.emplace_back(static_cast<std::size_t>(points));
        in.table_storage.emplace_back(static_cast<std::size_t>(points));
        in.tables.push_back({points, in.table_storage[in.table_storage.size() - 2].data(),
                             in.table_storage.back().data()});
    }
    in.view = {kInstances,        in.pointers.data(), in.globals.data(),      in.node.data(),
               in.voltage.data(), &in.events,         in.netcon_begin.data(), in.weights.data(),
               in.tables.data(),  nullptr,            0,                      nullptr,
               nullptr};
}

// The values of the IR's variables for instance i, as sym::evaluate wants them.
// In a delivery, t is the event's time, flag its flag and @weightK entry K of its NetCon's
// weight vector; @drawK is draw K of the instance's stream, counted from the counter's value.
struct Event {
    const Deliveries* deliveries = nullptr;
    const std::vector<ode::Draw>* draws = nullptr;
};

std::vector<double> variables(ode::Mechanism& mech, const rv_mechanism& desc, const Instances& in,
                              int i, Event event = {}) {
    std::vector<double> values(mech.ctx.variable_count());
    const auto at = [](int k) { return static_cast<std::size_t>(k); };
    for (std::uint32_t id = 0; id < values.size(); ++id) {
        std::string name(mech.ctx.variable_by_id(id).name());
        const Deliveries* ev = event.deliveries;
        if (name == "t" && ev)
            values[id] = ev->time[at(i)];
        else if (name == "@flag" && ev)
            values[id] = ev->flag[at(i)];
        else if (name.starts_with("@weight") && ev)
            values[id] =
                in.weights[at(ev->netcon[at(i)] * desc.weight_count + std::stoi(name.substr(7)))];
        else if (name.starts_with("@draw") && event.draws) {
            std::size_t k = std::stoul(name.substr(5));
            if (k >= event.draws->size())
                continue;
            double seed = in.globals[RV_SEED];
            double stream = in.columns[at(desc.stream_field)][at(i)];
            double index = in.columns[at(desc.counter_field)][at(i)] + static_cast<double>(k);
            switch ((*event.draws)[k].distribution) {
            case ode::Distribution::Uniform:
                values[id] = kernel::random_uniform(seed, stream, index);
                break;
            case ode::Distribution::Normal:
                values[id] = kernel::random_normal(seed, stream, index);
                break;
            case ode::Distribution::Exponential:
                values[id] = kernel::random_exponential(seed, stream, index);
                break;
            }
        } else if (name == "v")
            values[id] = in.voltage[static_cast<std::size_t>(i)];
        else if (name == "t")
            values[id] = in.globals[RV_T];
        else if (name == "dt")
            values[id] = in.globals[RV_DT];
        else if (name == "celsius")
            values[id] = in.globals[RV_CELSIUS];
        else if (name == "secondorder")
            values[id] = in.globals[RV_SECONDORDER];
        else {
            for (int k = 0; k < desc.field_count; ++k)
                if (name == desc.fields[k].name)
                    values[id] =
                        in.columns[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
        }
    }
    test::solve_algebraic(mech, values);
    return values;
}

int field_index(const rv_mechanism& desc, const std::string& name) {
    for (int k = 0; k < desc.field_count; ++k)
        if (name == desc.fields[k].name)
            return k;
    return -1;
}

void expect_same(double generated, double reference, const std::string& what) {
    if (std::isnan(reference) || generated == reference) // NaN: a table; equal: also infinities
        return;
    EXPECT_LE(std::fabs(generated - reference), 1e-12 * std::max(1.0, std::fabs(reference)))
        << what << ": generated " << generated << ", reference " << reference;
}

// The events emitted since `first`, instance by instance in order, are exactly those whose guard
// holds, with the expected time and flag.
void expect_events(const ode::Mechanism& mech, const std::vector<ode::Event>& expected,
                   const Instances& in, int first, const std::vector<std::vector<double>>& inputs) {
    int k = first;
    for (int i = 0; i < kInstances; ++i) {
        const std::vector<double>& x = inputs[static_cast<std::size_t>(i)];
        for (const ode::Event& e : expected) {
            if (sym::evaluate(e.guard, x) == 0.0)
                continue;
            ASSERT_LT(k, in.count) << mech.name << ": an event is missing";
            const std::size_t at = static_cast<std::size_t>(k++);
            EXPECT_EQ(in.instance[at], i) << mech.name;
            EXPECT_EQ(in.kind[at], static_cast<int>(e.kind)) << mech.name;
            expect_same(in.time[at], sym::evaluate(e.time, x), mech.name + " event time");
            expect_same(in.flag[at], sym::evaluate(e.flag, x), mech.name + " event flag");
        }
    }
    EXPECT_EQ(k, in.count) << mech.name << ": unexpected events";
}

std::vector<std::vector<double>> all_variables(ode::Mechanism& mech, const rv_mechanism& desc,
                                               const Instances& in, Event event = {}) {
    std::vector<std::vector<double>> inputs;
    for (int i = 0; i < kInstances; ++i)
        inputs.push_back(variables(mech, desc, in, i, event));
    return inputs;
}

void expect_fields(ode::Mechanism& mech, const rv_mechanism& desc, const Instances& in,
                   const std::vector<ode::Assignment>& assignments,
                   const std::vector<std::vector<double>>& inputs, const std::string& what) {
    for (int i = 0; i < kInstances; ++i) {
        for (const ode::Assignment& a : assignments) {
            int field = field_index(desc, a.name);
            if (field < 0)
                continue; // v or a global: a block-local copy in NEURON
            expect_same(in.columns[static_cast<std::size_t>(field)][static_cast<std::size_t>(i)],
                        sym::evaluate(a.value, inputs[static_cast<std::size_t>(i)]),
                        mech.name + " " + what + " " + a.name);
        }
    }
}

void check_initialize(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in) {
    if (!desc.initialize)
        return;
    auto inputs = all_variables(mech, desc, in, {nullptr, &mech.initial_effects.draws});
    in.count = 0;
    desc.initialize(&in.view);
    expect_fields(mech, desc, in, mech.initial, inputs, "INITIAL");
    expect_events(mech, mech.initial_effects.events, in, 0, inputs);
    EXPECT_LE(in.count, desc.max_events_initialize * kInstances);
}

// After steady_state, every residual vanishes (relative to the size of its terms, |J| |y|), or
// the states are NaN when Newton did not converge from the random start (then nothing to check).
void check_steady_state(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in) {
    if (!mech.steady_state)
        return;
    ASSERT_NE(desc.steady_state, nullptr);
    desc.steady_state(&in.view);
    const ode::SteadyState& ss = *mech.steady_state;
    int solved = 0;
    for (int i = 0; i < kInstances; ++i) {
        std::vector<double> x = variables(mech, desc, in, i);
        if (sym::evaluate(ss.guard, x) == 0.0 ||
            std::isnan(x[mech.ctx.variable(ss.states[0]).var_id()]))
            continue;
        ++solved;
        for (std::size_t r = 0; r < ss.states.size(); ++r) {
            double scale = 0.0;
            for (const std::string& s : ss.states) {
                sym::Expr y = mech.ctx.variable(s);
                scale += std::fabs(sym::evaluate(sym::diff(mech.ctx, ss.residuals[r], y), x) *
                                   x[y.var_id()]);
            }
            double residual = sym::evaluate(ss.residuals[r], x);
            if (std::isnan(residual))
                continue; // depends on a FUNCTION_TABLE, which has no symbolic value
            EXPECT_LE(std::fabs(residual), 1e-8 * scale + 1e-12)
                << mech.name << " steady-state residual of " << ss.states[r];
        }
    }
    EXPECT_GT(solved, 0) << mech.name << ": Newton never converged";
}

void check_advance(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in) {
    if (!desc.advance)
        return;
    auto inputs = all_variables(mech, desc, in);
    desc.advance(&in.view);
    expect_fields(mech, desc, in, mech.cnexp_updates, inputs, "cnexp");
}

// The exact propagator against RK4 on the right-hand sides with 4000 steps over dt (error
// ~ (dt/4000)^4 relative): the same states, to 1e-9.
void check_propagate(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in) {
    if (!mech.linear)
        return;
    ASSERT_NE(desc.propagate, nullptr);
    std::vector<std::vector<double>> start = all_variables(mech, desc, in);
    desc.propagate(&in.view);
    const double dt = in.globals[RV_DT] * 40; // a long step: the propagator is exact for any
    in.globals[RV_DT] = dt;
    desc.propagate(&in.view); // the second call, from the first's result, over the long step
    in.globals[RV_DT] = dt / 40;
    for (int i = 0; i < kInstances; ++i) {
        std::vector<double> x = start[static_cast<std::size_t>(i)];
        auto f = [&](const std::vector<double>& at) {
            std::vector<double> d;
            for (const ode::StateEquation& eq : mech.equations)
                d.push_back(sym::evaluate(eq.rhs, at));
            return d;
        };
        auto rk4 = [&](double total) {
            const int steps = 4000;
            const double h = total / steps;
            for (int s = 0; s < steps; ++s) {
                std::vector<double> y0 = x, k1 = f(x), tmp = x;
                auto shifted = [&](const std::vector<double>& k, double c) {
                    tmp = y0;
                    for (std::size_t e = 0; e < k.size(); ++e)
                        tmp[mech.equations[e].state_var.var_id()] += c * h * k[e];
                    return f(tmp);
                };
                std::vector<double> k2 = shifted(k1, 0.5), k3 = shifted(k2, 0.5),
                                    k4 = shifted(k3, 1.0);
                for (std::size_t e = 0; e < k1.size(); ++e)
                    x[mech.equations[e].state_var.var_id()] +=
                        h / 6 * (k1[e] + 2 * k2[e] + 2 * k3[e] + k4[e]);
            }
        };
        // The equations may read dt itself (NEURON's hand-written pulse timers): as the kernel saw.
        const std::uint32_t dt_id = mech.ctx.variable("dt").var_id();
        x.resize(std::max<std::size_t>(x.size(), dt_id + 1));
        x[dt_id] = dt / 40;
        rk4(dt / 40);
        x[dt_id] = dt;
        rk4(dt);
        for (const ode::StateEquation& eq : mech.equations) {
            double got = in.columns[static_cast<std::size_t>(field_index(desc, eq.state))]
                                   [static_cast<std::size_t>(i)];
            double want = x[eq.state_var.var_id()];
            if (std::isnan(want))
                continue; // a state a failed steady-state solve left NaN
            EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::fabs(want)))
                << mech.name << " propagate " << eq.state;
        }
    }
}

void check_step(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in) {
    if (!desc.step)
        return;
    auto inputs = all_variables(mech, desc, in, {nullptr, &mech.step_effects.draws});
    desc.step(&in.view);
    expect_fields(mech, desc, in, mech.step_updates, inputs, "step");
}

// One event per instance, with flags 0 to 3 (the usual NET_RECEIVE branches), through NetCon 2i.
void check_net_receive(ode::Mechanism& mech, const rv_mechanism& desc, Instances& in,
                       std::mt19937& rng) {
    if (!mech.net_receive || !desc.net_receive)
        return;
    const ode::NetReceive& nr = *mech.net_receive;
    Deliveries ev;
    for (int i = 0; i < kInstances; ++i) {
        ev.instance.push_back(i);
        ev.netcon.push_back(2 * i);
        ev.time.push_back(std::uniform_real_distribution<double>(0, 100)(rng));
        ev.flag.push_back(i % 4);
    }
    ev.view = {kInstances, ev.instance.data(), ev.time.data(), ev.flag.data(), ev.netcon.data(),
               nullptr,    0,                  nullptr};
    auto inputs = all_variables(mech, desc, in, {&ev, &nr.effects.draws});
    std::vector<double> weights_before = in.weights;
    std::vector<std::vector<double>> armed_before;
    for (int w = 0; w < desc.watch_count; ++w)
        armed_before.push_back(in.columns[static_cast<std::size_t>(desc.watches[w].armed_field)]);
    in.count = 0;
    desc.net_receive(&in.view, &ev.view);
    expect_fields(mech, desc, in, nr.updates, inputs, "NET_RECEIVE");
    expect_events(mech, nr.effects.events, in, 0, inputs);
    for (int i = 0; i < kInstances; ++i) {
        const std::vector<double>& x = inputs[static_cast<std::size_t>(i)];
        for (const ode::Assignment& a : nr.weight_updates)
            expect_same(
                in.weights[static_cast<std::size_t>(2 * i * desc.weight_count + std::stoi(a.name))],
                sym::evaluate(a.value, x), mech.name + " weight " + a.name);
        // A WATCH that ran is armed; if any ran, the others are disarmed.
        bool any = false;
        for (const ode::Watch& w : nr.watches)
            any = any || sym::evaluate(w.guard, x) != 0.0;
        for (int w = 0; w < desc.watch_count; ++w) {
            double armed = in.columns[static_cast<std::size_t>(desc.watches[w].armed_field)]
                                     [static_cast<std::size_t>(i)];
            double expected =
                any ? (sym::evaluate(nr.watches[static_cast<std::size_t>(w)].guard, x) != 0.0)
                    : armed_before[static_cast<std::size_t>(w)][static_cast<std::size_t>(i)];
            EXPECT_EQ(armed, expected) << mech.name << " watch " << w;
            const ode::Watch& watch = nr.watches[static_cast<std::size_t>(w)];
            if (sym::evaluate(watch.guard, x) != 0.0)
                expect_same(in.columns[static_cast<std::size_t>(desc.watches[w].flag_field)]
                                      [static_cast<std::size_t>(i)],
                            sym::evaluate(watch.flag, x), mech.name + " watch flag");
        }
    }
    if (desc.watch) {
        auto now = all_variables(mech, desc, in);
        desc.watch(&in.view);
        for (int i = 0; i < kInstances; ++i)
            for (int w = 0; w < desc.watch_count; ++w) {
                const ode::Watch& watch = nr.watches[static_cast<std::size_t>(w)];
                auto value = [&](int field) {
                    return in.columns[static_cast<std::size_t>(field)][static_cast<std::size_t>(i)];
                };
                expect_same(value(desc.watches[w].value_field),
                            sym::evaluate(watch.value, now[static_cast<std::size_t>(i)]),
                            mech.name + " watch value");
            }
    }
}

TEST(GeneratedCode, MatchesTheSymbolicReference) {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ranvier_codegen_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::mt19937 rng(7);
    int checked = 0;
    for (const std::filesystem::path& path : test::shipped_models()) {
        std::string error;
        std::unique_ptr<ode::Mechanism> mech = test::lower_file(path, error);
        if (!mech)
            continue;
        const rv_mechanism* desc = build_and_load(*mech, dir);
        ASSERT_NE(desc, nullptr) << "could not build the kernels of " << path;
        Instances in;
        fill(in, *desc, rng);
        std::vector<std::vector<double>> reference_inputs;
        for (int i = 0; i < kInstances; ++i)
            reference_inputs.push_back(variables(*mech, *desc, in, i));
        for (rv_kernel kernel : {desc->rhs, desc->jacobian, desc->compute_currents})
            if (kernel)
                kernel(&in.view);
        std::vector<ode::JacobianEntry> entries = ode::jacobian(*mech);
        for (int i = 0; i < kInstances; ++i) {
            const std::vector<double>& x = reference_inputs[static_cast<std::size_t>(i)];
            auto out = [&](int field) {
                return in.columns[static_cast<std::size_t>(field)][static_cast<std::size_t>(i)];
            };
            for (int s = 0; s < desc->state_count; ++s)
                expect_same(out(desc->derivative_fields[s]),
                            sym::evaluate(mech->equations[static_cast<std::size_t>(s)].rhs, x),
                            mech->name + " " + mech->equations[static_cast<std::size_t>(s)].state +
                                "'");
            for (int e = 0; e < desc->jacobian_count; ++e)
                expect_same(out(desc->jacobian_entries[e].field),
                            sym::evaluate(entries[static_cast<std::size_t>(e)].value, x),
                            mech->name + " Jacobian entry " + std::to_string(e));
            std::vector<ode::CurrentJacobianEntry> coupling = ode::current_jacobian(*mech);
            ASSERT_EQ(static_cast<std::size_t>(desc->current_jacobian_count), coupling.size());
            for (int e = 0; e < desc->current_jacobian_count; ++e)
                expect_same(out(desc->current_jacobian_entries[e].field),
                            sym::evaluate(coupling[static_cast<std::size_t>(e)].value, x),
                            mech->name + " current Jacobian entry " + std::to_string(e));
            for (int c = 0; c < desc->current_count; ++c) {
                const ode::Current& current = mech->currents[static_cast<std::size_t>(c)];
                expect_same(out(desc->currents[c].value_field), sym::evaluate(current.value, x),
                            mech->name + " " + current.name);
                expect_same(out(desc->currents[c].conductance_field),
                            sym::evaluate(current.conductance, x),
                            mech->name + " d" + current.name + "/dv");
            }
        }
        expect_fields(*mech, *desc, in, mech->breakpoint_assigned, reference_inputs, "BREAKPOINT");
        if (desc->discontinuities) {
            auto inputs = all_variables(*mech, *desc, in);
            desc->discontinuities(&in.view);
            for (std::size_t d = 0; d < mech->discontinuities.size(); ++d) {
                int field = field_index(*desc, "@at_time" + std::to_string(d));
                ASSERT_GE(field, 0);
                for (int i = 0; i < kInstances; ++i) {
                    const auto& x = inputs[static_cast<std::size_t>(i)];
                    double expected = sym::evaluate(mech->discontinuities[d].first, x) != 0.0
                                          ? sym::evaluate(mech->discontinuities[d].second, x)
                                          : -INFINITY;
                    EXPECT_EQ(
                        in.columns[static_cast<std::size_t>(field)][static_cast<std::size_t>(i)],
                        expected)
                        << mech->name << " at_time " << d;
                }
            }
        }
        check_initialize(*mech, *desc, in);
        check_steady_state(*mech, *desc, in);
        check_step(*mech, *desc, in);
        check_advance(*mech, *desc, in);
        check_propagate(*mech, *desc, in);
        check_net_receive(*mech, *desc, in, rng);
        ++checked;
    }
    std::filesystem::remove_all(dir);
    EXPECT_GE(checked, 18);
}

// With tables on (--tables), make_tables fills every TABLE with the exact values of what it
// tabulates on its grid, and the kernels read them: at a grid point a right-hand side read from
// the tables is the exact one (for our own models; see below).
TEST(GeneratedCode, TablesHoldTheExactValues) {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("ranvier_tables_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::mt19937 rng(11);
    int checked = 0;
    for (const std::filesystem::path& path : test::shipped_models()) {
        std::string error;
        std::unique_ptr<ode::Mechanism> tabled = test::lower_file(path, error, {true});
        std::unique_ptr<ode::Mechanism> exact = test::lower_file(path, error);
        if (!tabled || !exact ||
            std::none_of(tabled->tables.begin(), tabled->tables.end(),
                         [](const ode::Table& t) { return !t.value.is_null(); }))
            continue;
        const rv_mechanism* desc = build_and_load(*tabled, dir);
        ASSERT_NE(desc, nullptr) << "could not build the kernels of " << path;
        ASSERT_NE(desc->make_tables, nullptr) << path;
        Instances in;
        fill(in, *desc, rng);
        // What a table depends on is global in NEURON: the same in every instance.
        for (const ode::Table& t : tabled->tables) {
            for (int f = 0; f < desc->field_count && !t.value.is_null(); ++f) {
                sym::Expr field = tabled->ctx.variable(desc->fields[f].name);
                if (!sym::depends_on(t.value, field) && !sym::depends_on(t.from, field) &&
                    !sym::depends_on(t.to, field))
                    continue;
                std::vector<double>& column = in.columns[static_cast<std::size_t>(f)];
                std::fill(column.begin(), column.end(), column[0]);
            }
        }
        desc->make_tables(&in.view);
        std::vector<double> x0 = variables(*tabled, *desc, in, 0);
        const ode::Table* grid = nullptr; // one grid all tables share, if they do
        bool shared = true;
        for (std::size_t k = 0; k < tabled->tables.size(); ++k) {
            const ode::Table& t = tabled->tables[k];
            if (t.value.is_null())
                continue;
            const rv_table& table = in.tables[k];
            const double from = sym::evaluate(t.from, x0), to = sym::evaluate(t.to, x0);
            std::uint32_t argument = tabled->ctx.variable("@table" + std::to_string(k)).var_id();
            for (int j = 0; j < t.points; ++j) {
                std::vector<double> at = x0;
                at.resize(tabled->ctx.variable_count());
                at[argument] = from + j * ((to - from) / (t.points - 1));
                expect_same(table.x[j], at[argument], tabled->name + " " + t.name + " x");
                expect_same(table.y[j], sym::evaluate(t.value, at), tabled->name + " " + t.name);
            }
            shared =
                shared &&
                (!grid || (grid->from == t.from && grid->to == t.to && grid->points == t.points));
            grid = grid ? grid : &t;
        }
        // Our own models only: where a tabled PROCEDURE also assigns names it does not tabulate,
        // NEURON (and Ranvier with tables) leaves those alone, so the exact values differ.
        const bool ours = path.string().starts_with(RANVIER_SOURCE_DIR);
        if (ours && shared && grid && grid->from.is_constant() && grid->to.is_constant()) {
            const double dx = (grid->to.value() - grid->from.value()) / (grid->points - 1);
            for (int i = 0; i < kInstances; ++i)
                in.voltage[static_cast<std::size_t>(i)] =
                    grid->from.value() +
                    dx * std::uniform_int_distribution<>(0, grid->points - 1)(rng);
            if (desc->rhs)
                desc->rhs(&in.view);
            for (int i = 0; i < kInstances; ++i) {
                std::vector<double> x = variables(*exact, *desc, in, i);
                for (int s = 0; s < desc->state_count; ++s) {
                    const double got =
                        in.columns[static_cast<std::size_t>(desc->derivative_fields[s])]
                                  [static_cast<std::size_t>(i)];
                    const double want =
                        sym::evaluate(exact->equations[static_cast<std::size_t>(s)].rhs, x);
                    EXPECT_LE(std::fabs(got - want), 1e-9 * std::max(1.0, std::fabs(want)))
                        << tabled->name << " "
                        << exact->equations[static_cast<std::size_t>(s)].state
                        << "' at a grid point: tables " << got << ", exact " << want;
                }
            }
        }
        ++checked;
    }
    std::filesystem::remove_all(dir);
    EXPECT_GE(checked, 1);
}

} // namespace
} // namespace ranvier
