TITLE iaf_cond_exp.mod   leaky integrate-and-fire neuron, exponential conductance synapses

COMMENT
Ranvier standard library: leaky integrate-and-fire point neuron with
exponentially decaying excitatory and inhibitory synaptic conductances
and an absolute refractory period, parameterised like NEST's
iaf_cond_exp.

Sources
  H. Meffin, A. N. Burkitt and D. B. Grayden (2004). An analytical
  model for the 'large, fluctuating synaptic conductance state' typical
  of neocortical neurons in vivo. J. Comput. Neurosci. 16:159-175.
  NEST Simulator documentation, model iaf_cond_exp
  (nest-simulator.readthedocs.io, "iaf_cond_exp").

Subthreshold dynamics (linear in V_m for given conductances; the
conductances obey their own linear decay)
  C_m dV_m/dt = -g_L (V_m - E_L) - g_ex (V_m - E_ex) - g_in (V_m - E_in) + I_e
  dg_ex/dt    = -g_ex/tau_syn_ex
  dg_in/dt    = -g_in/tau_syn_in

Threshold, reset, refractoriness
  When V_m crosses V_th (WATCH) the cell emits a spike (net_event), V_m
  is set to V_reset and held there for t_ref. Holding is written into
  the ODE: while refractory = 1 the right-hand side of V_m becomes
  g_L (V_reset - V_m)/C_m, zero at V_m = V_reset, so V_m stays at
  V_reset and the equation stays linear with a non-zero V_m coefficient.
  The conductances keep integrating input during the refractory period.

Input (as in NEST)
  NET_RECEIVE(weight): weight >= 0 is added to g_ex, weight < 0 adds
  |weight| to g_in (both conductances are >= 0). weight is in uS
  (NEST: nS).

Parameters (NEST names and defaults, converted to uS/nF/nA)
  C_m        = 0.25      (nF)  membrane capacitance   (NEST 250 pF)
  g_L        = 0.0166667 (uS)  leak conductance       (NEST 16.6667 nS)
  E_L        = -70       (mV)  leak reversal potential
  E_ex       = 0         (mV)  excitatory reversal potential
  E_in       = -85       (mV)  inhibitory reversal potential
  V_th       = -55       (mV)  spike threshold
  V_reset    = -60       (mV)  reset potential
  t_ref      = 2         (ms)  absolute refractory period
  tau_syn_ex = 0.2       (ms)  excitatory synaptic time constant
  tau_syn_in = 2         (ms)  inhibitory synaptic time constant
  I_e        = 0         (nA)  constant external current
  Initial state: V_m = E_L, g_ex = g_in = 0, not refractory.

Units: V in mV, t in ms, C_m in nF, conductances in uS, currents in nA.
This is a POINT_PROCESS that neither reads nor writes the membrane
potential of the section that holds it; V_m is its own state.
ENDCOMMENT

NEURON {
    POINT_PROCESS iaf_cond_exp
    RANGE C_m, g_L, E_L, E_ex, E_in, V_th, V_reset, t_ref
    RANGE tau_syn_ex, tau_syn_in, I_e, refractory
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (nF) = (nanofarad)
    (uS) = (microsiemens)
}

PARAMETER {
    C_m        = 0.25      (nF) <1e-12, 1e9>
    g_L        = 0.0166667 (uS) <1e-12, 1e9>
    E_L        = -70       (mV)
    E_ex       = 0         (mV)
    E_in       = -85       (mV)
    V_th       = -55       (mV)
    V_reset    = -60       (mV)
    t_ref      = 2         (ms) <0, 1e9>
    tau_syn_ex = 0.2       (ms) <1e-9, 1e9>
    tau_syn_in = 2         (ms) <1e-9, 1e9>
    I_e        = 0         (nA)
}

ASSIGNED {
    refractory (1)   : 1 during the refractory period, else 0
}

STATE {
    V_m  (mV)
    g_ex (uS)
    g_in (uS)
}

INITIAL {
    V_m = E_L
    g_ex = 0
    g_in = 0
    refractory = 0
    net_send(0, 1)   : arms the threshold detector
}

BREAKPOINT {
    SOLVE subthreshold METHOD cnexp
}

DERIVATIVE subthreshold {
    V_m' = (1 - refractory)*(-g_L*(V_m - E_L) - g_ex*(V_m - E_ex)
                             - g_in*(V_m - E_in) + I_e)/C_m
           + refractory*g_L*(V_reset - V_m)/C_m
    g_ex' = -g_ex/tau_syn_ex
    g_in' = -g_in/tau_syn_in
}

: flag 0: synaptic input; 1: arm WATCH; 2: threshold crossed;
: 3: end of the refractory period.
NET_RECEIVE (weight (uS)) {
    if (flag == 0) {
        if (weight >= 0) {
            g_ex = g_ex + weight
        } else {
            g_in = g_in - weight
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
