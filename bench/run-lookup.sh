#!/usr/bin/env bash
# One-command load benchmark of the cached credential lookup against a bare Jetty handler that
# serves the same bytes. See bench/README.md.
#
#   bench/run-lookup.sh [duration] [--bare-only]
#
#   duration     wrk duration per point (default 10s)
#   --bare-only  skip the broker; serve bench/sample-lookup.json from the bare server only
#                (a self-test of the harness while the broker is not runnable)
#
# Environment: BENCH_CONNECTIONS ("1 64 256"), BENCH_THREADS (2), BENCH_WARMUP (30s: the JIT needs it), BENCH_JAVA (java),
# BENCH_JAVA_OPTS (extra JVM options for both servers), BENCH_READY_TIMEOUT (60 seconds),
# BENCH_BROKER_JAR (a prebuilt broker jar to measure instead of broker/target/credbroker.jar).
set -euo pipefail

BENCH_NAME=run-lookup
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"
BROKER_JAR="${BENCH_BROKER_JAR:-$BROKER_JAR}"
LUA="$ROOT/bench/lookup.lua"
BASE_PATH="/v1/personal-connectors/admin/credentials"
CONNECTION_ID="conn_bench"

DURATION="10s"
BARE_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --bare-only) BARE_ONLY=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) DURATION="$arg" ;;
  esac
done
CONNECTIONS="${BENCH_CONNECTIONS:-1 64 256}"
THREADS="${BENCH_THREADS:-2}"
WARMUP="${BENCH_WARMUP:-30s}"
READY_TIMEOUT="${BENCH_READY_TIMEOUT:-60}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/credbroker-bench.XXXXXX")"
chmod 700 "$WORK"
BROKER_PID=""
BARE_PID=""

cleanup() {
  local pid
  for pid in "$BROKER_PID" "$BARE_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_wrk() {
  command -v wrk >/dev/null && return
  log "wrk not found; installing it from Debian packages"
  local sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null \
    || die "could not install wrk; install it (apt-get install wrk) and retry"
}

# The bench jar, and the broker's unless it is skipped or a prebuilt one is given.
ensure_lookup_jars() {
  local jars=("$BENCH_JAR")
  [[ $BARE_ONLY -eq 1 || -n "${BENCH_BROKER_JAR:-}" ]] || jars+=("$BROKER_JAR")
  ensure_jars "${jars[@]}"
  [[ $BARE_ONLY -eq 1 || -f "$BROKER_JAR" ]] || die "missing broker jar $BROKER_JAR"
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return
    fi
  done
  die "no free port found"
}

random_base64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

show_broker_log() {
  log "last lines of the broker log:"
  tail -n 30 "$WORK/broker.log" >&2 || true
}

start_broker() {
  BROKER_PORT="$(free_port)"
  ADMIN_KEY="$(random_base64 32 | tr '+/' '-_' | tr -d '=')"
  printf 'X-API-Key: %s\n' "$ADMIN_KEY" > "$WORK/auth-header"
  # Drop any CREDBROKER_* from the caller's environment: the bench must not pick up a real config.
  local unset_args=()
  while read -r name; do unset_args+=(-u "$name"); done < <(compgen -e | grep '^CREDBROKER_' || true)
  env "${unset_args[@]}" \
    CREDBROKER_PORT="$BROKER_PORT" \
    CREDBROKER_DATA_DIR="$WORK/data" \
    CREDBROKER_MASTER_KEY="$(random_base64 32)" \
    CREDBROKER_ADMIN_KEY="$ADMIN_KEY" \
    "$JAVA" "${JAVA_OPTS[@]}" -jar "$BROKER_JAR" > "$WORK/broker.log" 2>&1 &
  BROKER_PID=$!
  log "broker starting on port $BROKER_PORT (pid $BROKER_PID)"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null "http://127.0.0.1:$BROKER_PORT/health/ready" 2>/dev/null; do
    if ! kill -0 "$BROKER_PID" 2>/dev/null; then
      show_broker_log; die "the broker exited before becoming ready"
    fi
    if (( SECONDS >= deadline )); then
      show_broker_log; die "the broker was not ready within ${READY_TIMEOUT}s (GET /health/ready)"
    fi
    sleep 0.5
  done
}

seed_credential() {
  local status
  status="$(curl -sS -o "$WORK/create.json" -w '%{http_code}' -X POST \
    -H @"$WORK/auth-header" -H 'Content-Type: application/json' \
    --data-binary @- "http://127.0.0.1:$BROKER_PORT$BASE_PATH" <<EOF
{"connection_id":"$CONNECTION_ID","app_name":"github","auth_scheme":"OAUTH2","entity_id":"user_1",
 "credentials":{"access_token":"bench-access-$(random_base64 24)","refresh_token":"bench-refresh-$(random_base64 24)",
 "token_type":"Bearer","expires_in":86400}}
EOF
  )"
  [[ "$status" == 200 || "$status" == 201 ]] \
    || die "creating the credential returned HTTP $status: $(head -c 300 "$WORK/create.json")"
  status="$(curl -sS -o "$WORK/body.json" -w '%{http_code}' -H @"$WORK/auth-header" \
    "http://127.0.0.1:$BROKER_PORT$BASE_PATH/by-connection/$CONNECTION_ID")"
  [[ "$status" == 200 ]] || die "the lookup returned HTTP $status: $(head -c 300 "$WORK/body.json")"
  log "lookup body: $(wc -c < "$WORK/body.json") bytes"
}

