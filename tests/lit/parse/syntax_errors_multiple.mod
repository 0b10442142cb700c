: Tests that the parser recovers and reports every syntax error in a file, each at its own
: line and column, not just the first.
: RUN: %ranvier check --verify-diagnostics %s
: RUN: not %ranvier check %s 2>&1 | FileCheck %s
NEURON { SUFFIX sem
ASSIGNED { x } : expected-error {{syntax error: unexpected 'ASSIGNED'}}
BREAKPOINT {
    x = 1 +* 2 : expected-error {{syntax error: unexpected '*'}}
}
INITIAL { x = ) } : expected-error {{syntax error: unexpected ')'}}
FUNCTION f(a b) { f = a } : expected-error {{syntax error: unexpected 'b'}}
: CHECK: syntax_errors_multiple.mod:6:1: error:
: CHECK: syntax_errors_multiple.mod:8:12: error:
: CHECK: syntax_errors_multiple.mod:10:15: error:
: CHECK: syntax_errors_multiple.mod:11:14: error:
: CHECK: 4 errors generated.
