TITLE UNITS, INDEPENDENT, DEFINE and unit switches
UNITSOFF
DEFINE NPTS 10
UNITSON
INDEPENDENT { t FROM 0 TO 1 WITH 1 (ms) }
NEURON { SUFFIX unitsdemo RANGE r }
UNITS {
    (mV) = (millivolt)
    (molar) = (1/liter)
    (mM) = (millimolar)
    R = (k-mole) (joule/degC)
    KTOMV = .0853 (mV/degC)
}
PARAMETER { celsius (degC) x = 1 (mV) }
ASSIGNED { r (mV) }
BREAKPOINT { r = KTOMV*(celsius + 273.15) + x + R*0 + NPTS }
