: Tests KINETIC blocks: ~ A <-> B (kf, kb), stoichiometry 2A, ~ A << (flux), ~ A -> (k),
: COMPARTMENT plain and indexed, LONGITUDINAL_DIFFUSION, CONSERVE, f_flux/b_flux, array species
: with expression indices and reactions in a FROM loop.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
DEFINE N 3
NEURON { SUFFIX kin USEION ca READ cao, cai WRITE ica }
PARAMETER { kf = 1 (/ms) kb = 2 (/ms) vol = 1 (um3) diam = 1 (um) DFree = .6 }
ASSIGNED { ica (mA/cm2) cao (mM) cai (mM) flux }
STATE { C O I ca[N] (mM) B }
INITIAL { C = 1 }
BREAKPOINT { SOLVE scheme METHOD sparse ica = 0 }
KINETIC scheme {
    COMPARTMENT vol { C O I }
    COMPARTMENT i, diam*diam { ca }
    LONGITUDINAL_DIFFUSION i, DFree*diam { ca }
    ~ C <-> O (kf, kb)
    flux = f_flux - b_flux
    ~ 2O <-> I (kf*2, kb)
    ~ O + ca[0] <-> B (kf, kb)
    ~ ca[0] << (ica*diam)
    ~ I -> (kb)
    FROM i = 0 TO N - 2 {
        ~ ca[i] <-> ca[i+1] (DFree, DFree)
    }
    CONSERVE C + O + I + B = 1
}
: CHECK-LABEL: {{^}}KINETIC scheme {
: CHECK-NEXT: {{^}}    COMPARTMENT vol { C O I }{{$}}
: CHECK-NEXT: {{^}}    COMPARTMENT i, diam*diam { ca }{{$}}
: CHECK-NEXT: {{^}}    LONGITUDINAL_DIFFUSION i, DFree*diam { ca }{{$}}
: CHECK-NEXT: {{^}}    ~ C <-> O (kf, kb){{$}}
: CHECK-NEXT: {{^}}    flux = f_flux - b_flux{{$}}
: CHECK-NEXT: {{^}}    ~ 2O <-> I (kf*2, kb){{$}}
: CHECK-NEXT: {{^}}    ~ O + ca[0] <-> B (kf, kb){{$}}
: CHECK-NEXT: {{^}}    ~ ca[0] << (ica*diam){{$}}
: CHECK-NEXT: {{^}}    ~ I -> (kb){{$}}
: CHECK-NEXT: {{^}}    FROM i = 0 TO N - 2 {{{$}}
: CHECK-NEXT: {{^}}        ~ ca[i] <-> ca[i + 1] (DFree, DFree){{$}}
: CHECK-NEXT: {{^}}    }{{$}}
: CHECK-NEXT: {{^}}    CONSERVE C + O + I + B = 1{{$}}
: CHECK-NEXT: {{^}}}{{$}}
