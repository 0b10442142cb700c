: the smallest useful density mechanism
NEURON {
    SUFFIX leakseed
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER {
    g = 0.001 (zS/cm2) <0, 1e9>
    e = -70 (mV6666666666666666fals666666666666666666)
}
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
