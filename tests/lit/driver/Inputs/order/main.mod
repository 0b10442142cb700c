: Includes shared.inc, which exists both next to this file and in searched/ (driver/include_order.test).
NEURON { SUFFIX order }
INCLUDE "shared.inc"
ASSIGNED { x }
BREAKPOINT { x = which }
