: Tests the NET_RECEIVE block itself, as nocmodl checks it: it needs at least one formal (the
: weight), so a missing and an empty formal list are errors, and only one NET_RECEIVE block is
: allowed (the later ones are errors, with a note at the first).
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { ARTIFICIAL_CELL nrb }
NET_RECEIVE { net_event(t) } : expected-error {{NET_RECEIVE block must have at least one argument}}
: expected-note@-1 {{previous NET_RECEIVE block is here}} expected-note@-1 {{previous NET_RECEIVE block is here}}
NET_RECEIVE () { net_event(t) } : expected-error {{NET_RECEIVE block must have at least one argument}}
: expected-error@-1 {{only one NET_RECEIVE block is allowed}}
NET_RECEIVE (w) { net_event(t) } : expected-error {{only one NET_RECEIVE block is allowed}}
