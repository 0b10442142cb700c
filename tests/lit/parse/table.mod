: Tests TABLE statements in a PROCEDURE and a FUNCTION of one argument: listed variables, DEPEND
: on several names (a builtin such as celsius among them), FROM/TO/WITH with expressions, and a
: TABLE without a variable list (a FUNCTION tables its own value).
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX tab }
PARAMETER { vshift = 0 (mV) vmin = -100 (mV) }
ASSIGNED { v (mV) minf mtau (ms) }
BREAKPOINT { rates(v) minf = minf + alpha(v) }
PROCEDURE rates(v (mV)) {
    TABLE minf, mtau DEPEND celsius, vshift FROM vmin TO 100 WITH 200
    minf = 1/(1 + exp(-(v - vshift)/10))
    mtau = 1
}
: CHECK: {{^}}    TABLE minf, mtau DEPEND celsius, vshift FROM vmin TO 100 WITH 200{{$}}
FUNCTION alpha(v (mV)) (/ms) {
    TABLE FROM -100 TO 2*50 WITH 200
    alpha = exp(-v/10)
}
: CHECK: {{^}}    TABLE FROM -100 TO 2*50 WITH 200{{$}}
