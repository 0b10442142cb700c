: Tests PARAMETER, CONSTANT, ASSIGNED and STATE declarations: values (signed), units, arrays
: sized by a number or a DEFINE, FROM..TO ranges, START values, <low, high> limits and
: <abstol> tolerances, and the INDEPENDENT block (t FROM..TO..WITH and a unit; naming t there is
: no redefinition); emit prints the parts in canonical order.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
DEFINE NANN 4
INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }
: CHECK: {{^}}INDEPENDENT {
: CHECK-NEXT: {{^}}    t FROM 0 TO 1 WITH 1 (ms){{$}}
: CHECK-NEXT: {{^}}}{{$}}
NEURON { SUFFIX decl RANGE g }
PARAMETER {
    gbar = 0.12 (S/cm2) <0, 1e9>
    erev = -77 (mV)
    n = 3
    w[3] (1)
    celsius (degC)
    tau = 5 (ms) <1e-9, 1e9>
}
: CHECK-LABEL: {{^}}PARAMETER {
: CHECK-NEXT: {{^}}    gbar = 0.12 (S/cm2) <0, 1e9>{{$}}
: CHECK-NEXT: {{^}}    erev = -77 (mV){{$}}
: CHECK-NEXT: {{^}}    n = 3{{$}}
: CHECK-NEXT: {{^}}    w[3] (1){{$}}
: CHECK-NEXT: {{^}}    celsius (degC){{$}}
: CHECK-NEXT: {{^}}    tau = 5 (ms) <1e-9, 1e9>{{$}}
: CHECK-NEXT: {{^}}}{{$}}
CONSTANT {
    q10 = 3
    neg = -1.5e-2 (1)
}
: CHECK-LABEL: {{^}}CONSTANT {
: CHECK-NEXT: {{^}}    q10 = 3{{$}}
: CHECK-NEXT: {{^}}    neg = -1.5e-2 (1){{$}}
ASSIGNED {
    v (mV)
    g (S/cm2)
    arr[NANN] (mM)
    i (mA/cm2)
}
: CHECK-LABEL: {{^}}ASSIGNED {
: CHECK-NEXT: {{^}}    v (mV){{$}}
: CHECK-NEXT: {{^}}    g (S/cm2){{$}}
: CHECK-NEXT: {{^}}    arr[NANN] (mM){{$}}
: CHECK-NEXT: {{^}}    i (mA/cm2){{$}}
STATE {
    m FROM 0 TO 1
    h START 1
    c (mM) <1e-6>
    ca[NANN] (mM) <1e-8>
    z FROM 0 TO 1 START 0.5 (1)
}
: CHECK-LABEL: {{^}}STATE {
: CHECK-NEXT: {{^}}    m FROM 0 TO 1{{$}}
: CHECK-NEXT: {{^}}    h START 1{{$}}
: CHECK-NEXT: {{^}}    c (mM) <1e-6>{{$}}
: CHECK-NEXT: {{^}}    ca[NANN] (mM) <1e-8>{{$}}
: CHECK-NEXT: {{^}}    z (1) FROM 0 TO 1 START 0.5{{$}}
: CHECK-NEXT: {{^}}}{{$}}
INITIAL { m = 0 h = 1 c = 0 z = 0 FROM j = 0 TO NANN - 1 { ca[j] = 0 } }
BREAKPOINT {
    SOLVE s METHOD cnexp
    g = gbar*m*h*w[0]*arr[1]*n*q10*neg*celsius*tau*t
    i = g*(v - erev)
}
DERIVATIVE s {
    m' = -m
    h' = -h
    c' = -c
    z' = -z
    FROM j = 0 TO NANN - 1 { ca'[j] = -ca[j] }
}
