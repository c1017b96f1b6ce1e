#!/usr/bin/env bash
# The GAN steps through the library's trainer (GanTrainer), side by side with PyTorch in the same session.
#
#   bench/gan-step.sh [ROUNDS]    (default 3 rounds, ours and PyTorch alternating)
#
# Times org.rlgan.gan.bench.Gan2dStepBench (gan2d_ring_step_b256, and dcgan28_step_b64 with the peer's scheme,
# GanConfig.reuseFakeBatch) against ../shared/baselines/microbench.py --only gan2d,dcgan28 (override with
# RLGAN_BASELINES=DIR), both at one native thread. The classpath comes from a reactor build of nets and gan-lab, so
# gan-lab runs on the nets classes of this checkout and on nd4j-native's oneDNN build (a classpath resolved for
# gan-lab alone takes nets from ~/.m2, whose pom may name another nd4j-native build). RLGAN_BENCH_CLOCK=process
# times both sides on their process CPU time (see bench/conv.sh); OPENBLAS_CORETYPE as bench/conv.sh. Results
# (JSON per run, the load average, and a summary with the ratios) go to bench-results/gan-step-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=bench/lib/peer.sh
source bench/lib/peer.sh

mvn -B -ntp -q -pl nets,gan-lab compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat gan-lab/target/bench-classpath.txt):gan-lab/target/classes"

bench_results gan-step
for r in $(seq 1 "$rounds"); do
  for mode in ring dcgan; do
    java -Xmx3g -Drlgan.bench.clock="$clock" -cp "$cp" org.rlgan.gan.bench.Gan2dStepBench 5 1.5 50 "$mode" 2>/dev/null \
      | tail -1 | tee "$out/ours-$mode-$r.json"
  done
  /usr/bin/python3 "${peer[@]}" --threads 1 --only gan2d,dcgan28 --repeats 5 --out "$out/torch-$r.json"
  uptime >> "$out/load.txt"
done

/usr/bin/python3 - "$out" <<'PY'
import glob, json, statistics, sys
out = sys.argv[1]
lines = []
for key, mode in (("gan2d_ring_step_b256", "ring"), ("dcgan28_step_b64", "dcgan")):
    ours = [json.load(open(f))[key]["median"] for f in sorted(glob.glob(f"{out}/ours-{mode}-*.json"))]
    torch = [json.load(open(f))["results"][key]["median"] for f in sorted(glob.glob(f"{out}/torch-*.json"))]
    ratios = [a / b for a, b in zip(ours, torch)]
    lines += [key,
              f"  ours  (steps per second, median per round): {[round(x, 2) for x in ours]}",
              f"  torch (steps per second, median per round): {[round(x, 2) for x in torch]}",
              f"  ratio per round (same load): {[round(x, 2) for x in ratios]} -> median {statistics.median(ratios):.2f}"]
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
