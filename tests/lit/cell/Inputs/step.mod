: A constant current injection without events, for the CELL tests.
NEURON { POINT_PROCESS Step ELECTRODE_CURRENT i RANGE amp }
UNITS { (nA) = (nanoamp) }
PARAMETER { amp = 0 (nA) }
ASSIGNED { i (nA) }
BREAKPOINT { i = amp }
