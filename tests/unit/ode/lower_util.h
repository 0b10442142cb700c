// Test helpers for the lowering stage: the shipped models, and a file parsed, checked and lowered.
#pragma once

#include "ode/derivative.h"
#include "ode/lower.h"
#include "sema/sema.h"
#include "sym/differentiate.h"
#include "sym/evaluate.h"
#include "syntax/parse.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace ranvier::test {

// The standard library, the test models of tests/models and Debian's NEURON demo models; with
// RANVIER_JACOBIAN_CORPUS=DIR also
// every .mod file below DIR (the fetched corpus of bench/corpus, which CI does not have).
inline std::vector<std::filesystem::path> shipped_models() {
    std::vector<std::filesystem::path> files;
    for (const char* dir : {RANVIER_SOURCE_DIR "/stdlib_models", RANVIER_SOURCE_DIR "/tests/models",
                            "/usr/share/nrn/demo/release"}) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec))
            continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".mod")
                files.push_back(entry.path());
    }
    if (const char* corpus = std::getenv("RANVIER_JACOBIAN_CORPUS")) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus))
            if (entry.path().extension() == ".mod")
                files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Null when the file does not parse, check or lower; `error` then holds the diagnostics.
inline std::unique_ptr<ode::Mechanism> lower_file(const std::filesystem::path& path,
                                                  std::string& error,
                                                  const ode::LowerOptions& options = {}) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    SourceManager sources;
    DiagnosticEngine diags(sources);
    diags.set_suppress_warnings(true);
    auto module = syntax::parse_module(sources.add(path.string(), text.str()), sources, diags, {});
    std::unique_ptr<ode::Mechanism> mech;
    if (module) {
        sema::check_module(*module, diags);
        if (diags.error_count() == 0)
            mech = ode::lower_module(*module, diags, options);
    }
    std::ostringstream out;
    diags.print(out);
    error = out.str();
    return mech;
}

// Solves A X = B (A n x n, B n x m, row-major) by Gaussian elimination with partial pivoting;
// false when A is singular.
inline bool dense_solve(std::vector<double> a, std::vector<double>& b, std::size_t n) {
    const std::size_t m = b.size() / n;
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
                p = r;
        if (!(std::fabs(a[p * n + c]) > 0))
            return false;
        for (std::size_t k = 0; k < n; ++k)
            std::swap(a[c * n + k], a[p * n + k]);
        for (std::size_t k = 0; k < m; ++k)
            std::swap(b[c * m + k], b[p * m + k]);
        for (std::size_t r = 0; r < n; ++r) {
            if (r == c)
                continue;
            const double f = a[r * n + c] / a[c * n + c];
            for (std::size_t k = 0; k < n; ++k)
                a[r * n + k] -= f * a[c * n + k];
            for (std::size_t k = 0; k < m; ++k)
                b[r * m + k] -= f * b[c * m + k];
        }
    }
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t k = 0; k < m; ++k)
            b[r * m + k] /= a[r * n + r];
    return true;
}

