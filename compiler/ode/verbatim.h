// VERBATIM blocks are C, pasted by NEURON into the mechanism's C file. Much of that C needs no
// NEURON interpreter: arithmetic and maths calls on the mechanism's variables, declarations of
// locals, IF/ELSE, `return`, reading an ion's value (`_ion_cai`), the random-number idioms
// (Random123's nrnran123_*, and the `if (_p_rng) {...} else {...}` fallback to NMODL's own
// generators), printf. translate_verbatim() gives that subset its NMODL meaning as statements the
// executor runs like any other; anything else is refused with the construct and its line.
#pragma once

#include "ast/ast.h"

#include <optional>
#include <string>

namespace ranvier::ode {

struct VerbatimTranslation {
    ast::Block block; // the statements, with ranges pointing into the VERBATIM text
    // Set when the C uses something outside the subset: what, and where.
    std::optional<std::string> error;
    SourceRange error_at;
};

// `code` is the text of the VERBATIM block whose keyword is at `at`. `function` names the
// FUNCTION the block is in (its value is what `return x;` sets), or is empty. Names are mapped as
// nocmodl spells them in C: `_lx` is the local or argument x, `_ion_x` the ion variable x, and
// `_p_x` an unset POINTER or random stream (null: Ranvier binds no hoc objects), so that the
// fallback branch of the usual `if (_p_x)` idiom is the one taken.
//
// A `return` becomes a KeywordStmt "return" (after the assignment of the value, in a FUNCTION).
//
// `open_blocks` carries, from one VERBATIM block to the next, the branches of a folded
// `if (_p_x) { ... } else {` that a block leaves open for the NMODL statements after it (NEURON's
// old random-stream idiom); a later block's leading `}` closes them.
VerbatimTranslation translate_verbatim(const std::string& code, SourceRange at,
                                       const std::string& function, int& open_blocks);

} // namespace ranvier::ode
