TITLE Slow non-inactivating potassium current (M current)

COMMENT
A muscarine-sensitive K current of the kind found in neocortical pyramidal cells: one gate n,
first-order kinetics with rates
    a = Ra (v - tha) / (1 - exp(-(v - tha)/qa)),  b = -Rb (v - tha) / (1 - exp((v - tha)/qa)),
and a Q10 correction from the temperature the rates were measured at. Written for Ranvier's
pyramidal example in NEURON's NMODL.
ENDCOMMENT

NEURON {
    SUFFIX km
    USEION k READ ek WRITE ik
    RANGE gbar, ik
    GLOBAL ninf, ntau
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S) = (siemens)
}

PARAMETER {
    gbar = 3e-4  (S/cm2)
    tha  = -30   (mV)
    qa   = 9     (mV)
    Ra   = 0.001 (/mV-ms)
    Rb   = 0.001 (/mV-ms)
    temp = 23    (degC)
    q10  = 2.3
}

ASSIGNED {
    v       (mV)
    ek      (mV)
    ik      (mA/cm2)
    celsius (degC)
    ninf
    ntau    (ms)
}

STATE { n }

INITIAL {
    rates(v)
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n*(v - ek)
}

DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/ntau
}

PROCEDURE rates(v (mV)) {
    LOCAL a, b, tadj
    UNITSOFF
    tadj = q10^((celsius - temp)/10)
    a = Ra*vtrap(-(v - tha), qa)
    b = Rb*vtrap(v - tha, qa)
    ntau = 1/tadj/(a + b)
    ninf = a/(a + b)
    UNITSON
}

: x/(exp(x/y) - 1), with its limit y (1 - x/y/2) where x/y is small.
FUNCTION vtrap(x (mV), y (mV)) (mV) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
