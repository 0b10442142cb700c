: A gate integrated by hand in a SOLVEd PROCEDURE (an old NEURON idiom): only the fixed step
: can run it.
NEURON { SUFFIX handstep NONSPECIFIC_CURRENT i RANGE g }
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) }
PARAMETER { g = 1e-4 (S/cm2) tau = 5 (ms) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { w }
INITIAL { w = 0 }
BREAKPOINT {
    SOLVE states
    i = g*w*(v + 70)
}
PROCEDURE states() {
    w = w + (1 - exp(-dt/tau))*(1 - w)
}
