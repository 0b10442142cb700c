: Tests declarations that collide with builtins, as nocmodl checks them: v, celsius, dt, diam and
: area may be declared (as real models do), but t, the independent variable, may not ("multiple
: uses for same variable"), and a FUNCTION may not take the name of a builtin function such as
: exp ("exp is a RESERVED WORD").
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX bnames }
PARAMETER { celsius = 6.3 (degC) diam (um) area (um2) }
ASSIGNED {
    v (mV)
    dt (ms)
    t (ms) : expected-error {{'t' is the independent variable (time) and cannot be declared}}
    x
}
FUNCTION exp(a) { exp = a } : expected-error {{'exp' is a builtin function and cannot be redefined}}
BREAKPOINT { x = v + celsius + dt + diam + area + t }
