: Tests that TABLE is allowed only in a FUNCTION or PROCEDURE.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX tctx }
ASSIGNED { x }
INITIAL {
    TABLE x FROM 0 TO 1 WITH 10 : expected-error {{TABLE is allowed only in a FUNCTION or PROCEDURE}}
}
BREAKPOINT {
    TABLE x FROM 0 TO 1 WITH 10 : expected-error {{TABLE is allowed only in a FUNCTION or PROCEDURE}}
}
PROCEDURE ok(v) {
    TABLE x FROM 0 TO 1 WITH 10
    x = v
}
