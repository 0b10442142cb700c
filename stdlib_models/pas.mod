TITLE pas.mod   passive membrane leak

COMMENT
Ranvier standard library: a linear (ohmic) leak current.

Model
  i = g * (v - e)          (mA/cm2), outward positive

  This is the passive membrane of cable theory, e.g. W. Rall (1977),
  Core conductor theory and cable properties of neurons, in Handbook of
  Physiology, Sect. 1, Vol. 1, pp. 39-97; and C. Koch (1999), Biophysics
  of Computation, ch. 1 (Oxford University Press).

Parameters
  g = 0.001 (S/cm2)   specific leak conductance, seen from hoc as g_pas
  e = -70   (mV)      leak reversal potential,   seen from hoc as e_pas

Units: v, e in mV; g in S/cm2; i in mA/cm2.
ENDCOMMENT

NEURON {
    SUFFIX pas
    NONSPECIFIC_CURRENT i
    RANGE g, e
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S)  = (siemens)
}

PARAMETER {
    g = 0.001 (S/cm2) <0, 1e9>
    e = -70   (mV)
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

BREAKPOINT {
    i = g*(v - e)
}
