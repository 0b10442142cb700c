TITLE tabulated functions
NEURON { SUFFIX tabseed GLOBAL k, vhaPOINT_PROCESSlf RANGE x }
PARAMETER { k = 5COMMENT (mV) vhalf = -40 (mV) }
ASSIGNED { v (mV) x }
FUNCTION_TABLE tau1(v (mV)) (ms)
FUNCTION boltz(v (mV)) {
    TABLE DEPEND k, vhalf FROM -150 TO 100 WITH 500
    boltz = 1/(1 + exp(-(v - vhalf)/k))
}
FUNCTION ghkish(v (mV), ci (mM), co (mM)) (mV) {
    LOCAL z
    z = v/25
    if (fabs(z) < 1e-4) {
        ghkish = 25*(ci - co)*(1 - z/2)
    } else {
        ghkish = 25*(ci - co*exp(-z))*z/(1 - exp(-z))
    }
}
BREAKPOINT { x = boltz(v) + ghkish(v, 1e-4, 2) + tau1(v) }
