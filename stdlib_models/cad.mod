TITLE cad.mod   submembrane calcium pool with first-order removal

COMMENT
Ranvier standard library: intracellular Ca2+ concentration in a thin
shell under the membrane, filled by the inward calcium current and
relaxing to a resting level with one time constant (a lumped model of
buffering and extrusion).

Source
  A. Destexhe, A. Babloyantz and T. J. Sejnowski (1993). Ionic mechanisms
  for intrinsic slow oscillations in thalamic relay neurons. Biophys. J.
  65:1538-1552 (simplified pump-free version of their Ca2+ pool).
  The same first-order shell is used by D. A. McCormick and
  J. R. Huguenard (1992). A model of the electrophysiological properties
  of thalamocortical relay neurons. J. Neurophysiol. 68:1384-1400.

Model
  dcai/dt = drive + (cainf - cai)/taur
  drive   = max(0, -ica / (2 * F * depth))
  A shell of thickness depth under a membrane patch of area S has volume
  S*depth, and a current density ica carries ica/(2F) moles of Ca2+ per
  unit area and time; only inward current (ica < 0) fills the shell
  (outward Ca2+ current is negligible and is not allowed to empty it).
  With ica in mA/cm2, depth in um and cai in mM the conversion is
      drive (mM/ms) = -1e4 * ica / (2 * F * depth).

Parameters
  depth = 0.1     (um)   thickness of the submembrane shell
  taur  = 200     (ms)   time constant of removal
  cainf = 2.4e-4  (mM)   resting (equilibrium) concentration

  F is Faraday's constant (96485.3 C/mol), taken from the units database.
  The initial concentration is cainf.

Units: cai, cainf in mM; ica in mA/cm2; depth in um; taur in ms.
ENDCOMMENT

NEURON {
    SUFFIX cad
    USEION ca READ ica, cai WRITE cai
    RANGE depth, taur, cainf, drive
    THREADSAFE
}

UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
}

PARAMETER {
    depth = 0.1    (um) <1e-9, 1e9>
    taur  = 200    (ms) <1e-9, 1e9>
    cainf = 2.4e-4 (mM) <0, 1e9>
}

ASSIGNED {
    ica   (mA/cm2)
    drive (mM/ms)
}

STATE {
    cai (mM) <1e-5>
}

INITIAL {
    cai = cainf
}

BREAKPOINT {
    SOLVE pool METHOD cnexp
}

DERIVATIVE pool {
    drive = -(1e4)*ica/(2*FARADAY*depth)
    if (drive < 0) {
        drive = 0
    }
    cai' = drive + (cainf - cai)/taur
}
