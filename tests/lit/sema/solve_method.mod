: Tests SOLVE methods: an unknown METHOD is an error, and a METHOD that does not fit its block
: (cnexp on KINETIC, sparse on DERIVATIVE, cnexp and euler on a PROCEDURE, newton on LINEAR,
: simeq on NONLINEAR, simeq as STEADYSTATE of a DERIVATIVE) is an error with a note at the
: block, while after_cvode fits a PROCEDURE.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX smeth }
STATE { s a b c }
ASSIGNED { x }
BREAKPOINT {
    SOLVE d METHOD bogus : expected-error {{unknown METHOD 'bogus'}}
    SOLVE k METHOD cnexp : expected-error {{METHOD 'cnexp' cannot solve KINETIC block 'k'}}
    SOLVE d METHOD sparse : expected-error {{METHOD 'sparse' cannot solve DERIVATIVE block 'd'}}
    SOLVE p METHOD cnexp : expected-error {{METHOD 'cnexp' cannot solve PROCEDURE}}
    SOLVE p METHOD euler : expected-error {{METHOD 'euler' cannot solve PROCEDURE}}
    SOLVE p METHOD after_cvode
    SOLVE lin METHOD newton : expected-error {{METHOD 'newton' cannot solve LINEAR block 'lin'}}
    SOLVE nonlin METHOD simeq : expected-error {{METHOD 'simeq' cannot solve NONLINEAR block 'nonlin'}}
}
INITIAL {
    c = 0
    SOLVE d STEADYSTATE simeq : expected-error {{STEADYSTATE 'simeq' cannot solve DERIVATIVE block 'd'}}
}
DERIVATIVE d { s' = -s } : expected-note {{'d' is declared here}} expected-note {{'d' is declared here}}
KINETIC k { ~ a <-> b (1, 2) } : expected-note {{'k' is declared here}}
PROCEDURE p() { x = 1 } : expected-note {{'p' is declared here}}
: expected-note@-1 {{'p' is declared here}}
LINEAR lin { ~ c = 1 } : expected-note {{'lin' is declared here}}
NONLINEAR nonlin { ~ c*c = 1 } : expected-note {{'nonlin' is declared here}}
