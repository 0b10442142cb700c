TITLE operators, precedence and associativity
NEURON { SUFFIX exprs RANGE r }
ASSIGNED { r a b c }
INITIAL {
    a = 2 b = 3 c = 0.5
    r = -a^2 + (-a)^2 - a^b^c^-2 + --a - +b
    r = a*b/c*(a - b) - (a - (b - c)) + a/(b/c)
    r = !(a < b) || a <= b && b >= c || a == c && b != c || (a > b)
    r = 1e3 (ms) + 2.5E-3 + .25 + 7.
    r = ((((((((((a))))))))))
    IF (a) { r = 1 } ELSE IF (!b) { r = 2 } ELSE { r = 3 }
    WHILE (r < 10) { r = r + 1 }
}
