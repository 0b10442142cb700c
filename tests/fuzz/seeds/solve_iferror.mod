TITLE SOLVE with IFERROR and DISCRETE blocks
NEURON { SUFFIX solver RANGE r }
STATE { s }
ASSIGNED { r }
BREAKPOINT {
    SOLVE grow METHOD euler IFERROR { r = -1 }
    r = s
}
DERIVATIVE grow { s' = 0.1*s }
DISCRETE step1 { s = s*2 }
