: Tests the layout of a syntax error: file:line:col, the message naming the unexpected token
: and what was expected when that is short, the source line, and a caret under the token.
: RUN: not %ranvier check %s 2>&1 | FileCheck %s --strict-whitespace
NEURON { SUFFIX se }
PROCEDURE p( { }
: CHECK: syntax_error.mod:[[@LINE-1]]:14: error: syntax error: unexpected '{'; expected {{.*}}')'
: CHECK-NEXT: {{^}}PROCEDURE p( { }{{$}}
: CHECK-NEXT: {{^}}             ^{{$}}
: CHECK-NEXT: {{^}}1 error generated.
