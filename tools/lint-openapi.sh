#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly's recommended rules; fails on errors (warnings are printed).
# Needs Node.js 20+ with npx; fetches @redocly/cli from the npm registry on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx --yes @redocly/cli@2.77.0 lint broker/src/main/resources/openapi/openapi.json
