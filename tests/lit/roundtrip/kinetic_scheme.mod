: Tests the NMODL printer on kinetic and algebraic blocks: reactions of every form with
: stoichiometry and array species, COMPARTMENT (plain and indexed), LONGITUDINAL_DIFFUSION,
: CONSERVE, f_flux, LINEAR and NONLINEAR equations, STEADYSTATE and IFERROR.
: RUN: %ranvier emit --stage=nmodl %s > %t.mod && %ranvier emit --stage=ast %s > %t.1 && %ranvier emit --stage=ast %t.mod > %t.2 && diff %t.1 %t.2
: RUN: %ranvier emit --stage=nmodl %t.mod > %t.again.mod && diff %t.mod %t.again.mod
DEFINE NANN 4
NEURON {
    SUFFIX cadiffrt
    USEION ca READ cai, ica WRITE cai
    RANGE ca_flux
}
UNITS {
    (molar) = (1/liter)
    (mM) = (millimolar)
    (um) = (micron)
    (mA) = (milliamp)
    FARADAY = (faraday) (10000 coulomb)
    PI = (pi) (1)
}
PARAMETER {
    DCa = 0.6 (um2/ms)
    k1buf = 100 (/mM-ms)
    k2buf = 0.1 (/ms)
    TotalBuffer = 0.003 (mM)
    diam (um)
}
ASSIGNED {
    cai (mM)
    ica (mA/cm2)
    vrat[NANN] (1)
    ca_flux
    err
}
STATE {
    ca[NANN] (mM) <1e-10>
    CaBuffer[NANN] (mM)
    Buffer[NANN] (mM)
    o c1 c2 x y z
}
INITIAL {
    FROM i = 0 TO NANN-1 { vrat[i] = 1/NANN ca[i] = cai }
    SOLVE scheme STEADYSTATE sparse
    SOLVE lin
}
BREAKPOINT {
    SOLVE scheme METHOD sparse IFERROR { err = 1 }
    SOLVE nonlin METHOD newton
}
KINETIC scheme {
    COMPARTMENT i, diam*diam*vrat[i] {ca CaBuffer Buffer}
    LONGITUDINAL_DIFFUSION i, DCa*diam*diam*vrat[i] {ca}
    COMPARTMENT (1e10)*PI*diam { o c1 c2 }
    ~ ca[0] << (-ica*PI*diam/(2*FARADAY))
    FROM i=0 TO NANN-2 {
        ~ ca[i] <-> ca[i+1] (DCa*1, DCa*1)
    }
    FROM i=0 TO NANN-1 {
        ~ ca[i] + Buffer[i] <-> CaBuffer[i] (k1buf*diam*diam*vrat[i], k2buf*diam*diam*vrat[i])
    }
    ~ 2c1 + c2 <-> 3 o (k1buf, k2buf)
    ca_flux = f_flux
    ~ o -> (k2buf)
    CONSERVE o + c1 + c2 = 1
    cai = ca[0]
}
LINEAR lin {
    ~ x + 2*y = 1
    ~ x - y = -(1 + 2)
}
NONLINEAR nonlin {
    ~ z^2 = 4 - err
}