// Completes a point (values by variable id) with the mechanism's LINEAR/NONLINEAR solutions and
// the results of its run-time WHILE loops (run trip by trip), the reference the kernels are held
// to: each system's unknowns by Newton's method from their guesses
// (sym::evaluate of the residuals and of dF/du), then every derivative symbol d(u)/d(x) from
// (dF/du) du/dx = -dF/dx. Unknowns that do not converge are NaN.
inline void solve_algebraic(ode::Mechanism& mech, std::vector<double>& x) {
    sym::Context& ctx = mech.ctx;
    struct Wanted {
        std::size_t system, unknown;
        sym::Expr symbol, wrt;
    };
    std::vector<Wanted> wanted;
    for (std::uint32_t id = 0; id < ctx.variable_count(); ++id)
        if (auto s = ode::algebraic_sensitivity(ctx.variable_by_id(id)))
            wanted.push_back({s->first.system, s->first.unknown, ctx.variable_by_id(id),
                              ctx.variable(s->second)});
    std::vector<std::vector<sym::Expr>> jacobians, dfdx(wanted.size());
    for (const ode::AlgebraicSystem& system : mech.algebraic) {
        std::vector<sym::Expr> j;
        for (sym::Expr r : system.residuals)
            for (sym::Expr u : system.symbols)
                j.push_back(sym::diff(ctx, r, u));
        jacobians.push_back(std::move(j));
    }
    for (std::size_t w = 0; w < wanted.size(); ++w)
        for (sym::Expr r : mech.algebraic[wanted[w].system].residuals)
            dfdx[w].push_back(ode::derivative(mech, r, wanted[w].wrt, wanted[w].system));
    x.resize(ctx.variable_count());
    // Solves and WHILE loops run in the order the .mod file ran them.
    std::vector<std::pair<int, std::size_t>> stages; // (order, index); loops after 1 << 20
    for (std::size_t s = 0; s < mech.algebraic.size(); ++s)
        stages.emplace_back(mech.algebraic[s].order, s);
    for (std::size_t l = 0; l < mech.loops.size(); ++l)
        stages.emplace_back(mech.loops[l].order, (std::size_t{1} << 20) + l);
    std::sort(stages.begin(), stages.end());
    for (const auto& [order, index] : stages) {
        if (index >= (std::size_t{1} << 20)) {
            const ode::WhileLoop& loop = mech.loops[index - (std::size_t{1} << 20)];
            for (std::size_t k = 0; k < loop.symbols.size(); ++k)
                x[loop.symbols[k].var_id()] = sym::evaluate(loop.initial[k], x);
            if (sym::evaluate(loop.guard, x) == 0.0)
                continue;
            int trips = 0;
            for (; trips < 1000000 && sym::evaluate(loop.condition, x) != 0.0; ++trips) {
                std::vector<double> next;
                for (sym::Expr e : loop.next)
                    next.push_back(sym::evaluate(e, x));
                for (std::size_t k = 0; k < loop.symbols.size(); ++k)
                    x[loop.symbols[k].var_id()] = next[k];
            }
            for (std::size_t k = 0; k < loop.symbols.size() && trips == 1000000; ++k)
                x[loop.symbols[k].var_id()] = NAN;
            continue;
        }
        const std::size_t s = index;
        const ode::AlgebraicSystem& system = mech.algebraic[s];
        const std::size_t n = system.symbols.size();
        for (std::size_t k = 0; k < n; ++k)
            x[system.symbols[k].var_id()] = sym::evaluate(system.guesses[k], x);
        auto at = [&](const std::vector<sym::Expr>& exprs) {
            std::vector<double> out;
            for (sym::Expr e : exprs)
                out.push_back(sym::evaluate(e, x));
            return out;
        };
        // Iterate to round-off (the kernels stop at a relative step of 1e-10, whose error is
        // squared by the last iteration); accept a last step within 1e-9.
        bool converged = false;
        for (int it = 0; it < 60; ++it) {
            std::vector<double> f = at(system.residuals);
            if (!dense_solve(at(jacobians[s]), f, n)) {
                converged = false;
                break;
            }
            bool tiny = true;
            converged = true;
            for (std::size_t k = 0; k < n; ++k) {
                double& u = x[system.symbols[k].var_id()];
                u -= f[k];
                converged = converged && std::fabs(f[k]) <= 1e-9 * std::fabs(u) + 1e-300;
                tiny = tiny && std::fabs(f[k]) <= 1e-16 * std::fabs(u);
            }
            if (tiny || (system.linear && it == 1))
                break;
        }
        for (std::size_t k = 0; k < n && !converged; ++k)
            x[system.symbols[k].var_id()] = NAN;
        for (std::size_t w = 0; w < wanted.size(); ++w) {
            if (wanted[w].system != s)
                continue;
            std::vector<double> b = at(dfdx[w]);
            for (double& v : b)
                v = -v;
            x[wanted[w].symbol.var_id()] =
                dense_solve(at(jacobians[s]), b, n) ? b[wanted[w].unknown] : NAN;
        }
    }
}

} // namespace ranvier::test
