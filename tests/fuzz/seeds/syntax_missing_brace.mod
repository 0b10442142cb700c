NEURON { SUFFIX unclosed RANGE a
PARAMETER { a = 1 }
BREAKPOINT {
    IF (a > 0) {
        a = 2
}
