// The generated kernels compute what the symbolic IR says: for every shipped mechanism that
// lowers, the emitted C++ is compiled into a shared library, loaded through its rv_mechanism
// descriptor and run on random instances; every output (derivatives, Jacobian entries, currents
// and conductances, initial values, step updates) must match sym::evaluate of the expression it
// was printed from.
#include "codegen/kernels.h"
#include "ode/lower.h"
#include "ode/lower_util.h"
#include "ode/print.h"
#include "ranvier/kernel/abi.h"
#include "sema/sema.h"
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
const rv_mechanism* build_and_load(ode::Mechanism& mech, const std::filesystem::path& dir) {
    std::filesystem::path source = dir / (mech.name + ".cpp");
    std::filesystem::path library = dir / (mech.name + ".so");
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
    rv_instances view{};
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
    in.globals = {uniform(0, 100), 0.025, uniform(6, 37), 0};
    in.view = {kInstances, in.pointers.data(), in.globals.data(), in.node.data(),
               in.voltage.data()};
}

// The values of the IR's variables for instance i, as sym::evaluate wants them.
std::vector<double> variables(ode::Mechanism& mech, const rv_mechanism& desc, const Instances& in,
                              int i) {
    std::vector<double> values(mech.ctx.variable_count());
    for (std::uint32_t id = 0; id < values.size(); ++id) {
        std::string name(mech.ctx.variable_by_id(id).name());
        if (name == "v")
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
    return values;
}

int field_index(const rv_mechanism& desc, const std::string& name) {
    for (int k = 0; k < desc.field_count; ++k)
        if (name == desc.fields[k].name)
            return k;
    return -1;
}

void expect_same(double generated, double reference, const std::string& what) {
    if (std::isnan(reference))
        return;
    EXPECT_LE(std::fabs(generated - reference), 1e-12 * std::max(1.0, std::fabs(reference)))
        << what << ": generated " << generated << ", reference " << reference;
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
            for (int c = 0; c < desc->current_count; ++c) {
                const ode::Current& current = mech->currents[static_cast<std::size_t>(c)];
                expect_same(out(desc->currents[c].value_field), sym::evaluate(current.value, x),
                            mech->name + " " + current.name);
                expect_same(out(desc->currents[c].conductance_field),
                            sym::evaluate(current.conductance, x),
                            mech->name + " d" + current.name + "/dv");
            }
        }
        if (desc->initialize) {
            desc->initialize(&in.view);
            for (int i = 0; i < kInstances; ++i)
                for (const ode::Assignment& a : mech->initial)
                    expect_same(
                        in.columns[static_cast<std::size_t>(field_index(*desc, a.name))]
                                  [static_cast<std::size_t>(i)],
                        sym::evaluate(a.value, reference_inputs[static_cast<std::size_t>(i)]),
                        mech->name + " INITIAL " + a.name);
        }
        ++checked;
    }
    std::filesystem::remove_all(dir);
    EXPECT_GE(checked, 18);
}

} // namespace
} // namespace ranvier
