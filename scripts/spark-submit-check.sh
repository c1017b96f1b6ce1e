#!/usr/bin/env bash
# Checks the shaded jar the way a cluster runs it, without a cluster (docs/spark.md, "What was run here"):
#
#   scripts/spark-submit-check.sh       (SKIP_BUILD=1: reuse the jar already in spark/target)
#
# 1. builds spark/target/rlgan-spark-*-spark-submit.jar (mvn -Pspark-submit package; about 2 minutes);
# 2. makes a stand-in Spark 3.5.9 (Scala 2.13) distribution: spark-core's dependencies from Maven Central with the
#    Jackson and SLF4J versions Spark's own build ships, linked into $work/spark-home/jars;
# 3. runs org.apache.spark.deploy.SparkSubmit (the class bin/spark-submit runs) with that class path and the jar as
#    the application, --master local-cluster[2,1,1500]: two worker processes, each with a real executor JVM;
# 4. kills one executor with SIGKILL while it runs a trial, and checks that Spark retried that trial on a new
#    executor (attempts 2 in the manifest) and that every trial finished.
# Exit 0 when all of that held. Needs Java 17 and Maven; nothing is installed into ~/.m2 but Maven's downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/rlgan-spark-submit-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
spark_version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' spark/pom.xml)

if [ "${SKIP_BUILD:-0}" != 1 ]; then   # SKIP_BUILD=1: use the jar already in spark/target
  echo "== building the shaded jar"
  mvn -B -ntp -q -pl spark -am -Pspark-submit -DskipTests package
fi
jar=$(ls spark/target/rlgan-spark-*-spark-submit.jar)

echo "== a stand-in Spark $spark_version distribution in $work/spark-home"
mkdir -p "$work/dist" "$work/spark-home/jars"
cat > "$work/dist/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.check</groupId><artifactId>spark-dist</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId><version>$spark_version</version></dependency>
    <!-- the versions in Spark 3.5's jars/ (Maven's mediation alone picks older ones) -->
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId><version>2.15.2</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.7</version></dependency>
  </dependencies>
</project>
EOF
mvn -B -ntp -q -f "$work/dist/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/dist/cp.txt"
# (the class path file has no final newline: read's status is false on its last entry, which is still linked)
tr ':' '\n' < "$work/dist/cp.txt" | while read -r j || [ -n "$j" ]; do ln -s "$j" "$work/spark-home/jars/"; done
[ -e "$work/spark-home/jars/slf4j-api-2.0.7.jar" ] || { echo "the stand-in distribution lacks slf4j-api"; exit 1; }
touch "$work/spark-home/RELEASE"

echo "== spark-submit --master local-cluster[2,1,1500]"
read -r -a flags <<< "$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' spark/pom.xml)"
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 \
  OPENBLAS_NUM_THREADS=1
# 10 minutes at most: a cluster whose executors cannot start waits for resources for ever.
timeout 600 java -Xmx1g "${flags[@]}" -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties" \
  -cp "$(cat "$work/dist/cp.txt")" org.apache.spark.deploy.SparkSubmit \
  --master 'local-cluster[2,1,1500]' --conf spark.ui.enabled=false --conf spark.task.maxFailures=3 \
  --class org.rlgan.scenarios.cli.Workbench "$jar" \
  sweep spark/src/test/resources/sweeps/sparse-models.yaml --engine spark --out "$work/runs" \
  --set train.steps=2000000 --set train.log_every=500000 > "$work/out.txt" 2> "$work/err.txt" &
submit=$!

# Kill an executor once both have a trial running (two trials 'running' in the manifest), so it dies mid-trial.
killed=""
for _ in $(seq 1 600); do
  m=$(ls "$work"/runs/sparse-models/sweep-*/manifest.json 2>/dev/null || true)
  if [ -n "$m" ] && [ "$(grep -c '"state" : "running"' "$m")" -ge 2 ]; then
    # only this check's executors: their command line names its stand-in SPARK_HOME
    pid=$(pgrep -f "$work/spark-home.*CoarseGrainedExecutorBackend" | head -1 || true)
    if [ -n "$pid" ]; then
      sleep 1
      kill -9 "$pid"
      killed=$pid
      echo "killed executor process $pid"
      break
    fi
  fi
  sleep 0.2
done
wait $submit || { echo "spark-submit failed"; tail -30 "$work/err.txt"; exit 1; }
[ -n "$killed" ] || { echo "no executor was killed"; exit 1; }
grep -v ' INFO ' "$work/err.txt" | grep -E 'Lost executor|ExecutorLost|finished|FAILED' || true
python3 - "$(ls "$work"/runs/sparse-models/sweep-*/manifest.json)" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
states = {t["id"]: (t["state"], t["attempts"]) for t in m["trials"]}
print(states)
assert all(s == "finished" for s, _ in states.values()), "a trial did not finish"
assert any(a == 2 for _, a in states.values()), "no trial was retried"
print("ok: every trial finished; the killed executor's trial was retried")
PY
echo "work folder: $work"
