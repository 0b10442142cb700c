: Tests that characters outside NMODL ('@', '$', '#', '`', a control character) are reported
: where they stand, each one, and the rest of the file is still parsed.
: RUN: %ranvier check --verify-diagnostics %s
NEURON { SUFFIX bc }
ASSIGNED { x }
PROCEDURE p1() { x = 1 @ 2 } : expected-error {{syntax error: unexpected '@'}}
PROCEDURE p2() { x = $ } : expected-error {{syntax error: unexpected '$'}}
PROCEDURE p3() { x = 3 # 4 } : expected-error {{syntax error: unexpected '#'}}
PROCEDURE p4() { x = `5 } : expected-error {{syntax error: unexpected '`'}}
PROCEDURE p5() { x = 2  } : expected-error {{syntax error: unexpected character code 1}}
