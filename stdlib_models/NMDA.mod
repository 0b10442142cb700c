TITLE NMDA.mod   two-state kinetic NMDA receptor synapse with Mg2+ block

COMMENT
Ranvier standard library: NMDA receptor synapse. Transmitter binding
follows the two-state kinetic scheme of Destexhe, Mainen and Sejnowski;
the voltage dependence is the extracellular Mg2+ block of Jahr and
Stevens.

Sources
  A. Destexhe, Z. F. Mainen and T. J. Sejnowski (1994). An efficient
  method for computing synaptic conductances based on a kinetic model of
  receptor binding. Neural Comput. 6:14-18.
  A. Destexhe, Z. F. Mainen and T. J. Sejnowski (1998). Kinetic models of
  synaptic transmission. In Methods in Neuronal Modeling, 2nd ed.,
  C. Koch and I. Segev (eds.), pp. 1-25, MIT Press
  (rate constants below are their NMDA values).
  C. E. Jahr and C. F. Stevens (1990). Voltage dependence of
  NMDA-activated macroscopic conductances predicted by single-channel
  kinetics. J. Neurosci. 10(9):3178-3182 (the Mg2+ block B(v) below).

Scheme
        C + T <-> O      forward Alpha*[T], backward Beta,   C + O = 1
  T is Cmax for Cdur after each event and 0 otherwise; an event during
  a pulse extends it to Cdur after the latest event.
  Mg2+ block (fraction of open channels not blocked):
        B(v) = 1 / (1 + exp(-mgslope*v) * mg/mgKd)
  g = gw * O * B(v),   i = g * (v - Erev)     (nA, outward positive)

  gw is the weight (uS) of the most recent event (the maximal
  conductance of this synapse). Receptors saturate, so events do not
  superpose linearly; use one instance per distinct weight.

Parameters
  Cmax    = 1      (mM)      transmitter concentration during a pulse
  Cdur    = 1      (ms)      pulse duration
  Alpha   = 0.072  (/mM-ms)  binding (opening) rate
  Beta    = 0.0066 (/ms)     unbinding (closing) rate
  Erev    = 0      (mV)      reversal potential
  mg      = 1      (mM)      extracellular Mg2+ concentration
  mgslope = 0.062  (/mV)     steepness of the block (Jahr & Stevens)
  mgKd    = 3.57   (mM)      Mg2+ dissociation constant at 0 mV

Units: concentrations mM, rates 1/ms, gw and g in uS, i in nA.
ENDCOMMENT

NEURON {
    POINT_PROCESS NMDA
    RANGE Cmax, Cdur, Alpha, Beta, Erev, mg, mgslope, mgKd, g, i, T, B
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
    Cmax    = 1      (mM)      <0, 1e9>
    Cdur    = 1      (ms)      <0, 1e9>
    Alpha   = 0.072  (/mM-ms)  <0, 1e9>
    Beta    = 0.0066 (/ms)     <0, 1e9>
    Erev    = 0      (mV)
    mg      = 1      (mM)      <0, 1e9>
    mgslope = 0.062  (/mV)
    mgKd    = 3.57   (mM)      <1e-9, 1e9>
}

ASSIGNED {
    v      (mV)
    i      (nA)
    g      (uS)
    B      (1)
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
    B = mgblock(v)
    g = gw*O*B
    i = g*(v - Erev)
}

KINETIC binding {
    ~ C <-> O (Alpha*T, Beta)
    CONSERVE C + O = 1
}

: Fraction of channels not blocked by Mg2+ at potential vm.
FUNCTION mgblock(vm (mV)) (1) {
    mgblock = 1/(1 + exp(-mgslope*vm)*(mg/mgKd))
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
