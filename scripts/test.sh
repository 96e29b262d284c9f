#!/usr/bin/env bash
# Runs the whole test suite and ends with one plain line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed, the build failed, or no test ran at all.
#   1. dotnet test Auction.sln (also builds src/Gateway, which the JS tests start as a process);
#   2. the JavaScript tests in tests/js (node --test; set AUCTION_JS_TESTS=0 to leave them out).
# Extra arguments go to dotnet test.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-test-tools.sh || { echo "could not install what the tests need" >&2; exit 1; }

configuration="${CONFIGURATION:-Debug}"
log=$(mktemp)
jslog=$(mktemp)
trap 'rm -f "$log" "$jslog"' EXIT

dotnet test Auction.sln --nologo -c "$configuration" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    11, Skipped:     0, Total: 11".
sum() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}

# JavaScript tests (tests/js): the official SignalR client against the built gateway on loopback.
# A failed build leaves an old gateway binary behind: never run the JS tests against it.
if grep -q "Build FAILED" "$log"; then
  echo "tests/js: skipped because the build failed" >&2
elif [ "${AUCTION_JS_TESTS:-1}" != "0" ]; then
  js_status=0
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "tests/js: node and npm are required (CI installs them in .ci/run)" >&2
    js_status=1
  else
    # Install only when node_modules is missing or older than the lock file (npm ci rewrites it from scratch).
    marker=tests/js/node_modules/.package-lock.json
    if [ ! -f "$marker" ] || [ tests/js/package-lock.json -nt "$marker" ] || [ tests/js/package.json -nt "$marker" ]; then
      (cd tests/js && npm ci --no-audit --no-fund) || js_status=1
    fi
    if [ "$js_status" -eq 0 ]; then
      # TAP is node 20's non-TTY default; ask for it so the summary lines are stable across node versions.
      (cd tests/js && CONFIGURATION="$configuration" node --test --test-reporter=tap) 2>&1 | tee "$jslog"
      js_status=${PIPESTATUS[0]}
    fi
  fi
  # The TAP summary: "# pass N", "# fail N", "# cancelled N", "# skipped N", "# todo N" (spec reporter: "ℹ pass N").
  js() { grep -E "^(#|ℹ) $1 [0-9]+\$" "$jslog" | tail -1 | awk '{ print $3 }'; }
  js_pass=$(js pass); js_fail=$(js fail); js_cancelled=$(js cancelled); js_skipped=$(js skipped); js_todo=$(js todo)
  passed=$((passed + ${js_pass:-0}))
  failed=$((failed + ${js_fail:-0} + ${js_cancelled:-0}))
  skipped=$((skipped + ${js_skipped:-0} + ${js_todo:-0}))
  if [ "$js_status" -ne 0 ]; then
    echo "tests/js: failed (exit $js_status)" >&2
    status=1
  elif [ -z "$js_pass" ]; then
    echo "tests/js: no summary from node --test" >&2
    status=1
  fi
fi

# CI keeps only the tail of the output: name every failed test (with the first lines of its message) just
# before the summary, so a failure far up the log is still named where it is read.
failures() {
  awk '
    /^  Failed [^ ]/ { n++; shown = 0; print; grab = 1; next }
    grab && /^  (Passed|Failed|Skipped) [^ ]/ { grab = 0 }
    grab && /^  Stack Trace:/ { grab = 0 }
    grab && shown < 12 { print; shown++ }
  ' "$log"
  grep -E '^not ok ' "$jslog" 2>/dev/null | sed 's/^/  tests\/js: /'
}
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  listed=$(failures)
  if [ -n "$listed" ]; then echo "Failed tests:"; echo "$listed"; fi
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ $((passed + failed + skipped)) -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit 0
