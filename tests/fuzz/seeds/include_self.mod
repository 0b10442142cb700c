INCLUDE "self.inc"
INCLUDE "broken.inc"
NEURON { SUFFIX inc_cycle }
