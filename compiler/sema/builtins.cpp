// Tables of builtin names. Functions not listed here and not defined in the module are errors,
// unless the module has VERBATIM code that may define them (then warnings, as nocmodl does).
#include "sema/builtins.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace ranvier::sema {

namespace {

constexpr std::string_view kVariables[] = {
    "v", "t", "dt", "celsius", "area", "diam", "secondorder", "PI", "nrn_netrec_state_adjust",
};

// (name, arity); arity -1: not checked.
constexpr std::pair<std::string_view, int> kFunctions[] = {
    // C math library
    {"exp", 1},
    {"expm1", 1},
    {"log", 1},
    {"log10", 1},
    {"log1p", 1},
    {"log2", 1},
    {"sqrt", 1},
    {"cbrt", 1},
    {"pow", 2},
    {"fabs", 1},
    {"abs", 1},
    {"sin", 1},
    {"cos", 1},
    {"tan", 1},
    {"asin", 1},
    {"acos", 1},
    {"atan", 1},
    {"atan2", 2},
    {"sinh", 1},
    {"cosh", 1},
    {"tanh", 1},
    {"asinh", 1},
    {"acosh", 1},
    {"atanh", 1},
    {"floor", 1},
    {"ceil", 1},
    {"round", 1},
    {"trunc", 1},
    {"fmod", 2},
    {"erf", 1},
    {"erfc", 1},
    {"hypot", 2},
    {"fmin", 2},
    {"fmax", 2},
    {"exprelr", 1},
    // NEURON: events, randomness, output
    {"net_send", 2},
    {"net_event", 1},
    {"net_move", 1},
    {"nrn_pointing", 1},
    {"state_discontinuity", 2},
    {"at_time", 1},
    {"printf", -1},
    {"fprintf", -1},
    {"scop_random", 0},
    {"normrand", 2},
    {"exprand", 1},
    {"unirand", 0},
    {"poisrand", 1},
    {"set_seed", 1},
    {"random_setseq", 2},
    {"random_setids", 4},
    {"random_uniform", -1},
    {"random_negexp", -1},
    {"random_normal", -1},
    {"random_ipick", -1},
    {"random_dpick", -1},
    {"nrn_random_pick", 1},
    {"hoc_execerror", -1},
    {"nrn_ghk", 4},
    {"ghk", -1},
    // SCoP library functions that nocmodl links
    {"boundary", -1},
    {"expfit", -1},
    {"factorial", 1},
    {"force", -1},
    {"gauss", -1},
    {"harmonic", -1},
    {"perpulse", -1},
    {"perstep", -1},
    {"poisson", -1},
    {"pulse", -1},
    {"ramp", -1},
    {"sawtooth", -1},
    {"sigmoid", -1},
    {"squarewave", -1},
    {"step", -1},
    {"stepforce", -1},
    {"threshold", -1},
};

} // namespace

bool is_builtin_variable(std::string_view name) {
    return std::find(std::begin(kVariables), std::end(kVariables), name) != std::end(kVariables);
}

bool is_c_math_function(std::string_view name) {
    // The C library entries come first in kFunctions, up to exprelr (which is Ranvier's own).
    for (const auto& [builtin, arity] : kFunctions) {
        if (builtin == "exprelr")
            return false;
        if (builtin == name)
            return true;
    }
    return false;
}

bool is_builtin_function(std::string_view name) {
    return std::any_of(std::begin(kFunctions), std::end(kFunctions),
                       [&](const auto& entry) { return entry.first == name; });
}

int builtin_arity(std::string_view name) {
    for (const auto& [builtin, arity] : kFunctions) {
        if (builtin == name)
            return arity;
    }
    return -1;
}

} // namespace ranvier::sema
