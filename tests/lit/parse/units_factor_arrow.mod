: Tests the UNITS factor form name = (unit) -> (unit), which nocmodl accepts ("foot2inch =
: (foot) -> (inch)" in its own syntax message); the name is a constant usable in expressions.
: RUN: %ranvier check --units=off --verify-diagnostics %s
: RUN: %ranvier emit --stage=nmodl %s | FileCheck %s
NEURON { SUFFIX ufa }
UNITS {
    foot2inch = (foot) -> (inch)
}
: CHECK: {{^}}    foot2inch = (foot) -> (inch){{$}}
ASSIGNED { x }
BREAKPOINT { x = foot2inch }
