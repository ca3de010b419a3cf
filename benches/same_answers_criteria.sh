#!/usr/bin/env bash
# Behaviour unchanged apart from the culture criterion (issue 12, "Done when"): with the culture
# weights at 0 and the new columns blank, matches.csv, pairs.csv, unplaced.csv, options.csv and
# the scenario summaries are byte-identical between the code before the self-describing criteria
# and now, on the bundled data (as it was, without the new columns) and on a generated
# 500 x 1,000 county (from the old generator). summary.json is compared without its measured
# solve time.
#
#   benches/same_answers_criteria.sh [BEFORE_BIN] [AFTER_BIN]
#
# BEFORE_BIN defaults to /work/wt/criteria-before-bin (a release build of commit $BASE),
# AFTER_BIN to target/release/righthome. Exit status 0 when everything is identical.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${1:-/work/wt/criteria-before-bin}
AFTER=${2:-target/release/righthome}
BASE=${BASE:-fb15a36}           # the last commit before the change
REPLICATIONS=${REPLICATIONS:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inputs: the bundled children and homes as they were, and a county from the old generator.
for side in before after; do
  mkdir -p "$work/$side/bundled" "$work/$side/c500" "$work/$side/scenarios"
done
git show "$BASE:data/lancashire/children.csv" >"$work/before/bundled/children.csv"
git show "$BASE:data/lancashire/homes.csv" >"$work/before/bundled/homes.csv"
git show "$BASE:data/lancashire/profile.toml" >"$work/profile.toml"
"$BEFORE" generate --profile "$work/profile.toml" --seed 7 --children 500 --homes 1000 \
  --out "$work/before/c500" >/dev/null
# The policy: the old defaults before; now the same with the culture weights at 0.
git show "$BASE:data/lancashire/policy.toml" >"$work/before/policy.toml"
sed 's/^step_down = 2.0 .*/&\nlanguage = 0.0\nfaith = 0.0/' "$work/before/policy.toml" \
  >"$work/after/policy.toml"
grep -q '^language = 0.0' "$work/after/policy.toml"
for data in bundled c500; do
  cp "$work/before/$data/"*.csv "$work/after/$data/"
  cp "$work/before/policy.toml" "$work/before/$data/policy.toml"
  cp "$work/after/policy.toml" "$work/after/$data/policy.toml"
done
for s in baseline recruit-teen-carers childrens-home-closure; do
  for side in before after; do
    git show "$BASE:scenarios/$s.toml" | sed 's|^base = .*|base = "../bundled"|' \
      >"$work/$side/scenarios/$s.toml"
  done
done

run() { # side bin
  local side=$1 bin=$2
  for data in bundled c500; do
    "$bin" match --data "$work/$side/$data" --out "$work/$side/out-$data-match" >/dev/null
    "$bin" options --data "$work/$side/$data" --out "$work/$side/out-$data-options" >/dev/null
  done
  for s in baseline recruit-teen-carers childrens-home-closure; do
    "$bin" scenario run "$work/$side/scenarios/$s.toml" --replications "$REPLICATIONS" \
      --out "$work/$side/out-scenario-$s" >/dev/null 2>&1
  done
}
run before "$BEFORE"
run after "$AFTER"

status=0
same() { # label file-before file-after
  if cmp -s "$2" "$3"; then
    echo "same       $1"
  else
    echo "DIFFERENT  $1"
    diff "$2" "$3" | head -5
    status=1
  fi
}
no_time() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("solve_time_seconds",None); print(json.dumps(d,sort_keys=True))' "$1"; }
for data in bundled c500; do
  for f in matches.csv pairs.csv unplaced.csv; do
    same "$data match $f" "$work/before/out-$data-match/$f" "$work/after/out-$data-match/$f"
  done
  same "$data match summary.json (no time)" <(no_time "$work/before/out-$data-match/summary.json") \
    <(no_time "$work/after/out-$data-match/summary.json")
  same "$data options.csv" "$work/before/out-$data-options/options.csv" "$work/after/out-$data-options/options.csv"
done
for s in baseline recruit-teen-carers childrens-home-closure; do
  for f in $(cd "$work/before/out-scenario-$s" && ls); do
    same "scenario $s $f" "$work/before/out-scenario-$s/$f" "$work/after/out-scenario-$s/$f"
  done
done
exit $status
