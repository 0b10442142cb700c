// The Hodgkin-Huxley mechanism as the symbolic stage would receive it: rate functions (rewritten
// to exprelr), the right-hand side of m, h, n, the current, and every structurally non-zero
// Jacobian entry, with the source names as hints. Shared by the CSE and printer tests.
#pragma once

#include "sym/cse.h"
#include "sym/differentiate.h"
#include "sym/exprelr.h"

#include <string>
#include <vector>

namespace ranvier::sym::test {

struct Model {
    std::vector<Expr> roots;
    std::vector<std::string> root_names;
    NameMap hints;
};

inline Model hh_model(Context& ctx) {
    Model model;
    auto c = [&](double x) { return ctx.constant(x); };
    auto exp = [&](Expr u) { return ctx.call(Kind::Exp, u); };
    auto named = [&](const std::string& name, Expr e) {
        e = rewrite_exprelr(ctx, e);
        model.hints.emplace(e, name);
        return e;
    };
    Expr v = ctx.variable("v");
    Expr m = ctx.variable("m");
    Expr h = ctx.variable("h");
    Expr n = ctx.variable("n");
    Expr celsius = ctx.variable("celsius");
    Expr gnabar = ctx.variable("gnabar");
    Expr gkbar = ctx.variable("gkbar");
    Expr ena = ctx.variable("ena");
    Expr ek = ctx.variable("ek");

    Expr q10 = named("q10", ctx.pow(c(3), ctx.div(ctx.sub(celsius, c(6.3)), c(10))));
    auto vtrap_rate = [&](double k, double shift) { // k (v + shift) / (1 - exp(-(v + shift)/10))
        Expr vs = ctx.add(v, c(shift));
        return ctx.div(ctx.mul(c(k), vs), ctx.sub(c(1), exp(ctx.div(ctx.neg(vs), c(10)))));
    };
    auto decay = [&](double k, double shift, double scale) { // k exp(-(v + shift) / scale)
        return ctx.mul(c(k), exp(ctx.div(ctx.neg(ctx.add(v, c(shift))), c(scale))));
    };
    Expr alpha_m = named("alpha_m", vtrap_rate(0.1, 40));
    Expr beta_m = named("beta_m", decay(4, 65, 18));
    Expr alpha_h = named("alpha_h", decay(0.07, 65, 20));
    Expr beta_h = named(
        "beta_h", ctx.div(c(1), ctx.add(exp(ctx.div(ctx.neg(ctx.add(v, c(35))), c(10))), c(1))));
    Expr alpha_n = named("alpha_n", vtrap_rate(0.01, 55));
    Expr beta_n = named("beta_n", decay(0.125, 65, 80));

    std::vector<Expr> rhs;
    const Expr states[] = {m, h, n};
    const Expr alphas[] = {alpha_m, alpha_h, alpha_n};
    const Expr betas[] = {beta_m, beta_h, beta_n};
    const char* state_names[] = {"m", "h", "n"};
    for (int i = 0; i < 3; ++i) {
        std::string s = state_names[i];
        Expr sum = ctx.add(alphas[i], betas[i]);
        Expr tau = named(s + "tau", ctx.div(c(1), ctx.mul(q10, sum)));
        Expr inf = named(s + "inf", ctx.div(alphas[i], sum));
        rhs.push_back(named("d" + s + "_dt", ctx.div(ctx.sub(inf, states[i]), tau)));
    }
    Expr ina = named("ina", ctx.mul({gnabar, ctx.pow(m, c(3)), h, ctx.sub(v, ena)}));
    Expr ik = named("ik", ctx.mul({gkbar, ctx.pow(n, c(4)), ctx.sub(v, ek)}));
    rhs.push_back(named("i", ctx.add(ina, ik)));

    const Expr ys[] = {m, h, n, v};
    const char* rhs_names[] = {"dm_dt", "dh_dt", "dn_dt", "i"};
    for (int r = 0; r < 4; ++r) {
        model.roots.push_back(rhs[r]);
        model.root_names.push_back(rhs_names[r]);
    }
    for (int r = 0; r < 4; ++r)
        for (Expr y : ys) {
            if (!depends_on(rhs[r], y))
                continue;
            Expr d = diff(ctx, rhs[r], y);
            std::string name = "J_" + std::string(rhs_names[r]) + "_" + std::string(y.name());
            model.roots.push_back(d);
            model.root_names.push_back(name);
            model.hints.emplace(d, name);
        }
    return model;
}

} // namespace ranvier::sym::test
