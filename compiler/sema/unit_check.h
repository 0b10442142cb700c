// The units checker: the third front-end pass (after name checks, before lowering). It gives
// every declared name a unit, from its declaration, the UNITS block or NEURON's fixed units for
// v, t, ion variables and the like, and then checks the equations of every procedural block
// with modlunit's rules. It only reports; nothing is rewritten.
#pragma once

#include "ast/ast.h"
#include "support/diagnostics.h"

namespace ranvier::sema {

// Warn: mismatches are warnings (nocmodl accepts such files); Strict: they are errors.
// Unknown unit names are errors in both. Off: nothing is checked.
enum class UnitsMode { Warn, Strict, Off };

// Checks the units of one module (and its INCLUDEd modules via IncludeItem::included) and
// reports problems.
void check_units(const ast::Module& module, DiagnosticEngine& diags, UnitsMode mode);

} // namespace ranvier::sema
