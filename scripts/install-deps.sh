#!/usr/bin/env bash
# Installs, from Debian's archive, whatever Ranvier needs to build and test that is not already
# present. Does nothing when everything is there; works as root and uses sudo otherwise.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  antlr4 libantlr4-runtime-dev
  libfmt-dev libsundials-dev
  openmpi-bin libopenmpi-dev libhdf5-openmpi-dev
  googletest libgtest-dev
  llvm-14-tools clang libclang-rt-14-dev
  neuron neuron-dev python3-neuron nmodl
  python3-h5py python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
