#!/usr/bin/env bash
# A/B of two commits on this machine: the dist build of REV (default: main's last landed
# commit, origin/main, else HEAD~1) against this checkout's, run paired and alternating on the
# corpus scripts/bench.sh generates (PB, default /tmp/presetbench: run bench.sh once first)
# and on a tree of 100,000 clips with their sidecars (made in SCRATCH, default
# /dev/shm/presetlint-ab, for audit and generate --dry-run), N pairs each (default 15). Prints the median of new / old over the pairs: a change of the
# code, told apart from a change of the machine, which moves the ratios against the peers.
#
#   scripts/bench-ab.sh 54e16cb
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-$(git rev-parse -q --verify origin/main || git rev-parse HEAD~1)}
export PB=${PB:-/tmp/presetbench}
[ -d "$PB/corpus-10000" ] && [ -f "$PB/large/large-valid.json" ] \
  || { echo "bench-ab.sh: no corpus in $PB: run scripts/bench.sh once first" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/old" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

cargo build --profile dist --locked --quiet --bin presetlint
cp target/dist/presetlint "$scratch/new"
git worktree add -q "$scratch/old" "$rev"
# The same target folder: the dependencies are built once.
target="$PWD/target"
(cd "$scratch/old" && CARGO_TARGET_DIR="$target" cargo build --profile dist --locked --quiet --bin presetlint)
cp target/dist/presetlint "$scratch/old-bin"
# Leave this checkout's own build in place.
cargo build --profile dist --locked --quiet --bin presetlint

tree_scratch=${SCRATCH:-/dev/shm/presetlint-ab}
trap 'git worktree remove --force "$scratch/old" >/dev/null 2>&1 || true; rm -rf "$scratch" "$tree_scratch"' EXIT
python3 - "$scratch/old-bin" "$scratch/new" "${N:-15}" "$PB" "$tree_scratch" <<'PY'
import json, os, statistics, subprocess, sys, time
sys.path.insert(0, "scripts")
from bench import make_clip_tree
old, new, n, pb, scratch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
# A day of footage with its sidecars, as generate writes them: what audit reads.
tree, preset = os.path.join(scratch, "clips-100000"), os.path.join(scratch, "preset.json")
make_clip_tree(tree, 100_000)
with open(preset, "w", encoding="utf-8") as fh:
    json.dump({"iconikSidecarExtensions": [".R3D"],
               "iconikSidecarElements": ["{Project}", "{Card}", "{Date}"]}, fh)
values = ["--set", "Project=PRX", "--set", "Card=A001", "--date", "2024-12-24", "--no-config"]
subprocess.run([new, "generate", preset, "--destination", tree, "--no-sync", *values],
               check=True, stdout=subprocess.DEVNULL)
cases = {
    "large-valid.json (5 MB)": ["check", "--no-config", f"{pb}/large/large-valid.json"],
    "large-dup.json (5 MB)": ["check", "--no-config", f"{pb}/large/large-dup.json"],
    "corpus-10000": ["check", "--no-config", f"{pb}/corpus-10000"],
    "one small preset": ["check", "--no-config", "examples/red-commercial.json"],
    "audit, 100,000 clips": ["audit", tree, "--preset", preset, "--format", "concise", *values],
    "generate --dry-run, 100,000 clips": ["generate", preset, "--destination", tree, "--dry-run",
                                          *values],
}
def timed(binary, args):
    start = time.perf_counter()
    subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
print("| input | old ms | new ms | new / old |\n|---|---:|---:|---:|")
for name, args in cases.items():
    olds, news, ratios = [], [], []
    for i in range(n):
        first, second = (old, new) if i % 2 == 0 else (new, old)
        a, b = timed(first, args), timed(second, args)
        o, w = (a, b) if first == old else (b, a)
        olds.append(o); news.append(w); ratios.append(w / o)
    print(f"| {name} | {statistics.median(olds)*1000:.1f} | {statistics.median(news)*1000:.1f} | {statistics.median(ratios):.3f} |")
PY
