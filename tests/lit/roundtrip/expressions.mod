: Tests that the NMODL printer keeps every parenthesis the tree needs: precedence, left and right
: associativity, unary minus against ^, comparisons and logic, numbers with units and exponents,
: array indices and nested calls.
: RUN: %ranvier emit --stage=nmodl %s > %t.mod && %ranvier emit --stage=ast %s > %t.1 && %ranvier emit --stage=ast %t.mod > %t.2 && diff %t.1 %t.2
: RUN: %ranvier emit --stage=nmodl %t.mod > %t.again.mod && diff %t.mod %t.again.mod
NEURON { SUFFIX exprrt }
ASSIGNED { a b c d x e[3] }
BREAKPOINT {
    x = -a^2
    x = (-a)^2
    x = a^b^c
    x = (a^b)^c
    x = a - (b - c)
    x = (a - b) - c
    x = a/(b/c)
    x = a/(b*c)
    x = -(a + b)
    x = -(a*b)
    x = -(-a)
    x = a - -b
    x = 2^-a
    x = 2^(-a)^2
    x = (a + b)^(c - d)
    x = !(a && b) || !c
    x = (a || b) && c
    x = !(a < b)
    x = (a < b) < c
    x = a < (b < c)
    x = (a == b) == c
    x = 1.5e-3 + .5 + 1. + 1E+5 + 007
    x = 2 (mV) + 3 (mV)
    x = e[(a + 1)*2] + e[a - (b - 1)]
    x = exp(-(a - b)/c)*pow(a, b^2)
    x = fabs(-a)^0.5
}
