: Tests derivative errors: the derivative of a PARAMETER or an ASSIGNED variable (not a STATE;
: the note shows the declaration) and a derivative assigned outside a DERIVATIVE block.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX dere }
PARAMETER { p = 1 } : expected-note {{'p' is declared here}}
ASSIGNED { a } : expected-note {{'a' is declared here}}
STATE { s }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d {
    s' = -s
    p' = 1 : expected-error {{'p' is a PARAMETER, not a STATE; only STATEs have derivatives}}
    a' = 1 : expected-error {{ASSIGNED variable, not a STATE; only STATEs have derivatives}}
}
INITIAL {
    s' = 0 : expected-error {{a derivative (s') may be assigned only in a DERIVATIVE block}}
}
PROCEDURE pr() {
    s' = 0 : expected-error {{a derivative (s') may be assigned only in a DERIVATIVE block}}
}
