#!/usr/bin/env bash
# The convolutional benchmarks (MinAtar DQN update, DCGAN 28x28 step), side by side with PyTorch in the same session.
#
#   bench/conv.sh [ROUNDS]        (default 3 rounds, ours and PyTorch alternating)
#
# Installs Debian's python3-torch for the peer if it is missing (a benchmark dependency, never CI's), builds the
# nets test classes, then alternates our harness (org.rlgan.nets.bench.ConvBench) with
# ../shared/baselines/microbench.py --only dqn_minatar,dcgan28 (override with RLGAN_BASELINES=DIR), both at one
# native thread. Extra JVM options go in RLGAN_BENCH_JAVA_OPTS (e.g. -Drlgan.nets.conv=gemm or =nd4j to force one
# convolution implementation for every layer instead of the per-layer default). RLGAN_BENCH_CLOCK=process times
# both sides on their process CPU time instead of the wall clock (ours: -Drlgan.bench.clock=process; the peer:
# bench/peers/microbench_cpu.py), for a machine shared with other work: rates are then per CPU second.
# OPENBLAS_CORETYPE applies to both sides: OpenBLAS 0.3.21 does not recognise some recent AVX-512
# CPUs and falls back to slow generic kernels (see docs/PERFORMANCE.md); when it is unset and the CPU has
# AVX-512 F/DQ/CD/BW/VL, this script sets SkylakeX (set OPENBLAS_CORETYPE yourself to choose another core).
# Results (JSON per run, the load average, and a summary with the ratios) go to bench-results/conv-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=bench/lib/peer.sh
source bench/lib/peer.sh

mvn -B -ntp -q -pl nets test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat nets/target/bench-classpath.txt):nets/target/classes:nets/target/test-classes"

bench_results conv "java opts: ${RLGAN_BENCH_JAVA_OPTS:-}"
for r in $(seq 1 "$rounds"); do
  # shellcheck disable=SC2086
  java -Drlgan.bench.clock="$clock" ${RLGAN_BENCH_JAVA_OPTS:-} -cp "$cp" org.rlgan.nets.bench.ConvBench --out "$out/ours-$r.json" 2>/dev/null \
    | grep -v '^\s*$' || true
  /usr/bin/python3 "${peer[@]}" --threads 1 --only dqn_minatar,dcgan28 --out "$out/torch-$r.json"
  uptime >> "$out/load.txt"
done

/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
lines = []
for key in ("dqn_minatar_conv_b32", "dcgan28_step_b64"):
    def medians(pattern):
        return [json.load(open(f))["results"][key]["median"] for f in sorted(glob.glob(f"{out}/{pattern}"))]
    ours, torch = medians("ours-*.json"), medians("torch-*.json")
    o, t = statistics.median(ours), statistics.median(torch)
    lines += [f"{key}",
              f"  ours  (per second, median per round): {[round(x, 2) for x in ours]}  -> {o:,.2f}",
              f"  torch (per second, median per round): {[round(x, 2) for x in torch]}  -> {t:,.2f}",
              f"  ratio ours/torch: {o / t:.2f}",
              f"  ratio per round (same load): {[round(a / b, 2) for a, b in zip(ours, torch)]}"
              f"  -> median {statistics.median([a / b for a, b in zip(ours, torch)]):.2f}"]
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
