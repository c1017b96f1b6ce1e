#!/usr/bin/env bash
# The LSTM benchmark (bench_lstm of ../shared/baselines/microbench.py), side by side with PyTorch in the same session.
#
#   bench/lstm.sh [ROUNDS]        (default 3 rounds, ours and PyTorch alternating)
#
# Installs Debian's python3-torch for the peer if it is missing (a benchmark dependency, never CI's), builds
# the nets test classes, then alternates our harness (org.rlgan.nets.bench.LstmBench) with
# ../shared/baselines/microbench.py --only lstm (override with RLGAN_BASELINES=DIR), both at one native
# thread. Both measure one LSTM(32 -> 128) over x [32, 50, 32] with an MSE loss, forward + backward, and the
# same with an Adam step. RLGAN_BENCH_CLOCK=process times both sides on their process CPU time instead of the
# wall clock (see bench/conv.sh); OPENBLAS_CORETYPE as bench/conv.sh (bench/lib/peer.sh). Results (JSON per run,
# the load average, and a summary with the ratios) go to
# bench-results/lstm-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=bench/lib/peer.sh
source bench/lib/peer.sh

mvn -B -ntp -q -pl nets test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat nets/target/bench-classpath.txt):nets/target/classes:nets/target/test-classes"

bench_results lstm
for r in $(seq 1 "$rounds"); do
  java -Drlgan.bench.clock="$clock" -cp "$cp" org.rlgan.nets.bench.LstmBench --mode all --out "$out/ours-$r.json" 2>/dev/null | grep -v '^\s*$' || true
  /usr/bin/python3 "${peer[@]}" --threads 1 --only lstm --out "$out/torch-$r.json"
  uptime >> "$out/load.txt"
done

/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
def per_round(pattern, name):
    return [json.load(open(f))["results"][name]["median"] for f in sorted(glob.glob(f"{out}/{pattern}"))]
lines = []
for name in ("lstm_fwd_bwd_T50_b32_h128", "lstm_fwd_bwd_adam_T50_b32_h128"):
    ours, torch = per_round("ours-*.json", name), per_round("torch-*.json", name)
    o, t = statistics.median(ours), statistics.median(torch)
    lines += [f"{name}",
              f"  ours  (steps/s, median per round): {[round(x, 2) for x in ours]}  -> {o:.2f}",
              f"  torch (steps/s, median per round): {[round(x, 2) for x in torch]}  -> {t:.2f}",
              f"  ratio ours/torch: {o / t:.2f}"]
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
