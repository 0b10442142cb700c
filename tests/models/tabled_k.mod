: A delayed-rectifier potassium channel whose rates PROCEDURE has a TABLE (as NEURON's hh does):
: exact by default; with --tables its values come from tables that make_tables fills.
NEURON {
    SUFFIX tabledk
    USEION k READ ek WRITE ik
    RANGE gbar
    GLOBAL ninf, ntau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.036 (S/cm2)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    ninf
    ntau (ms)
    celsius (degC)
}

STATE {
    n
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar * n^4 * (v - ek)
}

INITIAL {
    rates(v)
    n = ninf
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n) / ntau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, q10
    TABLE ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 200
    UNITSOFF
    q10 = 3^((celsius - 6.3) / 10)
    a = 0.01 * vtrap(-(v + 55), 10)
    b = 0.125 * exp(-(v + 65) / 80)
    ntau = 1 / (q10 * (a + b))
    ninf = a / (a + b)
    UNITSON
}

FUNCTION vtrap(x, y) {
    vtrap = x / (exp(x / y) - 1)
}
