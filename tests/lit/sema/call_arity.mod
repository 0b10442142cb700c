: Tests argument counts of calls: FUNCTIONs, PROCEDUREs, FUNCTION_TABLEs and builtins (exp, pow,
: net_send) must get exactly their number of arguments; variadic builtins (printf) take any.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { POINT_PROCESS arity }
ASSIGNED { x }
FUNCTION_TABLE tab(v)
FUNCTION f(a) { f = a }
PROCEDURE p() { }
FUNCTION g(a, b, c) { g = a + b + c }
INITIAL {
    x = f(1, 2) : expected-error {{'f' takes 1 argument but 2 were given}}
    x = g(1, 2) : expected-error {{'g' takes 3 arguments but 2 were given}}
    p(1, 2) : expected-error {{'p' takes 0 arguments but 2 were given}}
    x = tab(1, 2) : expected-error {{'tab' takes 1 argument but 2 were given}}
    x = exp() : expected-error {{'exp' takes 1 argument but 0 were given}}
    x = pow(1, 2, 3) : expected-error {{'pow' takes 2 arguments but 3 were given}}
    net_send(0, 1, 2) : expected-error {{'net_send' takes 2 arguments but 3 were given}}
    x = f(1) + g(1, 2, 3) + tab(x) + exp(1) + pow(2, 3)
    p()
    printf("%g %g\n", x, f(x))
    printf("no arguments\n")
}
