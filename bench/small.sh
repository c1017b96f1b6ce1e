#!/usr/bin/env bash
# The small-network workloads of issues 7 and 8 side by side with PyTorch in the same session: the ring GAN step
# (gan2d_ring_step_b256, through GanTrainer.step), the MinAtar DQN update (dqn_minatar_conv_b32) and the LSTM step
# (lstm_fwd_bwd_T50_b32_h128, and the same with Adam).
#
#   bench/small.sh [ROUNDS]        (default 3 rounds, ours and PyTorch alternating)
#
# Installs Debian's python3-torch for the peer if it is missing (bench/lib/peer.sh). Each round runs our three
# harnesses (org.rlgan.gan.bench.Gan2dStepBench, org.rlgan.nets.bench.ConvBench --mode dqn,
# org.rlgan.nets.bench.LstmBench), one JVM each, then ../shared/baselines/microbench.py --only
# gan2d,dqn_minatar,lstm (override with RLGAN_BASELINES=DIR), all at one native thread. Our harnesses warm up for
# RLGAN_BENCH_WARMUP_S seconds (default 10) after microbench.py's warm-up steps, so that the windows time
# C2-compiled code (PyTorch needs no such warm-up; see docs/PERFORMANCE.md). RLGAN_BENCH_CLOCK=process times both
# sides on their process CPU time (ours: -Drlgan.bench.clock=process; the peer: bench/peers/microbench_cpu.py),
# for a machine shared with other work. OPENBLAS_CORETYPE=SkylakeX is set for both sides where the CPU has the
# AVX-512 subsets it needs and the variable is unset (as bench/conv.sh). Results (JSON per run, the load average,
# a summary with the ratios) go to bench-results/small-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
# shellcheck source=bench/lib/peer.sh
source bench/lib/peer.sh
warmup_s=${RLGAN_BENCH_WARMUP_S:-10}

mvn -B -ntp -q -pl nets,gan-lab -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat gan-lab/target/bench-classpath.txt):nets/target/classes:nets/target/test-classes:gan-lab/target/classes"

bench_results small "our warm-up after the steps: ${warmup_s} s"
jopts=(-Xmx2g -Drlgan.bench.clock="$clock" -Drlgan.bench.warmupSeconds="$warmup_s")
for r in $(seq 1 "$rounds"); do
  java "${jopts[@]}" -cp "$cp" org.rlgan.gan.bench.Gan2dStepBench 7 1.5 50 2>/dev/null | grep '^{' > "$out/ours-gan-$r.json"
  java "${jopts[@]}" -cp "$cp" org.rlgan.nets.bench.ConvBench --mode dqn --out "$out/ours-dqn-$r.json" 2>/dev/null \
    | grep -v '^\s*$' || true
  java "${jopts[@]}" -cp "$cp" org.rlgan.nets.bench.LstmBench --mode all --out "$out/ours-lstm-$r.json" 2>/dev/null \
    | grep -v '^\s*$' || true
  cat "$out/ours-gan-$r.json"
  /usr/bin/python3 "${peer[@]}" --threads 1 --only gan2d,dqn_minatar,lstm --out "$out/torch-$r.json"
  uptime >> "$out/load.txt"
done

/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def ours(r, name):
    if name.startswith("gan2d"):
        return json.load(open(f"{out}/ours-gan-{r}.json"))[name]["median"]
    f = "dqn" if name.startswith("dqn") else "lstm"
    return json.load(open(f"{out}/ours-{f}-{r}.json"))["results"][name]["median"]
lines = []
for name in ("gan2d_ring_step_b256", "dqn_minatar_conv_b32", "lstm_fwd_bwd_T50_b32_h128",
             "lstm_fwd_bwd_adam_T50_b32_h128"):
    o = [ours(r, name) for r in range(1, rounds + 1)]
    t = [json.load(open(f"{out}/torch-{r}.json"))["results"][name]["median"] for r in range(1, rounds + 1)]
    ratios = [a / b for a, b in zip(o, t)]
    lines += [name,
              f"  ours  (/s, median per round): {[round(x, 1) for x in o]}",
              f"  torch (/s, median per round): {[round(x, 1) for x in t]}",
              f"  ratio per round: {[round(x, 2) for x in ratios]}  median {statistics.median(ratios):.2f}"]
open(f"{out}/summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results in $out"
