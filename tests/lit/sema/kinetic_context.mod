: Tests the statements allowed only in KINETIC blocks: reactions (<->, ->, <<), CONSERVE,
: COMPARTMENT and LONGITUDINAL_DIFFUSION elsewhere are errors; '~' equations are allowed only in
: LINEAR/NONLINEAR (and KINETIC); a flux '<<' into a non-STATE is an error.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX kctx }
PARAMETER { p = 1 }
STATE { a b }
BREAKPOINT { SOLVE k METHOD sparse SOLVE d METHOD cnexp }
DERIVATIVE d {
    a' = -a
    ~ a <-> b (1, 2) : expected-error {{a reaction is allowed only in a KINETIC block}}
    ~ b -> (1) : expected-error {{a reaction is allowed only in a KINETIC block}}
    ~ a << (1) : expected-error {{a reaction is allowed only in a KINETIC block}}
    CONSERVE a + b = 1 : expected-error {{CONSERVE is allowed only in a KINETIC block}}
    COMPARTMENT 2 { a b } : expected-error {{COMPARTMENT is allowed only in a KINETIC block}}
    LONGITUDINAL_DIFFUSION 1 { a } : expected-error {{LONGITUDINAL_DIFFUSION is allowed only in a KINETIC block}}
}
INITIAL {
    ~ a = 1 : expected-error {{a '~' equation is allowed only in a LINEAR or NONLINEAR block}}
}
KINETIC k {
    ~ a <-> b (1, 2)
    ~ p << (1) : expected-error {{'p' receives a flux but is not a STATE}}
}
