// Common-subexpression elimination over the DAG (pipeline stage 5, feeding the kernel IR's
// straight-line bodies). Hash-consing already made every repeated subterm one node, so CSE only
// has to decide which shared nodes get a named temporary, in what order, and under what name.
#pragma once

#include "sym/print.h"

#include <span>
#include <string>
#include <vector>

namespace ranvier::sym {

struct Temporary {
    std::string name;
    Expr value;
};

struct CseOptions {
    // Also give a temporary to a hinted node that is used only once (and is not a root), so that
    // a source name such as `alpha_m` appears in the kernel even when nothing shares it.
    bool name_hinted = false;
    // Names temporaries must not take: kernel parameters, loop indices. The names of variables
    // the roots mention, C keywords and the maths functions the printer calls are always avoided.
    std::vector<std::string> reserved;
};

// The non-trivial nodes (not constants or variables) that the roots use more than once -- a use
// being an operand slot of a reachable node, or a place in `roots` -- in a valid evaluation
// order: each temporary's operands are computed before it. The order is a post-order walk of the
// roots, operands left to right, so it depends only on the roots and their canonical form.
//
// Names: a node with a hint takes it (`alpha_m`; a clash becomes `alpha_m_1`); any other
// temporary is named after its nearest hinted ancestor on that walk (`alpha_m_1`, `alpha_m_2`,
// ...), and only a temporary with no hinted ancestor is a bare `t_1`. Hints are normally the
// source names of assigned variables and the roots' destinations (`dm_dt`, `J_m_v`).
//
// A temporary hoisted out of one branch of a select is computed unconditionally; that is safe
// because evaluation has no side effects and IEEE arithmetic does not trap.
std::vector<Temporary> common_subexpressions(std::span<const Expr> roots, const NameMap& hints = {},
                                             const CseOptions& options = {});

// value -> name for every temporary: the NameMap to print the roots and the definitions with.
NameMap temporary_names(std::span<const Temporary> temporaries);

} // namespace ranvier::sym
