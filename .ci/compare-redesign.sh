#!/usr/bin/env bash
# One-off check for issue 11 (the redesign): every file the command line writes is byte-identical
# before and after. Builds BASE (default: the last commit before the redesign) in a temporary
# worktree, runs the same commands with the old and the new binary, and compares every output.
# Not part of .ci/run: later issues change outputs on purpose (with a CHANGELOG entry).
#
#   .ci/compare-redesign.sh [BASE [NEW]]     (NEW defaults to HEAD: commit first)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-db97deb}
new=${2:-HEAD}
work=${TMPDIR:-/tmp}/linkage-compare
rm -rf "$work"; mkdir -p "$work"
build() { # build REV NAME: the release binary of REV as $work/linkage-NAME
  git worktree remove --force "$work/src-$2" 2>/dev/null || true
  git worktree add --detach "$work/src-$2" "$1" >/dev/null
  # Same target folder: dependencies are shared, only the crate is rebuilt.
  (cd "$work/src-$2" && CARGO_TARGET_DIR="$root/target" cargo build --release --locked --quiet)
  cp "$root/target/release/linkage" "$work/linkage-$2"
}
# The binaries find their data (concordance) in the worktree they were built from: keep both
# until the end.
trap 'git worktree remove --force "$work/src-base" 2>/dev/null; git worktree remove --force "$work/src-new" 2>/dev/null' EXIT
build "$base" base
build "$new" new

asem="$root/data/asem"
run() { # run NAME: every command with one binary, outputs under $work/NAME
  local bin="$work/linkage-$1" out="$work/$1"
  mkdir -p "$out"
  "$bin" report --out "$out/report" --data "$root/data" >"$out/report.stdout"
  "$bin" report --out "$out/report_ua" --data "$root/data" --uncertainty 200 >"$out/report_ua.stdout"
  for agg in arithmetic geometric harmonic generalised copeland; do
    "$bin" index --idata "$asem/ASEM_iData.csv" --imeta "$asem/ASEM_iMeta.csv" --normalise minmax \
      --lo 1 --hi 100 --aggregate "$agg" --out "$out/index_$agg.csv" >"$out/index_$agg.stdout" 2>&1
  done
  for n in zscore rank borda prank dist2max fracmax; do
    "$bin" index --idata "$asem/ASEM_iData.csv" --imeta "$asem/ASEM_iMeta.csv" --normalise "$n" \
      --treat --out "$out/index_treat_$n.csv" >"$out/index_treat_$n.stdout" 2>&1
  done
  "$bin" index --idata "$asem/ASEM_iData.csv" --imeta "$asem/ASEM_iMeta.csv" --normalise minmax \
    --lo 1 --hi 100 --denominate --out "$out/index_denominate.csv" >"$out/index_denominate.stdout" 2>&1 || true
  "$bin" uncertainty --idata "$asem/ASEM_iData.csv" --imeta "$asem/ASEM_iMeta.csv" --normalise minmax \
    --lo 1 --hi 100 --weight-noise 0.25 --noise-levels 2,3 --aggregate arithmetic,geometric \
    --runs 500 --seed 1 --keep-runs --out "$out/ua" >"$out/ua.stdout" 2>&1
  "$bin" uncertainty --idata "$asem/ASEM_iData.csv" --imeta "$asem/ASEM_iMeta.csv" --normalise minmax \
    --lo 1 --hi 100 --weight-noise 0.25 --runs 200 --seed 7 --sobol --quasi --bootstrap 200 \
    --out "$out/sa" >"$out/sa.stdout" 2>&1
  # A user's own panel: the report's panel scored with the default spec, CSV and Parquet.
  "$bin" score --panel "$work/linkage-base-panel.csv" --spec "$root/data/presence.toml" \
    --out "$out/score.csv" --indicators >"$out/score.stdout" 2>&1
  "$bin" score --panel "$work/linkage-base-panel.csv" --spec "$root/data/presence.toml" \
    --out "$out/score.parquet" >"$out/score_parquet.stdout" 2>&1
  "$bin" check "$work/linkage-base-panel.csv" >"$out/check.stdout" 2>&1
  # accounting.csv names the data folder it read: make it relative.
  for f in "$out"/report*/accounting.csv; do sed -i "s#$root/##g" "$f"; done
}
# The user-panel input: the shipped panel as the old binary writes it (columns of a panel file).
"$work/linkage-base" report --out "$work/seed" --data "$root/data" >/dev/null
cp "$work/seed/panel.csv" "$work/linkage-base-panel.csv"
run base
run new
# Printed paths name the output folder (base/ or new/): make them the same. Timing lines aside
# (none of the commands print one today; the filter keeps the rule explicit).
for side in base new; do
  for f in "$work/$side"/*.stdout; do sed -i -e "s#$work/$side/#OUT/#g" -e '/ in [0-9.]* s$/d' "$f"; done
done
if diff -r "$work/base" "$work/new" >"$work/diff.txt"; then
  n=$(find "$work/new" -type f | wc -l)
  echo "identical: $n files (outputs and printed text) from $base and $(git rev-parse --short "$new")"
else
  echo "DIFFERENT (see $work/diff.txt):"; head -40 "$work/diff.txt"; exit 1
fi
