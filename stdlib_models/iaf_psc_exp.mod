TITLE iaf_psc_exp.mod   leaky integrate-and-fire neuron, exponential current synapses

COMMENT
Ranvier standard library: leaky integrate-and-fire point neuron with
exponentially decaying synaptic currents and an absolute refractory
period, parameterised like NEST's iaf_psc_exp.

Sources
  S. Rotter and M. Diesmann (1999). Exact digital simulation of
  time-invariant linear systems with applications to neuronal modeling.
  Biol. Cybern. 81:381-402.
  M. Tsodyks, A. Uziel and H. Markram (2000). Synchrony generation in
  recurrent networks with frequency-dependent synapses. J. Neurosci.
  20:RC50 (the model with exponential PSCs).
  NEST Simulator documentation, model iaf_psc_exp
  (nest-simulator.readthedocs.io, "iaf_psc_exp").

Subthreshold dynamics (a time-invariant linear system while not refractory)
  dV_m/dt     = (E_L - V_m)/tau_m + (I_syn_ex + I_syn_in + I_e)/C_m
  dI_syn_ex/dt = -I_syn_ex/tau_syn_ex
  dI_syn_in/dt = -I_syn_in/tau_syn_in

Threshold, reset, refractoriness
  When V_m crosses V_th (WATCH) the cell emits a spike (net_event),
  V_m is set to V_reset and held there for t_ref. Holding is written
  into the ODE: while refractory = 1 the right-hand side of V_m becomes
  (V_reset - V_m)/tau_m, which is zero at V_m = V_reset, so V_m stays
  exactly at V_reset; the coefficient of V_m is -1/tau_m in both phases,
  so the system stays linear (and never degenerate). The synaptic
  currents keep integrating input during the refractory period.

Input (as in NEST)
  NET_RECEIVE(weight): weight >= 0 is added to I_syn_ex, weight < 0 to
  I_syn_in (so I_syn_in is <= 0). weight is in nA (NEST: pA).

Parameters (NEST names and defaults, converted to nA/nF)
  C_m        = 0.25 (nF)   membrane capacitance      (NEST 250 pF)
  tau_m      = 10   (ms)   membrane time constant
  E_L        = -70  (mV)   resting potential
  V_th       = -55  (mV)   spike threshold
  V_reset    = -70  (mV)   reset potential
  t_ref      = 2    (ms)   absolute refractory period
  tau_syn_ex = 2    (ms)   excitatory synaptic time constant
  tau_syn_in = 2    (ms)   inhibitory synaptic time constant
  I_e        = 0    (nA)   constant external current (NEST 0 pA)
  Initial state: V_m = E_L, no synaptic current, not refractory.

Units: V in mV, t in ms, C_m in nF, currents in nA (nA/nF = mV/ms).
This is a POINT_PROCESS that neither reads nor writes the membrane
potential of the section that holds it; V_m is its own state.
ENDCOMMENT

NEURON {
    POINT_PROCESS iaf_psc_exp
    RANGE C_m, tau_m, E_L, V_th, V_reset, t_ref, tau_syn_ex, tau_syn_in, I_e
    RANGE refractory
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (nF) = (nanofarad)
}

PARAMETER {
    C_m        = 0.25 (nF) <1e-12, 1e9>
    tau_m      = 10   (ms) <1e-9, 1e9>
    E_L        = -70  (mV)
    V_th       = -55  (mV)
    V_reset    = -70  (mV)
    t_ref      = 2    (ms) <0, 1e9>
    tau_syn_ex = 2    (ms) <1e-9, 1e9>
    tau_syn_in = 2    (ms) <1e-9, 1e9>
    I_e        = 0    (nA)
}

ASSIGNED {
    refractory (1)   : 1 during the refractory period, else 0
}

STATE {
    V_m      (mV)
    I_syn_ex (nA)
    I_syn_in (nA)
}

INITIAL {
    V_m = E_L
    I_syn_ex = 0
    I_syn_in = 0
    refractory = 0
    net_send(0, 1)   : arms the threshold detector
}

BREAKPOINT {
    SOLVE subthreshold METHOD cnexp
}

DERIVATIVE subthreshold {
    V_m' = (1 - refractory)*((E_L - V_m)/tau_m + (I_syn_ex + I_syn_in + I_e)/C_m)
           + refractory*(V_reset - V_m)/tau_m
    I_syn_ex' = -I_syn_ex/tau_syn_ex
    I_syn_in' = -I_syn_in/tau_syn_in
}

: flag 0: synaptic input; 1: arm WATCH; 2: threshold crossed;
: 3: end of the refractory period.
NET_RECEIVE (weight (nA)) {
    if (flag == 0) {
        if (weight >= 0) {
            I_syn_ex = I_syn_ex + weight
        } else {
            I_syn_in = I_syn_in + weight
        }
    } else if (flag == 1) {
        WATCH (V_m > V_th) 2
    } else if (flag == 2) {
        if (refractory == 0) {
            net_event(t)
            V_m = V_reset
            refractory = 1
            net_send(t_ref, 3)
        }
    } else if (flag == 3) {
        refractory = 0
    }
}
