#!/usr/bin/env bash
# The DQN-update benchmark of docs/PERFORMANCE.md, side by side with PyTorch in the same session.
#
#   bench/dqn-update.sh [ROUNDS]        (default 3 rounds, ours and PyTorch alternating)
#
# Installs Debian's python3-torch for the peer if it is missing (a benchmark dependency, never CI's), builds
# the nets test classes, then alternates our harness (org.rlgan.nets.bench.DqnUpdateBench) with
# ../shared/baselines/microbench.py --only dqn_mlp (override with RLGAN_BASELINES=DIR), both at one native
# thread. Results (JSON per run, the load average, and a summary with the ratio) go to
# bench-results/dqn-update-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
baselines=${RLGAN_BASELINES:-../shared/baselines}
[ -f "$baselines/microbench.py" ] || { echo "bench: no $baselines/microbench.py (set RLGAN_BASELINES)" >&2; exit 2; }

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3-torch python3-numpy
fi

mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl nets test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat nets/target/bench-classpath.txt):nets/target/classes:nets/target/test-classes"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
out=bench-results/dqn-update-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{ echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"; echo "java: $(java -version 2>&1 | head -1)"; } > "$out/machine.txt"
uptime > "$out/load.txt"
for r in $(seq 1 "$rounds"); do
  java -cp "$cp" org.rlgan.nets.bench.DqnUpdateBench --mode update --out "$out/ours-$r.json" 2>/dev/null | grep -v '^\s*$' || true
  /usr/bin/python3 "$baselines/microbench.py" --threads 1 --only dqn_mlp --out "$out/torch-$r.json"
  uptime >> "$out/load.txt"
done

/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
def medians(pattern, key):
    vals = []
    for f in sorted(glob.glob(f"{out}/{pattern}")):
        d = json.load(open(f))
        vals.append(key(d))
    return vals
ours = medians("ours-*.json", lambda d: d["results"]["dqn_mlp_4_64_64_2_b64"]["median"])
torch = medians("torch-*.json", lambda d: d["results"]["dqn_mlp_4_64_64_2_b64"]["median"])
o, t = statistics.median(ours), statistics.median(torch)
lines = [f"ours  (updates/s, median per round): {[round(x) for x in ours]}  -> {o:,.0f}",
         f"torch (updates/s, median per round): {[round(x) for x in torch]}  -> {t:,.0f}",
         f"ratio ours/torch: {o / t:.2f}"]
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
