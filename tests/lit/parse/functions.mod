: Tests PROCEDURE and FUNCTION: formals with and without units, a return unit, no formals, an
: empty body, the FUNCTION's own name as its result variable, LOCALs, calls as statements and
: in expressions, formals that shadow global names; and FUNCTION_TABLE declarations (tables
: filled from hoc, without a body) with units, called with their number of arguments.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX fn }
PARAMETER { k0 = 2 (/ms) }
ASSIGNED { v (mV) minf rate (/ms) tau (ms) g }
FUNCTION_TABLE tautab(v (mV)) (ms)
FUNCTION_TABLE gtab(v (mV), x)
: CHECK: {{^}}FUNCTION_TABLE tautab(v (mV)) (ms){{$}}
: CHECK-NEXT: {{^}}FUNCTION_TABLE gtab(v (mV), x){{$}}
BREAKPOINT {
    rates(v)
    rate = alpha(v, k0) + noargs()
    alpha(v, 1)
    empty()
    tau = tautab(v)
    g = gtab(v, 2)
}
: CHECK: tau = tautab(v)
: CHECK-NEXT: g = gtab(v, 2)
PROCEDURE rates(v (mV)) {
    LOCAL q
    q = 3
    minf = alpha(v, q)/q
}
: CHECK-LABEL: {{^}}PROCEDURE rates(v (mV)) {
: CHECK-NEXT: {{^}}    LOCAL q{{$}}
FUNCTION alpha(v (mV), k (/ms)) (/ms) {
    alpha = k*exp(-v/10)
}
: CHECK-LABEL: {{^}}FUNCTION alpha(v (mV), k (/ms)) (/ms) {
: CHECK-NEXT: {{^}}    alpha = k*exp(-v/10){{$}}
: CHECK-NEXT: {{^}}}{{$}}
FUNCTION noargs() { noargs = 1 }
: CHECK-LABEL: {{^}}FUNCTION noargs() {
: CHECK-NEXT: {{^}}    noargs = 1{{$}}
PROCEDURE empty() { }
: CHECK-LABEL: {{^}}PROCEDURE empty() {
: CHECK-NEXT: {{^}}}{{$}}
