#!/usr/bin/env bash
# Byte for byte against another commit: runs the same commands with REV's presetlint (default:
# main's last landed commit, origin/main, else HEAD~1) and this checkout's, each in a fresh copy
# of its folder, and compares standard output, standard error, the exit code and the files the
# run leaves. The commands cover check (human, JSON, statistics, --fix, --diff, a baseline, the
# rules across presets), preview, generate (human, JSON, dry runs, clip logs, ASC MHL histories)
# and audit, on the examples and the fixtures. For a change that should not change behaviour.
#
#   scripts/same-output.sh 9cb7659
set -euo pipefail
cd "$(dirname "$0")/.."
M=$PWD
rev=${1:-$(git rev-parse -q --verify origin/main || git rev-parse HEAD~1)}
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/old-tree" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

git worktree add -q "$scratch/old-tree" "$rev"
# The same target folder: the dependencies are built once.
(cd "$scratch/old-tree" && CARGO_TARGET_DIR="$M/target" cargo build --locked --quiet --bin presetlint)
mkdir "$scratch/old" "$scratch/new"
cp target/debug/presetlint "$scratch/old/presetlint"
cargo build --locked --quiet --bin presetlint
cp target/debug/presetlint "$scratch/new/presetlint"
OLD=$scratch/old/presetlint NEW=$scratch/new/presetlint

runs=0 differ=0
run() { # run FOLDER ARGS...: FOLDER is copied; the command runs inside the copy
  local src=$1; shift
  for which in old new; do
    local dir=$scratch/run-$which bin=$OLD
    [ "$which" = new ] && bin=$NEW
    rm -rf "$dir" && mkdir -p "$dir" && cp -a "$src"/. "$dir"/
    (cd "$dir" && set +e; "$bin" "$@" >"$scratch/$which.out" 2>"$scratch/$which.err"; echo "exit $?" >>"$scratch/$which.out")
    sed -i "s#$dir#FOLDER#g" "$scratch/$which.out" "$scratch/$which.err"
    # An ASC MHL generation carries the time it was made: its name is compared, not its bytes.
    (cd "$dir" && find . -type f ! -path '*/ascmhl/*' -print0 | sort -z | xargs -0 -r md5sum \
      && find . -type f -path '*/ascmhl/*' | sed 's/[0-9]\{4\}-[0-9-]*_[0-9]*//' | sort) >"$scratch/$which.files"
  done
  runs=$((runs + 1))
  local f
  for f in out err files; do
    if ! cmp -s "$scratch/old.$f" "$scratch/new.$f"; then
      differ=$((differ + 1))
      echo "differs ($f): ${src#"$M"/} presetlint $*"
      diff "$scratch/old.$f" "$scratch/new.$f" | head -10 || true
      break
    fi
  done
}

EX=$M/examples
D=(--date 2026-03-02)
run "$EX" check .
run "$EX" check . --format json
run "$EX" check . --statistics
run "$EX" check . --fix
run "$EX" check . --diff
run "$EX" check . --write-baseline b.json
run "$EX" preview red-commercial.json --clip footage/Travel-RAID/Day01/A001C001.R3D --report json "${D[@]}"
run "$EX" preview red-commercial.json --clip footage/Travel-RAID/Day01/A001C001.R3D --format xml --set Project=X "${D[@]}"
run "$EX" generate red-commercial.json --destination footage/Travel-RAID --report json "${D[@]}"
run "$EX" generate red-commercial.json --destination footage/Travel-RAID --dry-run --set Project=PRX "${D[@]}"
run "$EX" generate wrong-on-set.json --destination footage/Travel-RAID --report json "${D[@]}"
run "$EX" generate wrong-on-set.json --destination footage/Travel-RAID "${D[@]}"
run "$EX" generate red-commercial.json --destination footage/Travel-RAID --destination nowhere --report json "${D[@]}"
run "$EX" generate red-commercial.json --destination footage --report json --require-values "${D[@]}"
run "$EX" audit footage
run "$EX" audit footage --format json
run "$EX" audit footage --preset red-commercial.json --view iconik-view.json "${D[@]}"
for d in "$M"/tests/fixtures/clip-log/{ok,err}/*/; do
  log=$(cd "$d" && ls | grep -E '^clips\.(ale|csv)$' | head -1 || true)
  [ -n "$log" ] || continue
  more=(); [ -f "$d/view.json" ] && more=(--view view.json)
  [ -f "$d/args" ] && mapfile -t -O "${#more[@]}" more <"$d/args"
  common=(--clip-values "$log" --no-config "${D[@]}" "${more[@]}")
  run "$d" generate preset.json --destination tree "${common[@]}" --report json
  run "$d" generate preset.json --destination tree "${common[@]}" --dry-run
  clip=$(cd "$d" && find tree -type f ! -name '*.json' ! -name '*.xml' | sort | head -1 || true)
  [ -n "$clip" ] && run "$d" preview preset.json --clip "$clip" "${common[@]}" --report json
  run "$d" audit tree --preset preset.json "${common[@]}" --format json
done
for d in "$M"/tests/fixtures/audit/*/*/; do
  run "$d/tree" audit . --format json
  run "$d/tree" audit . --verify-mhl
  [ -f "$d/preset.json" ] && run "$d" audit tree --preset preset.json --format json
  G=(--destination tree --volume Travel-RAID --set Card=A --set Project=X --no-config "${D[@]}")
  run "$d" generate "$EX/red-commercial.json" "${G[@]}" --overwrite
  run "$d" generate "$EX/red-commercial.json" "${G[@]}" --overwrite --mhl --report json
  run "$d" generate "$EX/red-commercial.json" "${G[@]}" --destination missing --dry-run
done
for d in "$M"/tests/fixtures/across/*/*/; do
  run "$d" check . --format json
  run "$d" check . --fix
  one=$(cd "$d" && ls | grep -E '\.(json|hedge)$' | head -1 || true)
  run "$d" check "$one" --format json
done
echo "same-output.sh: $runs runs against $rev, $differ differ"
[ "$differ" = 0 ]
