TITLE IntFire1.mod   leaky integrate-and-fire artificial cell, event driven

COMMENT
Ranvier standard library: the simplest integrate-and-fire neuron, computed
exactly between events (no equation is integrated), as an ARTIFICIAL_CELL.

Model
  A membrane state m (dimensionless, threshold 1) decays to 0:
      dm/dt = -m/tau,   so   m(t) = m(t0) exp(-(t - t0)/tau)
  An input event of weight w adds w to m at once. When m exceeds 1 the cell
  fires (net_event), and for `refrac` ms it ignores its inputs; then m
  starts again from 0. While refractory, m reads 2 (a mark for plots).
  The membrane is only brought up to date when an event arrives, so
  reading m between events gives its value at the last event; M() gives
  the decayed value at the present time.

  The exact solution of the leaky integrator between inputs is the
  standard event-driven scheme; see M. Rudolph and A. Destexhe (2006),
  Neural Computation 18:2146, and N. T. Carnevale and M. L. Hines (2006),
  The NEURON Book, ch. 10 (which defines the behaviour of NEURON's built-in
  IntFire1 that this file follows).

Parameters
  tau    = 10 (ms)  membrane time constant
  refrac = 5 (ms)   refractory period (0: none)

Input: NET_RECEIVE(w), w dimensionless (1 is the distance from rest to
threshold). Output: its spikes, as net_event, for NetCons and DETECTORs.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL IntFire1
    RANGE tau, refrac, m
    THREADSAFE
}

PARAMETER {
    tau = 10 (ms) <1e-9, 1e9>
    refrac = 5 (ms) <0, 1e9>
}

ASSIGNED {
    m (1)           : at the last event (2 while refractory)
    t0 (ms)         : time of the last update of m
    refractory (1)  : 1 from a spike until refrac later
}

INITIAL {
    m = 0
    t0 = t
    refractory = 0
}

FUNCTION M() {
    if (refractory == 0) {
        M = m*exp(-(t - t0)/tau)
    } else {
        M = 2
    }
}

NET_RECEIVE (w) {
    if (flag == 1) {
        : the end of the refractory period
        refractory = 0
        m = 0
        t0 = t
    } else if (refractory == 0) {
        m = m*exp(-(t - t0)/tau) + w
        t0 = t
        if (m > 1) {
            net_event(t)
            refractory = 1
            m = 2
            net_send(refrac, 1)
        }
    }
}
