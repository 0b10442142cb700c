: an INCLUDE that cannot be found is an error, not a crash
INCLUDE "does_not_exist.inc"
NEURON { SUFFIX inc_missing }
