: Tests the round trip of stoichiometric coefficients before species whose names start like an
: exponent (e1, E2): the printer must keep them apart, or '2 e1' comes back as the number 2e1.
: RUN: %ranvier emit --stage=nmodl %s > %t.mod && %ranvier emit --stage=ast %s > %t.1 && %ranvier emit --stage=ast %t.mod > %t.2 && diff %t.1 %t.2
NEURON { SUFFIX stoich }
STATE { e1 E2 b }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
    ~ 2 e1 <-> b (1, 2)
    ~ 3 E2 + b <-> e1 (1, 2)
}
