#!/usr/bin/env bash
# The renderer benchmark of docs/PERFORMANCE.md: frames per second of every scene (live window, offscreen,
# offscreen + readback) under Mesa llvmpipe, then the training slowdown of `workbench run --render`.
#
#   bench/render.sh [FRAMES] [ROUNDS]     (default 300 frames per cell, 2 rounds of training off/on)
#
# Needs xvfb, xauth, libgl1-mesa-dri (scripts/ensure-toolchain.sh installs them). Runs everything under one
# xvfb-run display. The training runs are scenarios/examples/cartpole-dqn.yaml for 10,000 steps (stop_at_eval_return
# off), alternating without and with --render; their wall_seconds come from each run's summary.json. Results go to
# bench-results/render-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-300}
rounds=${2:-2}
. scripts/ensure-toolchain.sh
ensure_toolchain

mvn -B -ntp -q -pl renderer -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
cp="renderer/target/test-classes:renderer/target/classes:$(cat renderer/target/bench-classpath.txt)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
out=bench-results/render-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{ echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"; echo "java: $(java -version 2>&1 | head -1)"; } > "$out/machine.txt"
uptime > "$out/load.txt"

xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' java -Xmx1g -cp "$cp" org.rlgan.render.bench.RenderBench "$frames" "$out/scenes.md"
uptime >> "$out/load.txt"

./workbench --version >/dev/null   # builds the command line once, outside the timed runs
for r in $(seq 1 "$rounds"); do
  for mode in off on; do
    flags=()
    [ "$mode" = on ] && flags=(--render)
    dir=$(xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' ./workbench run scenarios/examples/cartpole-dqn.yaml \
      --out "$out/runs-$mode" --set train.steps=10000 --set agent.stop_at_eval_return=null "${flags[@]}" 2>/dev/null | tail -1)
    wall=$(grep -o '"wall_seconds" *: *[0-9.]*' "$dir/summary.json" | grep -o '[0-9.]*$')
    echo "$mode $r $wall" | tee -a "$out/training.txt"
    uptime >> "$out/load.txt"
  done
done
awk '{s[$1]+=$3; n[$1]++} END {printf "training wall s: off %.1f, on %.1f, slowdown %.1f%%\n", s["off"]/n["off"], s["on"]/n["on"], (s["on"]/n["on"]/(s["off"]/n["off"])-1)*100}' "$out/training.txt" | tee "$out/summary.txt"
