#!/usr/bin/env bash
# Audit growth under a flood of bad keys (issue 14, item 5): runs RefusalFloodBench, a program that
# starts a whole broker in process and sends requests with wrong API keys from one client over loopback
# at full speed, then reports how many bytes the audit trail grew by. See bench/README.md.
#
#   bench/run-refusal-flood.sh [RefusalFloodBench options...]
#
#   e.g. bench/run-refusal-flood.sh                   # 10 minutes, 4 connections, 1-minute window
#        bench/run-refusal-flood.sh --minutes=2
#
# Options (passed through): --minutes=10 --threads=4 --window=PT1M
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS (extra JVM options).
# Exit status: that of RefusalFloodBench.
set -euo pipefail

BENCH_NAME=run-refusal-flood
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
  esac
done

run_bench_program RefusalFloodBench "$@"
