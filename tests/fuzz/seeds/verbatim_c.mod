: The C that VERBATIM blocks commonly hold is translated: declarations, compound assignment and
: ++, nocmodl's names (_l locals and arguments, _ion_ ion values), casts to double, IF/ELSE,
: switch, ?:, array elements, an assignment inside a condition, printf (dropped), Random123 draws,
: the `if (_p_rng) {...} else {` idiom left open across blocks (the unset pointer takes the
: fallback), and the dead code after an unconditional return.
: RUN: %ranvier emit -w --units=off --stage=ode %s | FileCheck %s
NEURON {
    POINT_PROCESS vc
    USEION ca READ cai
    RANGE a, b, tau
    POINTER donotuse
}
PARAMETER { a = 2 b = 3 tau[2] }
ASSIGNED { cai x y z r donotuse sel }
INITIAL {
    tau[0] = 1
    tau[1] = 2
    x = 0
    y = 0
VERBATIM
    double s = 1, k;
    int j;
    k = (double)_ion_cai * 2.;
    s += k;
    s *= a;
    x = s;
    printf("x=%g\n", x);
    if ((z = a*b) > 5) { y = z; } else { y = -z; }
    j = 1;
    switch (j) {
    case 0:
        tau[0] = 7;
        break;
    case 1:
    case 2:
        tau[1] = tau[0] + 5;
        break;
    default:
        y = 0;
    }
    r = nrnran123_negexp(_p_donotuse);
    sel = a > b ? a : b > 2 ? 1 : 0;
ENDVERBATIM
}
FUNCTION pick(lo) {
VERBATIM
    if (_p_donotuse) {
        _lpick = nrn_random_pick(_p_donotuse);
    } else {
ENDVERBATIM
        pick = lo + scop_random()
VERBATIM
    }
ENDVERBATIM
}
FUNCTION early(q) {
VERBATIM
    if (!_p_donotuse) { return _lq*2; }
    _learly = *(double*)_p_donotuse;
ENDVERBATIM
}
NET_RECEIVE (w) {
    x = pick(w) + early(w)
}
: CHECK-LABEL: INITIAL {
: CHECK-NEXT:     @draw0 ~ exponential(1)
: CHECK-DAG:     tau[0] = 1.0
: CHECK-DAG:     tau[1] = 6.0
: CHECK-DAG:     x = (2.0 * cai + 1.0) * a
: CHECK-DAG:     y = z > 5.0 ? z : -a * b
: CHECK-DAG:     z = a * b
: CHECK-DAG:     r = @draw0
: CHECK-DAG:     sel = a > b ? a : b > 2.0 ? 1.0 : 0.0
: CHECK-LABEL: NET_RECEIVE (w) {
: CHECK-NEXT:     @draw0 ~ uniform(0, 1)
: CHECK-NEXT:     x = @draw0 + 3.0 * w
