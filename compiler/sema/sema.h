// Semantic analysis of one NMODL module (with its INCLUDEd files): symbol tables, scoping and
// the block-context rules of the language. Reports every problem it finds; the units checker
// (unit_check.h) runs beside it.
#pragma once

#include "ast/ast.h"
#include "support/diagnostics.h"

namespace ranvier::sema {

void check_module(const ast::Module& module, DiagnosticEngine& diags);

} // namespace ranvier::sema
