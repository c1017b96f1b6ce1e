#!/usr/bin/env bash
# The exact-solver benchmark of docs/PERFORMANCE.md (issue 3), ours and a NumPy/SciPy peer alternating in one run.
#
#   bench/mdp-solvers.sh [ROUNDS]     (default 2)
#
# Workloads: policy iteration on pymdptoolbox's forest(10,000) at γ = 0.96; synchronous value iteration on a
# sparse random MDP with 1,000,000 states × 4 actions × 5 successors at γ = 0.95 until V* is within 1e-6.
# Installs Debian's python3-scipy for the peer if missing (a benchmark dependency, never CI's). Ours runs with both
# cores (the default common fork-join pool) and with one (-Djava.util.concurrent.ForkJoinPool.common.parallelism=0).
# Results (JSON lines, load average, machine) go to bench-results/mdp-solvers-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
if ! /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3-scipy python3-numpy
fi
mvn -B -ntp -q -pl mdp-core -am install -DskipTests
mvn -B -ntp -q -pl mdp-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="$(cat mdp-core/target/bench-classpath.txt):mdp-core/target/classes:mdp-core/target/test-classes"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
out=bench-results/mdp-solvers-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{ echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc --all) cores"; echo "java: $(java -version 2>&1 | head -1)"; } > "$out/machine.txt"
uptime > "$out/load.txt"
for r in $(seq 1 "$rounds"); do
  java -Xmx3g -cp "$cp" -Drepeats=3 org.rlgan.mdp.bench.SolverBench forest-pi 10000 0.96 | tee -a "$out/ours.jsonl"
  REPEATS=3 /usr/bin/python3 bench/peers/mdp_numpy.py forest-pi 10000 0.96 | tee -a "$out/peer.jsonl"
  java -Xmx3g -cp "$cp" -Drepeats=2 org.rlgan.mdp.bench.SolverBench sparse-vi 1000000 4 5 0.95 1e-6 | tee -a "$out/ours.jsonl"
  java -Xmx3g -cp "$cp" -Drepeats=2 -Djava.util.concurrent.ForkJoinPool.common.parallelism=0 \
    org.rlgan.mdp.bench.SolverBench sparse-vi 1000000 4 5 0.95 1e-6 | sed 's/"sparse-vi"/"sparse-vi-1thread"/' | tee -a "$out/ours.jsonl"
  REPEATS=2 /usr/bin/python3 bench/peers/mdp_numpy.py sparse-vi 1000000 4 5 0.95 1e-6 | tee -a "$out/peer.jsonl"
  uptime >> "$out/load.txt"
done
echo "results in $out"
