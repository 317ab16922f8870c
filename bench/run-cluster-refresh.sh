#!/usr/bin/env bash
# Refresh throughput of 10,000 due connections with two broker nodes against one, on PostgreSQL
# (issue 5, item 7): runs ClusterRefreshBench. See bench/README.md.
#
#   bench/run-cluster-refresh.sh [--connections=10000] [--cap=64] [--latencies=0,200] [--rounds=1]
#                                [--pg-url=jdbc:postgresql://127.0.0.1:5432/test] [--pg-user=postgres]
#
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS. Exit status 1 when an invariant failed.
set -euo pipefail

BENCH_NAME=run-cluster-refresh
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"

run_bench_program ClusterRefreshBench "$@"
