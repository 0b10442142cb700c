TITLE Exp2Syn.mod   synapse with a difference-of-exponentials conductance

COMMENT
Ranvier standard library: event-driven conductance synapse with separate
rise and decay time constants.

Model
  Each event of weight w (uS) at time t0 adds
      w * f * (exp(-(t - t0)/tau2) - exp(-(t - t0)/tau1))
  to the conductance, with tau1 < tau2. f is chosen so that the peak of
  this waveform equals w: the peak is at
      tp = tau1*tau2/(tau2 - tau1) * ln(tau2/tau1)
  and f = 1/(exp(-tp/tau2) - exp(-tp/tau1)).

  Written as two linear first-order states:
      dA/dt = -A/tau1,   dB/dt = -B/tau2,   g = B - A
      on an event:  A -> A + w*f,  B -> B + w*f
      i = g * (v - e)     (nA), outward positive

  The dual-exponential synaptic conductance: see P. Dayan and
  L. F. Abbott (2001), Theoretical Neuroscience, sec. 5.8 (MIT Press),
  and A. Roth and M. C. W. van Rossum (2009), Modeling synapses, in
  Computational Modeling Methods for Neuroscientists, E. De Schutter
  (ed.), ch. 6 (MIT Press), which gives the peak normalisation above.
  Events from many NetCons superpose exactly.

Parameters
  tau1 = 0.1 (ms)   rise time constant   (must be < tau2)
  tau2 = 10  (ms)   decay time constant
  e    = 0   (mV)   reversal potential

  The expressions are singular at tau1 = tau2 (the alpha-function limit).
  The rise constant actually used, taur, is tau1 limited to the range
  [1e-9*tau2, 0.9999*tau2]; tau1 itself is left as the user set it.

Units: A, B, g in uS; v, e in mV; i in nA.
ENDCOMMENT

NEURON {
    POINT_PROCESS Exp2Syn
    RANGE tau1, tau2, e, i, g
    NONSPECIFIC_CURRENT i
    THREADSAFE
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9, 1e9>
    tau2 = 10  (ms) <1e-9, 1e9>
    e    = 0   (mV)
}

ASSIGNED {
    v     (mV)
    i     (nA)
    g     (uS)
    taur  (ms)
    fnorm (1)
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tpeak
    taur = tau1
    if (taur > 0.9999*tau2) {
        taur = 0.9999*tau2
    }
    if (taur < 1e-9*tau2) {
        taur = 1e-9*tau2
    }
    tpeak = taur*tau2/(tau2 - taur)*log(tau2/taur)
    fnorm = 1/(exp(-tpeak/tau2) - exp(-tpeak/taur))
    A = 0
    B = 0
}

BREAKPOINT {
    SOLVE twostate METHOD cnexp
    g = B - A
    i = g*(v - e)
}

DERIVATIVE twostate {
    A' = -A/taur
    B' = -B/tau2
}

NET_RECEIVE (weight (uS)) {
    A = A + weight*fnorm
    B = B + weight*fnorm
}
