#!/usr/bin/env bash
# The Spark engine's overhead against the local engine (docs/PERFORMANCE.md, issue 10), end to end through
# ./workbench: the same sweep with the local engine (--parallel 1, 2: one JVM per trial) and the Spark engine
# (local[1], local[2]: trials as tasks in one embedded JVM), alternating, ROUNDS times.
#
#   bench/spark-sweep.sh [ROUNDS]     (default 2)
#
# Workloads: bench/sweeps/short-trials.yaml (12 tabular/mdp trials of well under a second) and
# scenarios/examples/cartpole-lr-sweep.yaml with the acceptance tests' tiny DQN budget and seeds 0, 1 (6 trials).
# Each line of results.tsv: workload, engine, wall seconds of the whole command, the sum of the trials' own
# wall_seconds from the manifest, the trial count, the load average before the command.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
out=bench-results/spark-sweep-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{ echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"
  echo "java: $(java -version 2>&1 | head -1)"; } > "$out/machine.txt"
# Build both class paths first so no build lands inside a timing.
./workbench --version > /dev/null
./workbench sweep --help --engine spark > /dev/null
dqn=(--set train.steps=600 --set train.log_every=200 --set eval.every=600 --set eval.episodes=1
  --set 'agent.network.hidden=[16]' --set agent.learning_starts=200 --set agent.train_freq=50
  --set agent.gradient_steps=2 --set agent.batch_size=16 --set agent.checkpoint_every=300 --set "sweep.seeds=[0, 1]")
run() { # workload file engine-args... (extra --set args in $sets)
  local name=$1 file=$2; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local t0 t1 dir
  t0=$(date +%s.%N)
  dir=$(./workbench sweep "$file" --out "$out/runs" "${sets[@]}" "$@" 2>> "$out/stderr.log" | tail -1)
  t1=$(date +%s.%N)
  python3 - "$name" "$*" "$t0" "$t1" "$dir" "$load" >> "$out/results.tsv" <<'PY'
import json, sys
name, engine, t0, t1, d, load = sys.argv[1:]
m = json.load(open(d + "/manifest.json"))
trials = m["trials"]
assert all(t["state"] == "finished" for t in trials), d
print("\t".join([name, engine, "%.2f" % (float(t1) - float(t0)), "%.2f" % sum(t["wall_seconds"] for t in trials),
                 str(len(trials)), load]))
PY
  tail -1 "$out/results.tsv"
}
for r in $(seq 1 "$rounds"); do
  sets=()
  for e in "--parallel 1" "--engine spark --master local[1]" "--parallel 2" "--engine spark --master local[2]"; do
    # shellcheck disable=SC2086
    run short bench/sweeps/short-trials.yaml $e
  done
  sets=("${dqn[@]}")
  for e in "--parallel 1" "--engine spark --master local[1]" "--parallel 2" "--engine spark --master local[2]"; do
    # shellcheck disable=SC2086
    run dqn scenarios/examples/cartpole-lr-sweep.yaml $e
  done
done
echo "results in $out/results.tsv"
