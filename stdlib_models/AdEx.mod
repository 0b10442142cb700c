TITLE AdEx.mod   adaptive exponential integrate-and-fire neuron (conductance synapses)

COMMENT
Ranvier standard library: adaptive exponential integrate-and-fire point
neuron of Brette and Gerstner with exponentially decaying synaptic
conductances, parameterised like NEST's aeif_cond_exp.

Sources
  R. Brette and W. Gerstner (2005). Adaptive exponential integrate-and-
  fire model as an effective description of neuronal activity.
  J. Neurophysiol. 94:3637-3642.
  NEST Simulator documentation, model aeif_cond_exp
  (nest-simulator.readthedocs.io, "aeif_cond_exp").

Dynamics
  C_m dV_m/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T)
                - g_ex (V - E_ex) - g_in (V - E_in) - w + I_e
  tau_w dw/dt = a (V - E_L) - w
  dg_ex/dt    = -g_ex/tau_syn_ex,   dg_in/dt = -g_in/tau_syn_in
  where, as in NEST, V = min(V_m, V_spike) on the right-hand sides, so
  that the exponential cannot overflow once V_m has passed the spike
  detection level. For Delta_T = 0 the exponential term is dropped
  (the model becomes an adaptive LIF neuron).

Spikes, reset, refractoriness
  V_spike = V_peak if Delta_T > 0, else V_th. When V_m crosses V_spike
  (WATCH) the cell emits a spike (net_event), V_m is set to V_reset,
  w is increased by b, and V_m is held at V_reset for t_ref: while
  refractory = 1 the right-hand side of V_m is g_L (V_reset - V_m)/C_m,
  which is zero at V_m = V_reset. w and the conductances keep evolving
  (with V = V_reset) during that time.

Input (as in NEST)
  NET_RECEIVE(weight): weight >= 0 is added to g_ex, weight < 0 adds
  |weight| to g_in. weight is in uS (NEST: nS).

Parameters (NEST names and defaults, converted to uS/nF/nA)
  C_m        = 0.281  (nF)  membrane capacitance        (NEST 281 pF)
  g_L        = 0.030  (uS)  leak conductance            (NEST 30 nS)
  E_L        = -70.6  (mV)  leak reversal potential
  V_th       = -50.4  (mV)  spike initiation threshold
  Delta_T    = 2      (mV)  slope factor
  V_peak     = 0      (mV)  spike detection level
  V_reset    = -60    (mV)  reset potential
  t_ref      = 0      (ms)  absolute refractory period
  a          = 0.004  (uS)  subthreshold adaptation     (NEST 4 nS)
  b          = 0.0805 (nA)  spike-triggered adaptation  (NEST 80.5 pA)
  tau_w      = 144    (ms)  adaptation time constant
  E_ex       = 0      (mV)  excitatory reversal potential
  E_in       = -85    (mV)  inhibitory reversal potential
  tau_syn_ex = 0.2    (ms)  excitatory synaptic time constant
  tau_syn_in = 2      (ms)  inhibitory synaptic time constant
  I_e        = 0      (nA)  constant external current
  Initial state: V_m = E_L, w = 0, g_ex = g_in = 0, not refractory.

Units: V in mV, t in ms, C_m in nF, conductances in uS, currents in nA.
The equation is nonlinear in V_m. METHOD euler (explicit) is used for
NEURON's fixed step: with derivimplicit the Newton iteration of the
implicit Euler step fails to converge during the spike upstroke (the
implicit equation's only root lies far beyond V_peak), and cnexp would
be wrong for a nonlinear right-hand side. Variable-step integrators
(NEURON's CVODE, Ranvier) integrate the right-hand side as written.
This is a POINT_PROCESS that neither reads nor writes the membrane
potential of the section that holds it; V_m is its own state.
ENDCOMMENT

NEURON {
    POINT_PROCESS AdEx
    RANGE C_m, g_L, E_L, V_th, Delta_T, V_peak, V_reset, t_ref
    RANGE a, b, tau_w, E_ex, E_in, tau_syn_ex, tau_syn_in, I_e
    RANGE refractory, V_spike
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (nA) = (nanoamp)
    (nF) = (nanofarad)
    (uS) = (microsiemens)
}

PARAMETER {
    C_m        = 0.281  (nF) <1e-12, 1e9>
    g_L        = 0.030  (uS) <1e-12, 1e9>
    E_L        = -70.6  (mV)
    V_th       = -50.4  (mV)
    Delta_T    = 2      (mV) <0, 1e9>
    V_peak     = 0      (mV)
    V_reset    = -60    (mV)
    t_ref      = 0      (ms) <0, 1e9>
    a          = 0.004  (uS)
    b          = 0.0805 (nA)
    tau_w      = 144    (ms) <1e-9, 1e9>
    E_ex       = 0      (mV)
    E_in       = -85    (mV)
    tau_syn_ex = 0.2    (ms) <1e-9, 1e9>
    tau_syn_in = 2      (ms) <1e-9, 1e9>
    I_e        = 0      (nA)
}

ASSIGNED {
    refractory (1)    : 1 during the refractory period, else 0
    V_spike    (mV)   : spike detection level
}

STATE {
    V_m  (mV)
    w    (nA)
    g_ex (uS)
    g_in (uS)
}

INITIAL {
    if (Delta_T > 0) {
        V_spike = V_peak
    } else {
        V_spike = V_th
    }
    V_m = E_L
    w = 0
    g_ex = 0
    g_in = 0
    refractory = 0
    net_send(0, 1)   : arms the spike detector
}

BREAKPOINT {
    SOLVE membrane METHOD euler
}

DERIVATIVE membrane {
    LOCAL vb
    vb = vbound(V_m)
    V_m' = (1 - refractory)*(-g_L*(vb - E_L) + spikecur(vb) - g_ex*(vb - E_ex)
                             - g_in*(vb - E_in) - w + I_e)/C_m
           + refractory*g_L*(V_reset - V_m)/C_m
    w' = (a*(vb - E_L) - w)/tau_w
    g_ex' = -g_ex/tau_syn_ex
    g_in' = -g_in/tau_syn_in
}

: V_m limited to the spike detection level.
FUNCTION vbound(vm (mV)) (mV) {
    if (vm < V_spike) {
        vbound = vm
    } else {
        vbound = V_spike
    }
}

: Exponential spike-initiation current g_L Delta_T exp((vm - V_th)/Delta_T).
FUNCTION spikecur(vm (mV)) (nA) {
    if (Delta_T > 0) {
        spikecur = g_L*Delta_T*exp((vm - V_th)/Delta_T)
    } else {
        spikecur = 0
    }
}

: flag 0: synaptic input; 1: arm WATCH; 2: spike detected;
: 3: end of the refractory period.
NET_RECEIVE (weight (uS)) {
    if (flag == 0) {
        if (weight >= 0) {
            g_ex = g_ex + weight
        } else {
            g_in = g_in - weight
        }
    } else if (flag == 1) {
        WATCH (V_m > V_spike) 2
    } else if (flag == 2) {
        if (refractory == 0) {
            net_event(t)
            V_m = V_reset
            w = w + b
            refractory = 1
            net_send(t_ref, 3)
        }
    } else if (flag == 3) {
        refractory = 0
    }
}
