#!/usr/bin/env bash
# Installs Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) from Debian's package dataset-fashion-mnist: its four
# gzipped IDX files (MNIST's names and format) land in /usr/share/datasets/fashion-mnist/, where
# org.rlgan.gan.data.MnistImages.fashionTrain() reads them. No npm package ships the files, so apt is the source
# (issue 8); this script makes no other download. Needs root (or sudo) and apt-get; does nothing when the files are
# present and intact.
#
#   scripts/fetch-fashion-mnist.sh
set -euo pipefail

dest=/usr/share/datasets/fashion-mnist
# SHA-256 of the files of dataset-fashion-mnist 0.0~git20200523.55506a9-1 (Debian bookworm).
declare -A SHA256=(
  [train-images-idx3-ubyte.gz]=b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7
  [train-labels-idx1-ubyte.gz]=0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056
  [t10k-images-idx3-ubyte.gz]=cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa
  [t10k-labels-idx1-ubyte.gz]=8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05
)

die() {
  echo "fetch-fashion-mnist.sh: $*" >&2
  exit 1
}

intact() {
  local f
  for f in "${!SHA256[@]}"; do
    [[ -f "$dest/$f" ]] && [[ "$(sha256sum "$dest/$f" | cut -d' ' -f1)" == "${SHA256[$f]}" ]] || return 1
  done
}

if intact; then
  echo "Fashion-MNIST already in $dest (4 files, SHA-256 checked)"
  exit 0
fi
command -v apt-get >/dev/null || die "apt-get not found: install Debian's dataset-fashion-mnist package by other means"
sudo=""
[[ "$(id -u)" == 0 ]] || sudo=sudo
$sudo apt-get install -y dataset-fashion-mnist || die "apt-get install dataset-fashion-mnist failed (run apt-get update first?)"
for f in "${!SHA256[@]}"; do
  [[ -f "$dest/$f" ]] || die "$dest/$f is missing after installing dataset-fashion-mnist"
  got="$(sha256sum "$dest/$f" | cut -d' ' -f1)"
  [[ "$got" == "${SHA256[$f]}" ]] || echo "fetch-fashion-mnist.sh: note: $f has SHA-256 $got (another package version?)" >&2
done
echo "Fashion-MNIST in $dest"
