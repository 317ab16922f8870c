# Sourced by the bench scripts: the jars' paths and the JVM to run them with, a rebuild when a jar is
# stale (ensure_jars), and for the benchmark programs of the bench jar (run-refresh.sh,
# run-cluster-refresh.sh) a run with the caller's CREDBROKER_* variables removed whose Markdown report
# goes under bench/results/ behind a header that says what was measured where (run_bench_program).
# Not a command of its own.
#
# Expects BENCH_NAME (the script's name, for messages and the report file) before it is sourced.
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS (extra JVM options).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROKER_JAR="$ROOT/broker/target/credbroker.jar"
BENCH_JAR="$ROOT/bench/target/credbroker-bench.jar"
JAVA="${BENCH_JAVA:-java}"
read -r -a JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
log() { echo "$BENCH_NAME: $*" >&2; }

# ensure_jars [JAR...] (default: the broker's and the bench's): rebuilds when one is missing or any pom
# or source file is newer than it.
ensure_jars() {
  local jar stale=0 jars=("$@")
  [[ ${#jars[@]} -gt 0 ]] || jars=("$BROKER_JAR" "$BENCH_JAR")
  for jar in "${jars[@]}"; do
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
        \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -type f -print -quit)" ]]; then
      stale=1
    fi
  done
  if [[ $stale -eq 1 ]]; then
    log "building (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "build failed"
  fi
  for jar in "${jars[@]}"; do
    [[ -f "$jar" ]] || die "missing $jar after the build"
  done
}

# run_bench_program CLASS [program options...]: runs com.credbroker.bench.CLASS with --report pointing
# into bench/results/<BENCH_NAME without run->-<UTC timestamp>.md and exits with the program's status.
run_bench_program() {
  local class="$1"; shift
  local arg
  for arg in "$@"; do
    [[ "$arg" != --report=* ]] || die "the report is written to bench/results/ by this script; do not pass --report"
  done
  ensure_jars
  # The broker's configuration is built inside the program from a map; still, keep the caller's
  # CREDBROKER_* variables away from it (Logback reads CREDBROKER_LOG_* from the environment).
  local unset_args=() name
  while read -r name; do unset_args+=(-u "$name"); done < <(compgen -e | grep '^CREDBROKER_' || true)

  local stamp report status=0
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$ROOT/bench/results"
  report="$ROOT/bench/results/${BENCH_NAME#run-}-$stamp.md"
  {
    echo "# $class, $stamp"
    echo
    echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -z "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] || echo ' (dirty)')"
    echo "- command: bench/$BENCH_NAME.sh $*$([[ -z "${BENCH_JAVA_OPTS:-}" ]] || echo " (BENCH_JAVA_OPTS=$BENCH_JAVA_OPTS)")"
    echo "- host: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $("$JAVA" -version 2>&1 | head -n 1), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
  } > "$report"
  # Progress and the Markdown report are logged (stdout); the report also goes to the results file.
  env "${unset_args[@]}" "$JAVA" "${JAVA_OPTS[@]}" -cp "$BROKER_JAR:$BENCH_JAR" \
    "com.credbroker.bench.$class" "$@" --report="$report.body" || status=$?
  if [[ -f "$report.body" ]]; then
    cat "$report.body" >> "$report"
    rm -f "$report.body"
    log "written to ${report#"$ROOT"/}"
  else
    log "no report: $class exited with $status before finishing"
  fi
  exit "$status"
}
