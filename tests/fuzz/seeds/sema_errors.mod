TITLE names and blocks that semantic analysis rejects
NEURON {
    SUFFIX semabad
    USEION na READ ena WRITE ina
    RANGE undeclared_range
}
PARAMETER { a = 1 a = 2 }
STATE { s }
ASSIGNED { ina (mA/cm2) }
BREAKPOINT {
    SOLVE nowhere METHOD cnexp
    SOLVE k METHOD cnexp
    ina = unknown_var*exp(1, 2) + nofunc(3)
}
KINETIC k { ~ s <-> q (1, 2) }
DERIVATIVE d { s' = -s  t = 1 }
FUNCTION f(x) { f = g(x) }
FUNCTION g(x) { g = f(x) }
NET_RECEIVE(w) { WATCH (s > 1) 1 }
INITIAL { LOCAL s s = 1 v = 2 }
CELL soma { anything { goes } here }
