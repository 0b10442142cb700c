: A calcium-activated potassium current whose gate relaxes to a Hill function of cai: in the
: fixed step it reads the calcium the mechanisms before it wrote in the same step.
NEURON {
    SUFFIX kca
    USEION k READ ek WRITE ik
    USEION ca READ cai
    RANGE gbar
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
    (mM) = (milli/liter)
}
PARAMETER {
    gbar = 0.01 (S/cm2)
    kd = 4.3e-4 (mM)
    tau = 1 (ms)
}
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) cai (mM) }
STATE { z }
INITIAL { z = zinf(cai) }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*z*(v - ek)
}
DERIVATIVE states { z' = (zinf(cai) - z)/tau }
FUNCTION zinf(c (mM)) {
    zinf = 1/(1 + (kd/c)^4)
}
