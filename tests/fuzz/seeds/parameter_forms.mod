TITLE parameter, state and assigned declarations in every form
NEURON { SUFFIX decls RANGE a, b, c, arr }
DEFINE NSEG 5
PARAMETER {
    a = -1.5e-3 (S/cm2) <0, 1e9>
    b = +2E+2 (/ms)
    c = .5 (1) <-1, 1>
    d (mM-ms)
    e = 3 (k-mole/m3)
    arr[4] (mV)
    big[NSEG]
    k1 = 1e-10 (mA/cm2-mV2)
}
CONSTANT { FARADAYX = 96485.3 (coulomb) }
STATE {
    s[NSEG] (mM) <1e-6>
    x START 0.25 (1)
    y FROM 0 TO 1
}
ASSIGNED { v (mV) w[3] }
INITIAL {
    FROM i = 0 TO NSEG - 1 { s[i] = 0.001*i }
    x = a + b*c/d - e^2
    y = arr[0] + big[NSEG - 1] + k1 + FARADAYX
}
