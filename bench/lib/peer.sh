# Sourced by the bench scripts that run beside PyTorch (../shared/baselines/microbench.py, or RLGAN_BASELINES=DIR).
# Checks the baselines, installs Debian's python3-torch for the peer if it is missing (a benchmark dependency, never
# CI's), runs native code at one thread, picks the OpenBLAS core (openblas-core.sh), and sets
#   clock  RLGAN_BENCH_CLOCK: wall (default) or process (both sides timed on their process CPU time: ours with
#          -Drlgan.bench.clock=process, the peer through bench/peers/microbench_cpu.py; rates per CPU second)
#   peer   the command line of the peer, as an array: /usr/bin/python3 "${peer[@]}" --threads 1 --only ...
# bench_results NAME [LINE...] then makes the results folder $out = bench-results/NAME-<time>/ with machine.txt
# (CPU, Java, OpenBLAS core, clock, and the LINEs) and load.txt (the load average; append one per round).
baselines=${RLGAN_BASELINES:-../shared/baselines}
[ -f "$baselines/microbench.py" ] || { echo "bench: no $baselines/microbench.py (set RLGAN_BASELINES)" >&2; exit 2; }
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy
fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
clock=${RLGAN_BENCH_CLOCK:-wall}
case "$clock" in
  wall) peer=("$baselines/microbench.py") ;;
  process) peer=(bench/peers/microbench_cpu.py "$baselines") ;;
  *) echo "bench: RLGAN_BENCH_CLOCK=$clock is not one of wall, process" >&2; exit 2 ;;
esac
# shellcheck source=bench/lib/openblas-core.sh
source "$(dirname "${BASH_SOURCE[0]}")/openblas-core.sh"

bench_results() {
  out=bench-results/$1-$(date -u +%Y%m%dT%H%M%SZ)
  shift
  mkdir -p "$out"
  { echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-}"
    echo "clock: $clock"
    local line
    for line in "$@"; do echo "$line"; done; } > "$out/machine.txt"
  uptime > "$out/load.txt"
}
