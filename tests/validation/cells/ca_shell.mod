: Calcium in a thin shell under the membrane, filled by ica and relaxing to a floor, without an
: INITIAL block: cai starts from the ion's value (cai0_ca_ion), as NEURON initialises it.
NEURON {
    SUFFIX ca_shell
    USEION ca READ ica WRITE cai
    RANGE gamma, decay, depth, cafloor
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}
PARAMETER {
    gamma = 0.05
    decay = 80 (ms)
    depth = 0.1 (um)
    cafloor = 1e-4 (mM)
}
ASSIGNED { ica (mA/cm2) }
STATE { cai (mM) }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states {
    cai' = -(10000)*(ica*gamma/(2*FARADAY*depth)) - (cai - cafloor)/decay
}
