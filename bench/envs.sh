#!/usr/bin/env bash
# The environment-speed benchmark of docs/PERFORMANCE.md (issue 4): steps per second with random actions and
# resets. Gymnasium cannot be installed here; its CartPole-v1 under CPython was measured on this machine at
# ~45,000 steps/s through gym.make with sampled actions and ~85,000 unwrapped (../shared/baselines/README.md).
#
#   bench/envs.sh            results in bench-results/envs-<time>/
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl envs -am install -DskipTests
mvn -B -ntp -q -pl envs test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat envs/target/bench-classpath.txt):envs/target/classes:envs/target/test-classes"
out=bench-results/envs-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{ echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"; echo "java: $(java -version 2>&1 | head -1)"; } > "$out/machine.txt"
uptime > "$out/load.txt"
run() { java -cp "$cp" org.rlgan.envs.bench.EnvBench "$@" | tee -a "$out/results.jsonl"; }
run make CartPole-v1
run unwrapped CartPole-v1
for n in 8 64; do run vector CartPole-v1 $n 1; run vector CartPole-v1 $n 2; done
for g in Asterix Breakout Freeway Seaquest SpaceInvaders; do
  if java -cp "$cp" org.rlgan.envs.bench.EnvBench make "MinAtar/$g-v1" >> "$out/results.jsonl" 2>/dev/null; then tail -1 "$out/results.jsonl"; fi
done
uptime >> "$out/load.txt"
echo "results in $out"
