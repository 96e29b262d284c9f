#!/usr/bin/env bash
# CPU per bid in S3 (issue 14 item 1): runs S3 (with its baselines B1 and S1) in the given modes with the server
# processes traced over S3's capacity phase (dotnet-trace CPU sampling, dotnet-counters; both pinned in
# dotnet-tools.json), then writes the breakdown of the server's CPU time per accepted bid by component to
# bench/results/<date>-<scenario>-cpu.md (and the traces and counters beside it in bench/results/profile-<date>/).
# S3R is S3 with every bid posted to the gateway's REST API (HTTP + JWT in the breakdown).
# "live" profiles the live path instead: B3, S4 and S4M, each step's sends and receipts traced in the server processes
# and in the generator that holds the watchers, reported as bench/results/<date>-live-cpu.md (`live-report`).
#   bash bench/profile-s3.sh [embedded,cluster] [full|smoke] [S3|S3R|live]
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-embedded,cluster}
size=${2:-full}
scenario=${3:-S3}
date=$(date -u +%F)
# Absolute paths: `dotnet run` starts the harness in bench/.
out=$PWD/bench/results/profile-$date-$scenario
report=$PWD/bench/results/$date-$scenario-cpu.md
mkdir -p "$out"

ulimit -n "$(ulimit -Hn)" # S4 holds 10k watchers
dotnet tool restore >/dev/null
dotnet build -c Release bench -nologo -v q >/dev/null
# Per mode: a plain run (its server_cpu_ms_per_bid is the figure: tracing slows the server down), then a traced one
# (the traces say how that time divides).
only=$scenario
[ "$scenario" = live ] && only=B3,S4,S4M
for mode in ${modes//,/ }; do
  dotnet run -c Release --no-build --project bench -- \
    run --modes "$mode" --runs 1 --only "$only" --size "$size" --out "$out/$mode/plain" --no-readme
  AUCTION_BENCH_PROFILE="$out/$mode/traced" dotnet run -c Release --no-build --project bench -- \
    run --modes "$mode" --runs 1 --only "$only" --size "$size" --out "$out/$mode/traced" --no-readme
done
if [ "$scenario" = live ]; then
  dotnet run -c Release --no-build --project bench -- live-report "$out" "$report" >/dev/null
else
  dotnet run -c Release --no-build --project bench -- cpu-report "$out" "$report" "$scenario" >/dev/null
fi
echo "wrote $report"
