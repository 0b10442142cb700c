: Tests that recursion is an error (FUNCTIONs and PROCEDUREs are inlined): direct recursion,
: a cycle through three functions (reported once, with the chain), and a PROCEDURE calling
: itself; a call graph that is a diamond without a cycle is fine.
: RUN: %ranvier check --units=off --verify-diagnostics %s
NEURON { SUFFIX recur }
ASSIGNED { x }
FUNCTION fact(n) {
    if (n > 1) { fact = n*fact(n - 1) } else { fact = 1 } : expected-error {{recursive call: fact -> fact (FUNCTIONs and PROCEDUREs are inlined and cannot recurse)}}
}
FUNCTION g1(n) { g1 = g2(n) }
FUNCTION g2(n) { g2 = g3(n) }
FUNCTION g3(n) { g3 = g1(n) } : expected-error {{recursive call: g1 -> g2 -> g3 -> g1}}
PROCEDURE loop() { loop() } : expected-error {{recursive call: loop -> loop}}
FUNCTION top(n) { top = left(n) + right(n) }
FUNCTION left(n) { left = base(n) }
FUNCTION right(n) { right = base(n) }
FUNCTION base(n) { base = n }
BREAKPOINT { x = fact(3) + g1(1) + top(2) }
