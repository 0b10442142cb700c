: Tests INCLUDE errors (exit 1): a file that exists nowhere, a file that includes itself, and a
: cycle of two files (reported at the INCLUDE that closes the cycle, no endless recursion), and
: a syntax error inside an included file, reported at its place in that file; the expectations
: for the included files are written in them.
: RUN: %ranvier check --verify-diagnostics %s
: RUN: not %ranvier check %s 2>&1 | FileCheck %s
NEURON { SUFFIX incerr }
INCLUDE "Inputs/no_such_file.inc" : expected-error {{cannot find include file 'Inputs/no_such_file.inc'}}
INCLUDE "Inputs/self_include.inc"
INCLUDE "Inputs/cycle_a.inc"
INCLUDE "Inputs/syntax_error.inc"
: CHECK: include_errors.mod:[[@LINE-4]]:1: error: cannot find include file 'Inputs/no_such_file.inc'
: CHECK-NEXT: {{^}}INCLUDE "Inputs/no_such_file.inc"
: CHECK-NEXT: {{^\^~+$}}
: CHECK: self_include.inc:2:1: error: 'self_include.inc' includes itself
: CHECK: cycle_b.inc:2:1: error: 'cycle_a.inc' includes itself
: CHECK: syntax_error.inc:2:17: error: syntax error: unexpected '}'
: CHECK: 4 errors generated.
