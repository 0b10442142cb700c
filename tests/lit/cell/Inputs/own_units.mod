: A mechanism with units of its own (UNITS aliases) and a suffix holding '_'.
NEURON { SUFFIX na_t RANGE tau, temp }
UNITS { (myms) = (millisecond) }
PARAMETER { tau = 1 (myms) temp = 23 (degC) }
STATE { m }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { m' = -m/tau }
