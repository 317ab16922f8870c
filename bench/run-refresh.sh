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

BENCH_NAME=run-refresh
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  esac
done

run_bench_program RefreshBench "$@"
