#!/usr/bin/env bash
# Lookup throughput through two broker nodes against one, on one PostgreSQL database (issue 5, item 7).
# See bench/README.md.
#
#   bench/run-cluster-lookup.sh [duration]        (default 10s per point)
#
# Starts two processes of broker/target/credbroker.jar on a fresh schema cb_bench_<random> of the
# PostgreSQL database BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/test, user BENCH_PG_USER=postgres),
# with one master key, seeds one connection through node a, and runs the same load shape twice,
# alternating BENCH_ROUNDS (2) times: two wrk processes (-t1 -c<half>) both against node a (one node),
# then one against each node (two nodes). The schema is dropped on exit.
# Environment: BENCH_CONNECTIONS (64, split over the two wrk processes), BENCH_WARMUP (20s),
# BENCH_ROUNDS (2), BENCH_JAVA (java), BENCH_JAVA_OPTS, BENCH_PG_URL, BENCH_PG_USER.
set -euo pipefail

BENCH_NAME=run-cluster-lookup
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"
LUA="$ROOT/bench/lookup.lua"
BASE_PATH="/v1/personal-connectors/admin/credentials"
DURATION="${1:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
WARMUP="${BENCH_WARMUP:-20s}"
ROUNDS="${BENCH_ROUNDS:-2}"
PG_URL="${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
PG_USER="${BENCH_PG_USER:-postgres}"
SCHEMA="cb_bench_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/credbroker-cluster-bench.XXXXXX")"
chmod 700 "$WORK"
PIDS=()

# psql connection from the JDBC URL: jdbc:postgresql://host:port/db
PG_HOSTPORT="${PG_URL#jdbc:postgresql://}"; PG_DB="${PG_HOSTPORT#*/}"; PG_DB="${PG_DB%%\?*}"
PG_HOSTPORT="${PG_HOSTPORT%%/*}"; PG_HOST="${PG_HOSTPORT%%:*}"; PG_PORT="${PG_HOSTPORT##*:}"
sql() { PGOPTIONS="-c client_min_messages=warning" psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  sql "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
random_base64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

start_node() { # name -> sets PORT_<name>
  local name="$1" port; port="$(free_port)"
  local unset_args=()
  while read -r var; do unset_args+=(-u "$var"); done < <(compgen -e | grep '^CREDBROKER_' || true)
  env "${unset_args[@]}" CREDBROKER_PORT="$port" CREDBROKER_DATA_DIR="$WORK/$name" \
    CREDBROKER_DB_URL="$PG_URL?currentSchema=$SCHEMA" CREDBROKER_DB_USER="$PG_USER" \
    CREDBROKER_MASTER_KEY="$MASTER_KEY" CREDBROKER_ADMIN_KEY="$ADMIN_KEY" CREDBROKER_LOG_FORMAT=text \
    "$JAVA" "${JAVA_OPTS[@]}" -jar "$BROKER_JAR" > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  local deadline=$((SECONDS + 90))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    (( SECONDS < deadline )) || { tail -n 30 "$WORK/$name.log" >&2; die "node $name not ready"; }
    sleep 0.5
  done
  printf -v "PORT_$name" '%s' "$port"
  log "node $name ready on port $port"
}

# two wrk processes at once, one per URL; prints the summed req/s and the worse p99 (us)
pair() {
  local half=$((CONNECTIONS / 2)) duration="$3"
  BENCH_API_KEY="$ADMIN_KEY" wrk -t1 -c"$half" -d"$duration" --timeout 10s --latency -s "$LUA" "$1" > "$WORK/w1" &
  local w1=$!
  BENCH_API_KEY="$ADMIN_KEY" wrk -t1 -c"$half" -d"$duration" --timeout 10s --latency -s "$LUA" "$2" > "$WORK/w2" &
  wait "$w1" "$!"
  cat "$WORK/w1" "$WORK/w2" | sed -n 's/^RESULT rps=\([0-9.]*\) p50_us=[0-9]* p99_us=\([0-9]*\) requests=[0-9]* non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \4/p' \
    | awk '{ rps += $1; if ($2 > p99) p99 = $2; bad += $3 + $4; n++ } END { if (n != 2) exit 1; printf "%.0f %d %d\n", rps, p99, bad }' \
    || die "could not parse wrk output"
}

main() {
  command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
  ensure_jars "$BROKER_JAR"
  sql "CREATE SCHEMA $SCHEMA"
  MASTER_KEY="$(random_base64 32)"
  ADMIN_KEY="$(random_base64 32 | tr '+/' '-_' | tr -d '=')"
  start_node a
  start_node b
  curl -fsS -o /dev/null -X POST -H "X-API-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    --data '{"connection_id":"conn_bench","app_name":"github","auth_scheme":"OAUTH2","credentials":{"access_token":"bench-access","refresh_token":"bench-refresh","token_type":"Bearer","expires_in":86400}}' \
    "http://127.0.0.1:$PORT_a$BASE_PATH" || die "seeding failed"
  local path="$BASE_PATH/by-connection/conn_bench"
  local a="http://127.0.0.1:$PORT_a$path" b="http://127.0.0.1:$PORT_b$path"
  log "warming up both nodes ($WARMUP)"
  pair "$a" "$b" "$WARMUP" > /dev/null
  local table="| round | one node req/s | one node p99 | two nodes req/s | two nodes p99 | ratio | errors (one/two) |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  local r one two ratio
  for r in $(seq 1 "$ROUNDS"); do
    log "round $r: one node"; read -r o_rps o_p99 o_bad <<< "$(pair "$a" "$a" "$DURATION")"
    log "round $r: two nodes"; read -r t_rps t_p99 t_bad <<< "$(pair "$a" "$b" "$DURATION")"
    ratio="$(awk -v t="$t_rps" -v o="$o_rps" 'BEGIN { printf "%.2f", t / o }')"
    table+=$'\n'"| $r | $o_rps | $((o_p99 / 1000)) ms | $t_rps | $((t_p99 / 1000)) ms | $ratio | $o_bad/$t_bad |"
  done
  local stamp report; stamp="$(date -u +%Y%m%dT%H%M%SZ)"; mkdir -p "$ROOT/bench/results"
  report="$ROOT/bench/results/cluster-lookup-$stamp.md"
  {
    echo "# Cluster lookup benchmark, $stamp"
    echo
    echo "- commit: $(git -C "$ROOT" rev-parse --short HEAD)$([[ -z "$(git -C "$ROOT" status --porcelain)" ]] || echo ' (dirty)')"
    echo "- command: bench/run-cluster-lookup.sh $DURATION (BENCH_CONNECTIONS=$CONNECTIONS, warm-up $WARMUP)"
    echo "- load: two wrk processes -t1 -c$((CONNECTIONS / 2)) at once; one node = both on node a, two nodes = one each"
    echo "- host: $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -n 1), PostgreSQL $(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -Atc 'SHOW server_version'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "$table"
  } > "$report"
  cat "$report"
  log "written to ${report#"$ROOT"/}"
}

main
