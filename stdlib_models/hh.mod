TITLE hh.mod   squid giant axon Na, K and leak channels (Hodgkin-Huxley 1952)

COMMENT
Ranvier standard library: Hodgkin-Huxley membrane of the squid giant axon.

Source
  A. L. Hodgkin and A. F. Huxley (1952). A quantitative description of
  membrane current and its application to conduction and excitation in
  nerve. J. Physiol. 117(4):500-544.

Sign convention
  The 1952 paper measures V as the displacement from rest with
  depolarisation negative. Here v is the modern membrane potential
  (inside minus outside, mV) with rest near -65 mV, so that
  V_HH = -(v + 65).

Currents (mA/cm2)
  ina = gnabar * m^3 * h * (v - ena)
  ik  = gkbar  * n^4     * (v - ek)
  il  = gl               * (v - el)

Gates (x = m, h, n), rates in 1/ms at 6.3 degC, v in mV
  dx/dt = (xinf - x)/xtau,  xinf = ax/(ax + bx),  xtau = 1/(q10*(ax + bx))
  am = 0.1*(v + 40)/(1 - exp(-(v + 40)/10))   bm = 4*exp(-(v + 65)/18)
  ah = 0.07*exp(-(v + 65)/20)                 bh = 1/(1 + exp(-(v + 35)/10))
  an = 0.01*(v + 55)/(1 - exp(-(v + 55)/10))  bn = 0.125*exp(-(v + 65)/80)
  q10 = 3^((celsius - 6.3)/10)

  am and an have a removable singularity (0/0) at v = -40 and v = -55 mV.
  They are written with relx(x) = x/(exp(x) - 1), which is evaluated by a
  series near x = 0 and so is smooth everywhere:
      am = 1.0 * relx(-(v + 40)/10),   an = 0.1 * relx(-(v + 55)/10)

Parameters
  gnabar = 0.12   (S/cm2)  maximal Na conductance
  gkbar  = 0.036  (S/cm2)  maximal K conductance
  gl     = 0.0003 (S/cm2)  leak conductance
  el     = -54.3  (mV)     leak reversal potential
  ena, ek come from the na and k ions (NEURON defaults 50 and -77 mV).

Units: v, ena, ek, el in mV; t in ms; conductances S/cm2; currents mA/cm2.
The rate fits are empirical functions of v in mV returning 1/ms; they are
bracketed by UNITSOFF/UNITSON.

Differences from NEURON's built-in hh: no TABLE (rates are computed
directly, so that derivatives are exact); the steady states and time
constants (minf, mtau, ...) are RANGE variables rather than GLOBALs.
ENDCOMMENT

NEURON {
    SUFFIX hh
    USEION na READ ena WRITE ina
    USEION k READ ek WRITE ik
    NONSPECIFIC_CURRENT il
    RANGE gnabar, gkbar, gl, el, gna, gk
    RANGE minf, hinf, ninf, mtau, htau, ntau
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (S)  = (siemens)
}

PARAMETER {
    gnabar = 0.12   (S/cm2) <0, 1e9>
    gkbar  = 0.036  (S/cm2) <0, 1e9>
    gl     = 0.0003 (S/cm2) <0, 1e9>
    el     = -54.3  (mV)
}

ASSIGNED {
    v       (mV)
    celsius (degC)
    ena     (mV)
    ek      (mV)
    ina     (mA/cm2)
    ik      (mA/cm2)
    il      (mA/cm2)
    gna     (S/cm2)
    gk      (S/cm2)
    minf    (1)
    hinf    (1)
    ninf    (1)
    mtau    (ms)
    htau    (ms)
    ntau    (ms)
}

STATE {
    m (1)
    h (1)
    n (1)
}

INITIAL {
    settau(v)
    m = minf
    h = hinf
    n = ninf
}

BREAKPOINT {
    SOLVE gates METHOD cnexp
    gna = gnabar*m*m*m*h
    gk  = gkbar*n*n*n*n
    ina = gna*(v - ena)
    ik  = gk*(v - ek)
    il  = gl*(v - el)
}

DERIVATIVE gates {
    settau(v)
    m' = (minf - m)/mtau
    h' = (hinf - h)/htau
    n' = (ninf - n)/ntau
}

UNITSOFF
: Steady states and time constants of the three gates at potential vm (mV).
PROCEDURE settau(vm (mV)) {
    LOCAL phi, a, b

    phi = 3^((celsius - 6.3)/10)

    : activation of Na
    a = 1.0*relx(-(vm + 40)/10)
    b = 4*exp(-(vm + 65)/18)
    minf = a/(a + b)
    mtau = 1/(phi*(a + b))

    : inactivation of Na
    a = 0.07*exp(-(vm + 65)/20)
    b = 1/(1 + exp(-(vm + 35)/10))
    hinf = a/(a + b)
    htau = 1/(phi*(a + b))

    : activation of K
    a = 0.1*relx(-(vm + 55)/10)
    b = 0.125*exp(-(vm + 65)/80)
    ninf = a/(a + b)
    ntau = 1/(phi*(a + b))
}

: relx(x) = x/(exp(x) - 1), continued by its limit 1 at x = 0. Near zero a
: three-term Taylor series 1 - x/2 + x^2/12 avoids cancellation.
FUNCTION relx(x) {
    if (fabs(x) < 1e-5) {
        relx = 1 - x/2 + x*x/12
    } else {
        relx = x/(exp(x) - 1)
    }
}
UNITSON
