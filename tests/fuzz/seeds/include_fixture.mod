: common.inc (beside the fuzzer's virtual input path) declares g and e
INCLUDE "common.inc"
NEURON { SUFFIX inc_ok NONSPECIFIC_CURRENT i RANGE g }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
