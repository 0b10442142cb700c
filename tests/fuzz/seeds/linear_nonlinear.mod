TITLE LINEAR and NONLINEAR systems
NEURON { SUFFIX linsys RANGE p, q }
STATE { x y z }
ASSIGNED { p q }
INITIAL { SOLVE lin  SOLVE nonlin }
LINEAR lin {
    ~ x + y = 1
    ~ x - 2*y + z = p
    ~ z = q
}
NONLINEAR nonlin SOLVEFOR x, y {
    ~ x*x + y*y = 4
    ~ x = y^3
}
