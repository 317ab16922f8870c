#!/usr/bin/env bash
# Token-refresh benchmark (issue 3, item 10): runs RefreshBench, a program that starts a whole broker
# in process against a local stub token endpoint. See bench/README.md.
#
#   bench/run-refresh.sh [RefreshBench options...]
#
#   e.g. bench/run-refresh.sh                          # 10,000 connections at 0 and 200 ms, 3 rounds; stampede x3
#        bench/run-refresh.sh --rounds=5 --cap=128
#        bench/run-refresh.sh --parts=B                # stampede only
#
# Options (passed through): --connections=10000 --cap=64 --auth-configs=8 --latencies=0,200 --rounds=3
#   --warmup-rounds=1 --stampede=256 --stampede-latency=200 --stampede-rounds=<rounds> --parts=AB
#   --sql-stats=false (H2 statement counts; a diagnostic that slows the run)
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS (extra JVM options, e.g. -XX:+UseParallelGC).
# Exit status: that of RefreshBench (1 when an invariant failed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROKER_JAR="$ROOT/broker/target/credbroker.jar"
BENCH_JAR="$ROOT/bench/target/credbroker-bench.jar"
JAVA="${BENCH_JAVA:-java}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

die() { echo "run-refresh: $*" >&2; exit 1; }
log() { echo "run-refresh: $*" >&2; }

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    --report=*) die "the report is written to bench/results/ by this script; do not pass --report" ;;
  esac
done

# Rebuild when a jar is missing or any pom or source file is newer than it.
ensure_jars() {
  local jar stale=0
  for jar in "$BROKER_JAR" "$BENCH_JAR"; do
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
        \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -type f -print -quit)" ]]; then
      stale=1
    fi
  done
  if [[ $stale -eq 1 ]]; then
    log "building (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
  fi
  [[ -f "$BROKER_JAR" && -f "$BENCH_JAR" ]] || die "missing $BROKER_JAR or $BENCH_JAR after the build"
}

main() {
  ensure_jars
  # The broker's configuration is built inside the program from a map; still, keep the caller's
  # CREDBROKER_* variables away from it (Logback reads CREDBROKER_LOG_* from the environment).
  local unset_args=()
  while read -r name; do unset_args+=(-u "$name"); done < <(compgen -e | grep '^CREDBROKER_' || true)

  local stamp report status=0
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$ROOT/bench/results"
  report="$ROOT/bench/results/refresh-$stamp.md"
  {
    echo "# Refresh benchmark, $stamp"
    echo
    echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -z "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] || echo ' (dirty)')"
    echo "- command: bench/run-refresh.sh $*$([[ -z "${BENCH_JAVA_OPTS:-}" ]] || echo " (BENCH_JAVA_OPTS=$BENCH_JAVA_OPTS)")"
    echo "- host: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
  } > "$report"
  # Progress goes to stderr; the Markdown report to stdout and the results file.
  env "${unset_args[@]}" "$JAVA" "${JAVA_OPTS[@]}" -cp "$BROKER_JAR:$BENCH_JAR" \
    com.credbroker.bench.RefreshBench "$@" --report="$report.body" || status=$?
  if [[ -f "$report.body" ]]; then
    cat "$report.body" >> "$report"
    rm -f "$report.body"
    echo
    log "written to ${report#"$ROOT"/}"
  else
    log "no report: RefreshBench exited with $status before finishing"
  fi
  exit "$status"
}

main "$@"
