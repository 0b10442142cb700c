TITLE Izhikevich.mod   Izhikevich (2003) simple spiking neuron

COMMENT
Ranvier standard library: the two-variable quadratic model of
Izhikevich, parameterised like NEST's izhikevich.

Sources
  E. M. Izhikevich (2003). Simple model of spiking neurons. IEEE Trans.
  Neural Netw. 14(6):1569-1572.
  NEST Simulator documentation, model izhikevich
  (nest-simulator.readthedocs.io, "izhikevich").

Dynamics (v in mV, t in ms)
  dV_m/dt = 0.04 V_m^2 + 5 V_m + 140 - U_m + I_e
  dU_m/dt = a (b V_m - U_m)
  if V_m crosses V_th: spike (net_event), V_m -> c, U_m -> U_m + d
  The numbers 0.04, 5 and 140 are the published fit; here they are the
  constants k2 (1/(mV ms)), k1 (1/ms) and k0 (mV/ms) so that the
  equation is dimensionally consistent. Following the paper, U_m and the
  input I_e have the units of dV_m/dt (mV/ms), a and b are rates (1/ms)
  and d is in mV/ms.

Input (as in NEST)
  NET_RECEIVE(weight): the membrane potential jumps by weight (mV);
  positive weights excite, negative weights inhibit. There is no
  synaptic time course and no refractory period.

Parameters (NEST names and defaults)
  a    = 0.02 (/ms)    recovery rate
  b    = 0.2  (/ms)    sensitivity of U_m to V_m
  c    = -65  (mV)     reset potential
  d    = 8    (mV/ms)  spike-triggered increment of U_m
  V_th = 30   (mV)     spike cut-off
  I_e  = 0    (mV/ms)  constant input (NEST documents it as pA but adds
                       it to dV/dt unscaled; values carry over unchanged)
  Initial state (NEST): V_m = -65 mV, U_m = 0.

Differences from NEST: NEST integrates with forward Euler on its fixed
grid, here the ODE is solved by the simulator's method (derivimplicit in
NEURON); NEST's lower bound V_min (default: none) is not provided.
This is a POINT_PROCESS that neither reads nor writes the membrane
potential of the section that holds it; V_m is its own state.
ENDCOMMENT

NEURON {
    POINT_PROCESS Izhikevich
    RANGE a, b, c, d, V_th, I_e, V_init, U_init
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
}

PARAMETER {
    a      = 0.02 (/ms)
    b      = 0.2  (/ms)
    c      = -65  (mV)
    d      = 8    (mV/ms)
    V_th   = 30   (mV)
    I_e    = 0    (mV/ms)
    V_init = -65  (mV)     : initial V_m
    U_init = 0    (mV/ms)  : initial U_m
    k2     = 0.04 (/mV-ms)
    k1     = 5    (/ms)
    k0     = 140  (mV/ms)
}

STATE {
    V_m (mV)
    U_m (mV/ms)
}

INITIAL {
    V_m = V_init
    U_m = U_init
    net_send(0, 1)   : arms the spike detector
}

BREAKPOINT {
    SOLVE quadratic METHOD derivimplicit
}

DERIVATIVE quadratic {
    V_m' = k2*V_m*V_m + k1*V_m + k0 - U_m + I_e
    U_m' = a*(b*V_m - U_m)
}

: flag 0: synaptic input; 1: arm WATCH; 2: spike.
NET_RECEIVE (weight (mV)) {
    if (flag == 0) {
        V_m = V_m + weight
    } else if (flag == 1) {
        WATCH (V_m > V_th) 2
    } else if (flag == 2) {
        net_event(t)
        V_m = c
        U_m = U_m + d
    }
}
