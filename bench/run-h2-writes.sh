#!/usr/bin/env bash
# What the refresh's three row writes (lease, in-flight marker, result) cost H2 itself, on the broker's real
# schema, with and without the five filter indexes: runs H2WriteCostBench. See bench/README.md.
#
#   bench/run-h2-writes.sh [--rows=10000] [--groups=7,32] [--rounds=3]
#
# Environment: BENCH_JAVA (java), BENCH_JAVA_OPTS.
set -euo pipefail

BENCH_NAME=run-h2-writes
# shellcheck source=bench/java-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/java-bench.sh"

run_bench_program H2WriteCostBench "$@"