start_bare() {
  "$JAVA" "${JAVA_OPTS[@]}" -jar "$BENCH_JAR" 0 "$1" "$WORK/bare.out" > "$WORK/bare.log" 2>&1 &
  BARE_PID=$!
  local deadline=$((SECONDS + 30))
  until grep -q '^port=' "$WORK/bare.out" 2>/dev/null; do
    kill -0 "$BARE_PID" 2>/dev/null || { cat "$WORK/bare.log" >&2; die "the bare server exited"; }
    (( SECONDS < deadline )) || die "the bare server did not start within 30s"
    sleep 0.2
  done
  BARE_PORT="$(sed -n 's/^port=//p' "$WORK/bare.out")"
  log "bare Jetty on port $BARE_PORT (pid $BARE_PID)"
}

# cpu_micros <pid> -> user + system CPU time the process has used so far, in microseconds
cpu_micros() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"
}

# run_wrk <url> <connections> <duration> [api-key] -> "rps p50_us p99_us non2xx socket_errors requests"
run_wrk() {
  local url="$1" conns="$2" duration="$3" key="${4:-}" threads="$THREADS" out
  if (( conns < threads )); then threads="$conns"; fi   # wrk needs connections >= threads
  out="$(BENCH_API_KEY="$key" wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s \
    --latency -s "$LUA" "$url")" || die "wrk failed against $url"
  echo "$out" >> "$WORK/wrk.log"
  sed -n 's/^RESULT rps=\([0-9.]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\) requests=\([0-9]*\) non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \5 \6 \4/p' <<< "$out" \
    | grep . || die "could not parse wrk output against $url"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }

main() {
  ensure_wrk
  ensure_lookup_jars
  local body="$ROOT/bench/sample-lookup.json" broker_url=""
  if [[ $BARE_ONLY -eq 0 ]]; then
    start_broker
    seed_credential
    body="$WORK/body.json"
    broker_url="http://127.0.0.1:$BROKER_PORT$BASE_PATH/by-connection/$CONNECTION_ID"
  fi
  start_bare "$body"
  local bare_url="http://127.0.0.1:$BARE_PORT$BASE_PATH/by-connection/$CONNECTION_ID"
  local key="${ADMIN_KEY:-}"

  if [[ "$WARMUP" != 0 ]]; then
    log "warming up both servers ($WARMUP each at 64 connections)"
    [[ -z "$broker_url" ]] || run_wrk "$broker_url" 64 "$WARMUP" "$key" > /dev/null
    run_wrk "$bare_url" 64 "$WARMUP" > /dev/null
  fi

  local stamp table
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  table="| connections | broker req/s | bare req/s | ratio | broker p50 | broker p99 | bare p50 | bare p99 | errors (broker/bare) | broker CPU µs/request |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
  local verdict="" c res b_rps b_p50 b_p99 b_bad b_sock b_req r_rps r_p50 r_p99 r_bad r_sock r_req ratio cpu0 cpu_us
  for c in $CONNECTIONS; do
    b_rps=0 b_p50=0 b_p99=0 b_bad=0 b_sock=0 b_req=0 cpu_us=n/a
    if [[ -n "$broker_url" ]]; then
      log "broker, $c connections, $DURATION"
      cpu0="$(cpu_micros "$BROKER_PID")"
      res="$(run_wrk "$broker_url" "$c" "$DURATION" "$key")"
      read -r b_rps b_p50 b_p99 b_bad b_sock b_req <<< "$res"
      # CPU the broker used per request: steadier than req/s when other work shares the machine
      cpu_us="$(awk -v a="$cpu0" -v b="$(cpu_micros "$BROKER_PID")" -v n="$b_req" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) / n : 0) }')"
    fi
    log "bare,   $c connections, $DURATION"
    res="$(run_wrk "$bare_url" "$c" "$DURATION")"
    read -r r_rps r_p50 r_p99 r_bad r_sock r_req <<< "$res"
    if [[ -n "$broker_url" ]]; then
      ratio="$(awk -v b="$b_rps" -v r="$r_rps" 'BEGIN { printf "%.2f", (r > 0 ? b / r : 0) }')"
      table+=$'\n'"| $c | $b_rps | $r_rps | $ratio | $(ms "$b_p50") | $(ms "$b_p99") | $(ms "$r_p50") | $(ms "$r_p99") | $((b_bad + b_sock))/$((r_bad + r_sock)) | $cpu_us |"
      if [[ "$c" == 64 ]]; then
        verdict="Target at 64 connections: lookup >= 0.6 x bare -> ratio $ratio: $(awk -v x="$ratio" 'BEGIN { print (x >= 0.6 ? "MET" : "NOT MET") }')"
        (( b_bad + b_sock == 0 )) || verdict+=" (INVALID: the broker answered with errors)"
      fi
    else
      table+=$'\n'"| $c | n/a | $r_rps | n/a | n/a | n/a | $(ms "$r_p50") | $(ms "$r_p99") | -/$((r_bad + r_sock)) | n/a |"
    fi
  done

  local report="$ROOT/bench/results/lookup-$stamp.md"
  mkdir -p "$ROOT/bench/results"
  {
    echo "# Lookup benchmark, $stamp"
    echo
    echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -z "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] || echo ' (dirty)')"
    echo "- mode: $([[ $BARE_ONLY -eq 1 ]] && echo 'bare only (harness self-test)' || echo 'broker vs bare Jetty, same host')"
    echo "- per point: wrk -t$THREADS (or fewer) -d$DURATION --latency, warm-up $WARMUP; body $(wc -c < "$body") bytes"
    echo "- host: $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo
    echo "$table"
    [[ -z "$verdict" ]] || { echo; echo "$verdict"; }
  } > "$report"
  echo
  cat "$report"
  echo
  log "written to ${report#"$ROOT"/}"
}

main
