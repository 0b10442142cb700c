: In a folder without shared.inc: -I folders are searched in order (driver/include_order.test).
NEURON { SUFFIX order2 }
INCLUDE "shared.inc"
INCLUDE "only_here.inc"
ASSIGNED { x }
BREAKPOINT { x = which + only_here }
