#!/usr/bin/env bash
# The headline example for the current stage of Ranvier: check every standard-library model,
# then show the syntax tree of the Hodgkin-Huxley mechanism.
set -euo pipefail
build=${1:-build}
ranvier="$build/bin/ranvier"

echo "== ranvier check stdlib_models/*.mod"
"$ranvier" check stdlib_models/*.mod
echo "all $(ls stdlib_models/*.mod | wc -l) standard-library models are valid"
echo
echo "== ranvier emit --stage=ast stdlib_models/hh.mod (expressions fully parenthesised)"
"$ranvier" emit --stage=ast -w stdlib_models/hh.mod | sed -n '/^NEURON/,$p'
