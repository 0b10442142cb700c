TITLE GABAA.mod   two-state kinetic GABA-A receptor synapse

COMMENT
Ranvier standard library: GABA-A receptor (chloride) synapse in the
two-state kinetic formalism of Destexhe, Mainen and Sejnowski, driven by
a square pulse of transmitter after each presynaptic event.

Sources
  A. Destexhe, Z. F. Mainen and T. J. Sejnowski (1994). An efficient
  method for computing synaptic conductances based on a kinetic model of
  receptor binding. Neural Comput. 6:14-18.
  A. Destexhe, Z. F. Mainen and T. J. Sejnowski (1998). Kinetic models of
  synaptic transmission. In Methods in Neuronal Modeling, 2nd ed.,
  C. Koch and I. Segev (eds.), pp. 1-25, MIT Press
  (rate constants below are their GABA-A values).

Scheme
        C + T <-> O      forward Alpha*[T], backward Beta,   C + O = 1
  T is Cmax for Cdur after each event and 0 otherwise; an event during
  a pulse extends it to Cdur after the latest event.
  g = gw * O,   i = g * (v - Erev)     (nA, outward positive)
  The current is carried by Cl- (and HCO3-) but is written as a
  nonspecific current with a fixed reversal potential, so it does not
  change or read any ion concentration.

  gw is the weight (uS) of the most recent event (the maximal
  conductance of this synapse). Receptors saturate, so events do not
  superpose linearly; use one instance per distinct weight.

Parameters
  Cmax  = 1    (mM)        transmitter concentration during a pulse
  Cdur  = 1    (ms)        pulse duration
  Alpha = 5    (/mM-ms)    binding (opening) rate
  Beta  = 0.18 (/ms)       unbinding (closing) rate
  Erev  = -80  (mV)        reversal potential

Units: concentrations mM, rates 1/ms, gw and g in uS, i in nA.
ENDCOMMENT

NEURON {
    POINT_PROCESS GABAA
    RANGE Cmax, Cdur, Alpha, Beta, Erev, g, i, T
    NONSPECIFIC_CURRENT i
    THREADSAFE
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
    (mM) = (milli/liter)
}

PARAMETER {
    Cmax  = 1    (mM)      <0, 1e9>
    Cdur  = 1    (ms)      <0, 1e9>
    Alpha = 5    (/mM-ms)  <0, 1e9>
    Beta  = 0.18 (/ms)     <0, 1e9>
    Erev  = -80  (mV)
}

ASSIGNED {
    v      (mV)
    i      (nA)
    g      (uS)
    T      (mM)
    gw     (uS)
    npulse (1)
}

STATE {
    C (1)
    O (1)
}

INITIAL {
    T = 0
    gw = 0
    npulse = 0
    C = 1
    O = 0
}

BREAKPOINT {
    SOLVE binding METHOD sparse
    g = gw*O
    i = g*(v - Erev)
}

KINETIC binding {
    ~ C <-> O (Alpha*T, Beta)
    CONSERVE C + O = 1
}

: flag 0: presynaptic event, start (or extend) a transmitter pulse.
: flag k > 0: end of the pulse begun by event number k; ignored unless no
: later event has arrived since.
NET_RECEIVE (weight (uS)) {
    if (flag == 0) {
        gw = weight
        npulse = npulse + 1
        T = Cmax
        net_send(Cdur, npulse)
    } else if (flag == npulse) {
        T = 0
    }
}
