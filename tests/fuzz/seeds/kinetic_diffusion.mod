TITLE radial calcium diffusion in shells with a buffer
NEURON {
    SUFFIX cashell
    USEION ca READ cao, cai, ica WRITE cai
    RANGE ica_pmp
    GLOBAL vrat, TotalBuffer
}
DEFINE NANN 4
UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (10000 coulomb)
    PI = (pi) (1)
}
PARAMETER {
    DCa = 0.6 (um2/ms)
    k1buf = 100 (/mM-ms)
    k2buf = 0.1 (/ms)
    TotalBuffer = 0.003 (mM)
}
ASSIGNED {
    diam (um)
    ica (mA/cm2)
    cai (mM)
    cao (mM)
    vrat[NANN] (1)
    ica_pmp (mA/cm2)
}
STATE {
    ca[NANN] (mM) <1e-10>
    CaBuffer[NANN] (mM)
    Buffer[NANN] (mM)
}
BREAKPOINT { SOLVE state METHOD sparse }
INITIAL {
    FROM i = 0 TO NANN - 1 {
        vrat[i] = 1/NANN
        ca[i] = cai
        Buffer[i] = TotalBuffer/2
        CaBuffer[i] = TotalBuffer - Buffer[i]
    }
}
KINETIC state {
    COMPARTMENT i, diam*diam*vrat[i] {ca CaBuffer Buffer}
    LONGITUDINAL_DIFFUSION i, DCa*diam*diam*vrat[i] {ca}
    ~ ca[0] << (-ica*PI*diam/(2*FARADAY))
    FROM i = 0 TO NANN - 2 {
        ~ ca[i] <-> ca[i + 1] (DCa*2, DCa*2)
    }
    FROM i = 0 TO NANN - 1 {
        ~ ca[i] + Buffer[i] <-> CaBuffer[i] (k1buf*diam*diam*vrat[i], k2buf*diam*diam*vrat[i])
    }
    CONSERVE Buffer[0] + CaBuffer[0] = TotalBuffer
    cai = ca[0]
}
