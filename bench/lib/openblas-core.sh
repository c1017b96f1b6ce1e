# Sourced by the bench scripts. OpenBLAS 0.3.21 (ND4J's bundled one, and Debian's under torch) does not know some
# AVX-512 CPUs (this project's machine, family 6 model 207, gets "Core: Prescott", SSE3 kernels, 2.6x slower
# SGEMM). Where the CPU has the AVX-512 subsets the SkylakeX kernels use, pick them for both sides unless
# OPENBLAS_CORETYPE is set already (forcing them on a CPU without those instructions would crash).
has_skylakex_isa() {
  local f flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null) || return 1
  for f in avx512f avx512dq avx512cd avx512bw avx512vl; do
    grep -qw "$f" <<<"$flags" || return 1
  done
}
if [ -z "${OPENBLAS_CORETYPE+set}" ] && has_skylakex_isa; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
