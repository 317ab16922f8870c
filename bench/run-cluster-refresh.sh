#!/usr/bin/env bash
# Refresh throughput of 10,000 due connections with two broker nodes against one, on PostgreSQL
# (issue 5, item 7): runs ClusterRefreshBench. See bench/README.md.
#
#   bench/run-cluster-refresh.sh [--connections=10000] [--cap=64] [--latencies=0,200] [--rounds=1]
#                                [--pg-url=jdbc:postgresql://127.0.0.1:5432/test] [--pg-user=postgres]
#
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS. Exit status 1 when an invariant failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROKER_JAR="$ROOT/broker/target/credbroker.jar"
BENCH_JAR="$ROOT/bench/target/credbroker-bench.jar"
JAVA="${BENCH_JAVA:-java}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"
[[ -f "$BROKER_JAR" && -f "$BENCH_JAR" ]] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }

unset_args=()
while read -r name; do unset_args+=(-u "$name"); done < <(compgen -e | grep '^CREDBROKER_' || true)
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$ROOT/bench/results"
report="$ROOT/bench/results/cluster-refresh-$stamp.md"
{
  echo "# Cluster refresh benchmark, $stamp"
  echo
  echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$([[ -z "$(git -C "$ROOT" status --porcelain)" ]] || echo ' (dirty)')"
  echo "- command: bench/run-cluster-refresh.sh $*"
  echo "- host: $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$report"
status=0
env "${unset_args[@]}" "$JAVA" "${JAVA_OPTS[@]}" -cp "$BROKER_JAR:$BENCH_JAR" \
  com.credbroker.bench.ClusterRefreshBench "$@" --report="$report.body" || status=$?
[[ ! -f "$report.body" ]] || { cat "$report.body" >> "$report"; rm -f "$report.body"; }
echo "run-cluster-refresh: written to ${report#"$ROOT"/}" >&2
exit "$status"
