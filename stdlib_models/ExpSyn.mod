TITLE ExpSyn.mod   synapse with an exponentially decaying conductance

COMMENT
Ranvier standard library: event-driven conductance synapse whose
conductance jumps by the NetCon weight at each presynaptic spike and then
decays with a single time constant.

Model
  dg/dt = -g/tau
  i     = g * (v - e)                  (nA), outward positive
  on an event of weight w (uS):  g -> g + w

  The single-exponential synaptic conductance is the simplest of the
  kinetic synapse models reviewed in P. Dayan and L. F. Abbott (2001),
  Theoretical Neuroscience, sec. 5.8 (MIT Press), and in A. Destexhe,
  Z. F. Mainen and T. J. Sejnowski (1998), Kinetic models of synaptic
  transmission, in Methods in Neuronal Modeling, 2nd ed., C. Koch and
  I. Segev (eds.), pp. 1-25 (MIT Press). Because the state is linear,
  events from any number of NetCons superpose exactly.

Parameters
  tau = 0.1 (ms)   decay time constant
  e   = 0   (mV)   reversal potential

Units: g in uS, v and e in mV, so i = g*(v - e) is in nA.
ENDCOMMENT

NEURON {
    POINT_PROCESS ExpSyn
    RANGE tau, e, i
    NONSPECIFIC_CURRENT i
    THREADSAFE
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau = 0.1 (ms) <1e-9, 1e9>
    e   = 0   (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE {
    g (uS)
}

INITIAL {
    g = 0
}

BREAKPOINT {
    SOLVE decay METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE decay {
    g' = -g/tau
}

NET_RECEIVE (weight (uS)) {
    g = g + weight
}
