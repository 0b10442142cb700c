: Tests redefinitions of module-level names: each is an error at the second declaration with a
: note at the first, across declaration blocks, DEFINE, UNITS, FUNCTIONs, PROCEDUREs, blocks and
: INCLUDEd files (the note then points into the included file).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: not %ranvier check --units=off %s 2>&1 | FileCheck %s
DEFINE N 3 : expected-note {{previous definition as DEFINE is here}}
NEURON { SUFFIX redef }
INCLUDE "Inputs/gbar.inc"
UNITS { FARADAY = (faraday) (coulomb) } : expected-note {{previous definition as UNITS constant is here}}
PARAMETER {
    a = 1 : expected-note {{previous definition as PARAMETER is here}}
    N = 2 : expected-error {{redefinition of 'N' as PARAMETER}}
}
ASSIGNED {
    a : expected-error {{redefinition of 'a' as ASSIGNED variable}}
    b : expected-note {{previous definition as ASSIGNED variable is here}}
    b : expected-error {{redefinition of 'b' as ASSIGNED variable}}
    gbar : expected-error {{redefinition of 'gbar' as ASSIGNED variable}}
}
STATE { s FARADAY } : expected-error {{redefinition of 'FARADAY' as STATE}}
: expected-note@-1 {{previous definition as STATE is here}}
FUNCTION f() { f = 1 } : expected-note {{previous definition as FUNCTION is here}}
PROCEDURE f() { } : expected-error {{redefinition of 'f' as PROCEDURE}}
PROCEDURE s() { } : expected-error {{redefinition of 's' as PROCEDURE}}
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d { s' = -s } : expected-note {{previous definition as block is here}}
KINETIC d { } : expected-error {{redefinition of 'd' as block}}
: CHECK: redefinition.mod:15:5: error: redefinition of 'a' as ASSIGNED variable
: CHECK-NEXT: {{^}}    a : expected-error
: CHECK-NEXT: {{^}}    ^{{$}}
: CHECK-NEXT: redefinition.mod:11:5: note: previous definition as PARAMETER is here
: CHECK-NEXT: {{^}}    a = 1 : expected-note
: CHECK-NEXT: {{^}}    ^{{$}}
: CHECK: redefinition.mod:[[@LINE-16]]:5: error: redefinition of 'gbar'
: CHECK: Inputs{{/|\\}}gbar.inc:2:13: note: previous definition as PARAMETER is here
