#!/usr/bin/env bash
# Same-moment A/B of one scenario: an older revision of the engine against this working tree, on the same machine,
# run alternately (BENCHMARKS.md: this machine drifts from one hour to the next, so a figure from another day is
# compared with the older code measured now, not with the number it gave then).
#   bash bench/compare.sh REV [SCENARIO=S3] [MODE=embedded] [ROUNDS=3]
# Builds REV in a temporary worktree, alternates REV and the working tree ROUNDS times (one run each), and writes
# bench/results/<date>-compare-<SCENARIO>-<mode>.md with every run's figures and the medians of the main ones.
#   bash bench/compare.sh --report RUNS REV [SCENARIO] [MODE] [ROUNDS]   (the report again, from the run lines it printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs_file=
if [ "${1:-}" = --report ]; then runs_file=$(realpath "$2"); shift 2; fi
rev=${1:?usage: bench/compare.sh [--report RUNS] REV [SCENARIO] [MODE] [ROUNDS]}
scenario=${2:-S3}
mode=${3:-embedded}
rounds=${4:-3}
here=$PWD
date=$(date -u +%F)
report=$here/bench/results/$date-compare-$scenario-$mode.md
short=$(git rev-parse --short "$rev")
older=$(mktemp -d)
work=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$older" >/dev/null 2>&1 || true; rm -rf "$older" "$work"' EXIT

run() { # run LABEL DIR: one run; prints "LABEL k=v k=v …" from the harness's result line
  local line
  line=$(cd "$2" && dotnet run -c Release --no-build --project bench -- run --modes "$mode" --runs 1 --only "$scenario" \
    --out "$work/$1" --no-readme | grep -E "run 1 $scenario:" | sed -E "s/^.*run 1 $scenario: //; s/ \([0-9.]+ s\)$//; s/, / /g")
  echo "$1 $(date -u +%T) $line"
}

if [ -n "$runs_file" ]; then
  grep -E "^($short|working-tree) " "$runs_file" >"$work/runs"
else
  git worktree add --detach -q "$older" "$rev"
  dotnet build -c Release "$older/bench" -nologo -v q >/dev/null
  dotnet build -c Release bench -nologo -v q >/dev/null
  ulimit -n "$(ulimit -Hn)"
  : >"$work/runs"
  for _ in $(seq "$rounds"); do
    run "$short" "$older" | tee -a "$work/runs"
    run "working-tree" "$here" | tee -a "$work/runs"
  done
fi

median() { # median LABEL METRIC ("–" when no run reports it, e.g. a metric the older harness lacks)
  { grep "^$1 " "$work/runs" | grep -oE " $2=[0-9.]+" || true; } | cut -d= -f2 | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "–"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
  echo "# $scenario ($mode): $short against the working tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with changes')), alternating"
  echo
  echo "Made by \`bash bench/compare.sh $rev $scenario $mode $rounds\` on $date: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)."
  echo
  echo "| metric | $short (median) | working tree (median) |"
  echo "|---|---:|---:|"
  for metric in bids_per_s server_cpu_ms_per_bid capacity_p99_ms p99_ms lost; do
    a=$(median "$short" "$metric"); b=$(median working-tree "$metric")
    [ "$a$b" = "––" ] || echo "| $metric | $a | $b |"
  done
  echo
  echo "Every run, in order:"
  echo
  echo '```'
  cat "$work/runs"
  echo '```'
} >"$report"
echo "wrote $report"
