: COMMENT glued to a number, with no ENDCOMMENT anywhere, is an unterminated COMMENT, never a name
: (a fuzzer finding: it used to parse as a declaration named COMMENT and print back differently).
: RUN: not %ranvier check %s 2>&1 | FileCheck %s
NEURON { SUFFIX glued }
PARAMETER { k = 5COMMENT (mV) }
: CHECK: comment_keyword_not_a_name.mod:5:18: error: unterminated COMMENT block (missing END{{C}}OMMENT)
