NEURON { SUFFIX badexpr }
ASSIGNED { a b }
BREAKPOINT {
    a = 3 * * 4
    b = (1 + 2
    a = b +
    = 5
    c[ = 1
    ~ A <-> (1, 2)
    SOLVE
}
