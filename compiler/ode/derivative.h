// Derivatives through the algebraic solves of LINEAR and NONLINEAR blocks. An expression may read
// an unknown u of such a block (the symbol @alg<K>.<k>), which depends on x through the block's
// residuals F(u, x) = 0. The total derivative is
//     d(e)/d(x) = de/dx + sum_k de/du_k du_k/dx,   (dF/du) du/dx = -dF/dx,
// where du_k/dx is the symbol @dalg<K>.<k>/<x>, computed by the kernels after Newton's method
// converges (one dense solve with the Jacobian dF/du at the solution).
#pragma once

#include "ode/mechanism.h"

#include <optional>

namespace ranvier::ode {

// Whether e depends on x, directly or through an unknown whose residuals do.
bool depends(const Mechanism& mech, sym::Expr e, sym::Expr x);

// The total derivative d(e)/d(x), through the first `systems` algebraic systems (all by default;
// a system's own residuals take their partial dF/dx with its unknowns held). Structural zeros
// are the constant 0.
sym::Expr derivative(Mechanism& mech, sym::Expr e, sym::Expr x,
                     std::size_t systems = static_cast<std::size_t>(-1));

// Which unknown a symbol stands for: @alg<K>.<k> -> (K, k); nullopt for any other symbol.
struct AlgebraicRef {
    std::size_t system, unknown;
};
std::optional<AlgebraicRef> algebraic_unknown(sym::Expr symbol);
// @dalg<K>.<k>/<x> -> (K, k) and the name of x.
std::optional<std::pair<AlgebraicRef, std::string>> algebraic_sensitivity(sym::Expr symbol);

// @loop<K>.<k> -> (K, k): a variable a WHILE loop carries (WhileLoop).
std::optional<AlgebraicRef> loop_variable(sym::Expr symbol);

// Whether e reads an unknown (or its derivative) of any algebraic system.
bool reads_algebraic(const Mechanism& mech, sym::Expr e);
// Whether e reads a variable a WHILE loop carries (which has no derivative).
bool reads_loop(const Mechanism& mech, sym::Expr e);

} // namespace ranvier::ode
