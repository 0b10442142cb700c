: Tests that a COMMENT that is never closed is reported at the COMMENT keyword.
: RUN: %ranvier check --verify-diagnostics %s
: RUN: not %ranvier check %s 2>&1 | FileCheck %s
: CHECK: unterminated_comment.mod:[[@LINE+5]]:1: error: unterminated COMMENT block (missing ENDCOMMENT)
: CHECK-NEXT: {{^}}COMMENT :
: CHECK-NEXT: {{^}}^~~~~~~{{$}}
: CHECK-NEXT: 1 error generated.
NEURON { SUFFIX uc }
COMMENT : expected-error {{unterminated COMMENT block}}
  this comment never ends
  ASSIGNED { x }
