// Printers for the expression DAG: C/C++ source for the kernel printers (pipeline stages 6-7)
// and a debug form for dumps and tests. Both print the tree with minimal parentheses; sharing is
// expressed by naming nodes (see cse.h), never by the printer.
#pragma once

#include <span>
#include <string_view>

#include "sym/expr.h"

#include <string>
#include <unordered_map>

namespace ranvier::sym {

// Nodes to print as a name: CSE temporaries, and variables to be spelled differently from their
// source name (a state `m` read as `y[2]`, say). Only looked up, never iterated.
using NameMap = std::unordered_map<Expr, std::string>;

// C and C++ keywords and the names printed code calls (pow, NAN, ...): no generated name may
// take one, or it would shadow the function or break the parse.
std::span<const std::string_view> c_reserved_words();
bool is_c_reserved_word(std::string_view name);

// C/C++ (and CUDA) source for `e`. Any node in `names`, `e` itself included, prints as its name.
// Differences read `a - b`, quotients `a / (b * c)`, integer powers of names `x * x * x`, a half
// power `sqrt(x)`, constants round-trip exactly (`40.0`, `0.1`, `1e-05`), and select `c ? a : b`.
// exprelr and exprelr_d1 print unqualified: generated code brings ranvier::kernel into scope.
std::string to_c(Expr e, const NameMap& names = {});

// As to_c, but `e`'s own node is printed even when it has a name: the right-hand side of the
// definition of a temporary.
std::string to_c_definition(Expr e, const NameMap& names);

// A debug form that shows the canonical structure: powers as `x^-1`, shortest constants (`40`),
// select as `select(c, a, b)`.
std::string to_string(Expr e);

} // namespace ranvier::sym
