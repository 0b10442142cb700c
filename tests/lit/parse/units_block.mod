: Tests the UNITS block: unit aliases (mV) = (millivolt), named physical constants
: FARADAY = (faraday) (coulomb), named numbers with a unit KTOMV = .0853 (mV/degC), and unit
: text with blanks, digits and '-' ( (k-mole), (/ms), (1/liter) ); the names are constants.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX ub }
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (molar) = (1/liter)
    (mM) = ( milli  molar )
    (S) = (siemens)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    F = 96485.3 (coulomb/mole)
    KTOMV = .0853 (mV/degC)
    e0 = 1.60217646e-19 (coulombs)
}
: CHECK-LABEL: {{^}}UNITS {
: CHECK-NEXT: {{^}}    (mV) = (millivolt){{$}}
: CHECK-NEXT: {{^}}    (mA) = (milliamp){{$}}
: CHECK-NEXT: {{^}}    (molar) = (1/liter){{$}}
: CHECK-NEXT: {{^}}    (mM) = (milli molar){{$}}
: CHECK-NEXT: {{^}}    (S) = (siemens){{$}}
: CHECK-NEXT: {{^}}    FARADAY = (faraday) (coulomb){{$}}
: CHECK-NEXT: {{^}}    R = (k-mole) (joule/degC){{$}}
: CHECK-NEXT: {{^}}    F = 96485.3 (coulomb/mole){{$}}
: CHECK-NEXT: {{^}}    KTOMV = .0853 (mV/degC){{$}}
: CHECK-NEXT: {{^}}    e0 = 1.60217646e-19 (coulombs){{$}}
: CHECK-NEXT: {{^}}}{{$}}
ASSIGNED { x }
BREAKPOINT { x = FARADAY + R + F + KTOMV + e0 }
