TITLE C code in VERBATIM blocks
VERBATIM
#include <stdlib.h>
static double helper(double x) { return x < 0 ? -x : x; } /* } ENDCOMMENT { */
ENDVERBATIM
NEURON { SUFFIX verb RANGE r }
ASSIGNED { r }
PROCEDURE seed(x) {
VERBATIM
    srand((unsigned)_lx);
ENDVERBATIM
}
FUNCTION draw() {
VERBATIM
    _ldraw = helper((double)rand() / RAND_MAX);
ENDVERBATIM
}
INITIAL { seed(1) r = draw() + cfunc(2) }
