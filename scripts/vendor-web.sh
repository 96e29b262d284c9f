#!/usr/bin/env bash
# Refreshes the web app's third-party browser code: installs the exact versions locked in
# src/Gateway/web-vendor/package-lock.json and copies the files named in its vendor.json (with their licences) into
# src/Gateway/wwwroot/lib. Run it after changing a version there, and commit wwwroot/lib with the lock file; nothing
# runs npm at build or run time. tests/js/web-vendor.test.mjs fails when the committed copies drift.
set -euo pipefail
cd "$(dirname "$0")/../src/Gateway/web-vendor"
npm ci --no-audit --no-fund --ignore-scripts
mkdir -p ../wwwroot/lib
node vendor.mjs copy node_modules ../wwwroot/lib
