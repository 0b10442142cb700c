// Total derivatives through algebraic solves (see derivative.h).
#include "ode/derivative.h"

#include "sym/differentiate.h"

#include <algorithm>
#include <string>

namespace ranvier::ode {

namespace {

constexpr std::string_view kUnknown = "@alg";
constexpr std::string_view kSensitivity = "@dalg";
constexpr std::string_view kLoop = "@loop";

// "<K>.<k>" at the start of `rest`; the rest after it in `tail`.
std::optional<AlgebraicRef> parse_ref(std::string_view rest, std::string_view& tail) {
    std::size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string_view::npos ||
        rest.substr(0, dot).find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    std::size_t end = rest.find_first_not_of("0123456789", dot + 1);
    if (end == std::string_view::npos)
        end = rest.size();
    if (end == dot + 1)
        return std::nullopt;
    tail = rest.substr(end);
    return AlgebraicRef{std::stoul(std::string(rest.substr(0, dot))),
                        std::stoul(std::string(rest.substr(dot + 1, end - dot - 1)))};
}

sym::Expr sensitivity_symbol(sym::Context& ctx, AlgebraicRef ref, sym::Expr x) {
    return ctx.variable(std::string(kSensitivity) + std::to_string(ref.system) + "." +
                        std::to_string(ref.unknown) + "/" + std::string(x.name()));
}

} // namespace

std::optional<AlgebraicRef> algebraic_unknown(sym::Expr symbol) {
    if (!symbol.is_variable() || !symbol.name().starts_with(kUnknown))
        return std::nullopt;
    std::string_view tail;
    std::optional<AlgebraicRef> ref = parse_ref(symbol.name().substr(kUnknown.size()), tail);
    return ref && tail.empty() ? ref : std::nullopt;
}

std::optional<std::pair<AlgebraicRef, std::string>> algebraic_sensitivity(sym::Expr symbol) {
    if (!symbol.is_variable() || !symbol.name().starts_with(kSensitivity))
        return std::nullopt;
    std::string_view tail;
    std::optional<AlgebraicRef> ref = parse_ref(symbol.name().substr(kSensitivity.size()), tail);
    if (!ref || !tail.starts_with('/'))
        return std::nullopt;
    return std::pair{*ref, std::string(tail.substr(1))};
}

std::optional<AlgebraicRef> loop_variable(sym::Expr symbol) {
    if (!symbol.is_variable() || !symbol.name().starts_with(kLoop))
        return std::nullopt;
    std::string_view tail;
    std::optional<AlgebraicRef> ref = parse_ref(symbol.name().substr(kLoop.size()), tail);
    return ref && tail.empty() ? ref : std::nullopt;
}

bool reads_loop(const Mechanism& mech, sym::Expr e) {
    for (const WhileLoop& loop : mech.loops)
        for (sym::Expr s : loop.symbols)
            if (sym::depends_on(e, s))
                return true;
    return false;
}

bool reads_algebraic(const Mechanism& mech, sym::Expr e) {
    if (mech.algebraic.empty())
        return false;
    for (std::uint32_t id = 0; id < mech.ctx.variable_count(); ++id) {
        sym::Expr symbol = mech.ctx.variable_by_id(id);
        if ((algebraic_unknown(symbol) || algebraic_sensitivity(symbol)) &&
            sym::depends_on(e, symbol))
            return true;
    }
    return false;
}

namespace {

// depends() over the systems before `limit`: a system's residuals read only earlier systems.
bool depends_before(const Mechanism& mech, sym::Expr e, sym::Expr x, std::size_t limit) {
    if (sym::depends_on(e, x))
        return true;
    for (std::size_t s = 0; s < limit; ++s) {
        const AlgebraicSystem& system = mech.algebraic[s];
        bool reads = false;
        for (sym::Expr u : system.symbols)
            reads = reads || sym::depends_on(e, u);
        if (!reads)
            continue;
        for (sym::Expr r : system.residuals)
            if (depends_before(mech, r, x, s))
                return true;
    }
    return false;
}

} // namespace

bool depends(const Mechanism& mech, sym::Expr e, sym::Expr x) {
    return depends_before(mech, e, x, mech.algebraic.size());
}

sym::Expr derivative(Mechanism& mech, sym::Expr e, sym::Expr x, std::size_t systems) {
    sym::Context& ctx = mech.ctx;
    sym::Expr d = sym::depends_on(e, x) ? sym::diff(ctx, e, x) : ctx.zero();
    for (std::size_t s = 0; s < std::min(systems, mech.algebraic.size()); ++s) {
        const AlgebraicSystem& system = mech.algebraic[s];
        bool moves = false; // the solution depends on x
        for (sym::Expr r : system.residuals)
            moves = moves || depends_before(mech, r, x, s);
        if (!moves)
            continue;
        for (std::size_t k = 0; k < system.symbols.size(); ++k) {
            if (!sym::depends_on(e, system.symbols[k]))
                continue;
            d = ctx.add(d, ctx.mul(sym::diff(ctx, e, system.symbols[k]),
                                   sensitivity_symbol(ctx, {s, k}, x)));
        }
    }
    return d;
}

} // namespace ranvier::ode
