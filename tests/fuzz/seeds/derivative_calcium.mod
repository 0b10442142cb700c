TITLE calcium accumulation with a first-order decay
NEURON {
    SUFFIX cadecay
    USEION ca READ ica, cai WRITE cai VALENCE 2
    RANGE depth, taur, cainf
}
UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}
PARAMETER {
    depth = .1 (um) <1e-3, 1e3>
    taur = 200 (ms)
    cainf = 100e-6 (mM)
}
ASSIGNED { ica (mA/cm2) drive (mM/ms) }
STATE { cai (mM) }
INITIAL { cai = cainf }
BREAKPOINT { SOLVE state METHOD derivimplicit }
DERIVATIVE state {
    drive = -(10000)*ica/(2*FARADAY*depth)
    if (drive <= 0.) { drive = 0. }
    cai' = drive + (cainf - cai)/taur
}
