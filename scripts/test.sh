#!/usr/bin/env bash
# Runs the whole test suite and ends with one plain line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed, the build failed, or no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Auction.sln --nologo -c "${CONFIGURATION:-Debug}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    11, Skipped:     0, Total: 11".
sum() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ $((passed + failed + skipped)) -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit 0
