TITLE comments in every place they may appear
COMMENT
This block is ignored: NEURON { SUFFIX nothing } and { unbalanced
ENDCOMMENT
NEURON {
    SUFFIX commented : a trailing comment
    ? an old-style comment
    RANGE g
    COMMENT inside the NEURON block ENDCOMMENT
}
PARAMETER {
    g = 1 : units omitted on purpose
    COMMENT
    between declarations
    ENDCOMMENT
}
ASSIGNED { v (mV) }
BREAKPOINT {
    COMMENT a comment statement ENDCOMMENT
    g = g ? question-mark comment after a statement
}
