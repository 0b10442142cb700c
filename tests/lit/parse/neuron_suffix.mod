: Tests the NEURON statements of a density mechanism: SUFFIX, USEION with READ, WRITE, VALENCE
: (positive and negative), NONSPECIFIC_CURRENT, RANGE, GLOBAL, EXTERNAL and THREADSAFE.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON {
    SUFFIX kd
    USEION k READ ek, ki WRITE ik VALENCE 1
    USEION ca READ cai, cao WRITE ica VALENCE 2
    USEION cl READ ecl WRITE icl VALENCE -1
    USEION na READ ena
    NONSPECIFIC_CURRENT il, ix
    RANGE gbar, g
    GLOBAL tau
    EXTERNAL ext_x
    THREADSAFE
}
: CHECK-LABEL: {{^}}NEURON {
: CHECK-NEXT: {{^}}    SUFFIX kd{{$}}
: CHECK-NEXT: {{^}}    USEION k READ ek, ki WRITE ik VALENCE 1{{$}}
: CHECK-NEXT: {{^}}    USEION ca READ cai, cao WRITE ica VALENCE 2{{$}}
: CHECK-NEXT: {{^}}    USEION cl READ ecl WRITE icl VALENCE -1{{$}}
: CHECK-NEXT: {{^}}    USEION na READ ena{{$}}
: CHECK-NEXT: {{^}}    NONSPECIFIC_CURRENT il, ix{{$}}
: CHECK-NEXT: {{^}}    RANGE gbar, g{{$}}
: CHECK-NEXT: {{^}}    GLOBAL tau{{$}}
: CHECK-NEXT: {{^}}    EXTERNAL ext_x{{$}}
: CHECK-NEXT: {{^}}    THREADSAFE{{$}}
: CHECK-NEXT: {{^}}}{{$}}
PARAMETER { gbar = 1 tau = 2 }
: EXTERNAL names a GLOBAL of another mechanism; like nocmodl, it still needs a declaration.
ASSIGNED { v ek ik g cai cao ica ecl icl il ix ki ena ext_x }
BREAKPOINT { ik = gbar*(v - ek) ica = 0 icl = 0 il = 0 ix = 0 g = ext_x + ena + ki + cao + cai + ecl + tau }
