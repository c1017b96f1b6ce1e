#!/usr/bin/env bash
# Writes the first N_TRAIN training and the first N_TEST test digits of the original MNIST files as gzipped IDX
# files (the test resources of nets come from this). Byte-for-byte reproducible: the header is rewritten with the
# new count, the pixels and labels are the originals' first records unchanged, gzip -9 -n stores no name or time.
#
#   scripts/make-mnist-subset.sh 2000 500 nets/src/test/resources/mnist
#
# Reads ${RLGAN_DATA:-~/.cache/rlgan}/mnist (run scripts/fetch-mnist.sh first).
set -euo pipefail
(($# == 3)) || { echo "usage: $0 N_TRAIN N_TEST OUT_DIR" >&2; exit 2; }
n_train=$1 n_test=$2 out=$3
src="${RLGAN_DATA:-$HOME/.cache/rlgan}/mnist"
[[ -f "$src/train-images-idx3-ubyte" ]] || { echo "$src has no MNIST: run scripts/fetch-mnist.sh" >&2; exit 1; }
mkdir -p "$out"

be32() { printf '%08x' "$1" | xxd -r -p; } # a big-endian 32-bit integer

subset() { # prefix n
  local prefix=$1 n=$2
  { be32 2051; be32 "$n"; be32 28; be32 28; head -c $((16 + n * 784)) "$src/$prefix-images-idx3-ubyte" | tail -c +17; } \
    | gzip -9 -n >"$out/$prefix-images-idx3-ubyte.gz"
  { be32 2049; be32 "$n"; head -c $((8 + n)) "$src/$prefix-labels-idx1-ubyte" | tail -c +9; } \
    | gzip -9 -n >"$out/$prefix-labels-idx1-ubyte.gz"
}
subset train "$n_train"
subset t10k "$n_test"
ls -l "$out"
