NEURON { SUFFIX unterminated }
VERBATIM
int x = 1;
COMMENT
no end in sight
