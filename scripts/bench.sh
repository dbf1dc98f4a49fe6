#!/usr/bin/env bash
# The speed benchmark: presetlint against the JSON Schema validators a user would otherwise run
# (../shared/bench), and against a parse-only floor, on the same files in one run.
#
#   scripts/bench.sh            build, generate the corpora, install missing peers, measure
#   scripts/bench.sh --only clip-log
#                               build, measure generate with a DIT's clip log only, and put
#                               that section in place in the results file
#
# Environment: PB (scratch folder, default /tmp/presetbench; generate also runs once on it,
# to show a disk file system beside tmpfs), SHARED (the peers' harness,
# default ../shared/bench), PAIRS (timed pairs per peer, default 7), OUT (results file,
# default bench/results.md). Needs python3; installing the peers needs npm, cargo and
# GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
export PB=${PB:-/tmp/presetbench}
SHARED=${SHARED:-../shared/bench}
# run_peers.sh reads OUT as its own scratch folder: keep ours out of its environment.
RESULTS=${OUT:-bench/results.md}
unset OUT
command -v /usr/bin/time >/dev/null || { echo "bench.sh: GNU time is needed (apt-get install time)" >&2; exit 2; }
if [ "${1:-}" = "--only" ]; then
  cargo build --profile dist --locked --bin presetlint
  exec python3 scripts/bench.py --only "$2" --presetlint target/dist/presetlint --out "$RESULTS" \
    --floor - --peers - --corpus - --large - --large-dup -
fi
[ -f "$SHARED/gen_corpus.py" ] || { echo "bench.sh: $SHARED/gen_corpus.py not found (set SHARED)" >&2; exit 2; }

cargo build --profile dist --locked --bin presetlint --example parse-floor

[ -f "$PB/corpus-10000/MANIFEST.tsv" ] || python3 "$SHARED/gen_corpus.py" --out "$PB/corpus-10000" -n 10000
[ -f "$PB/large/large-valid.json" ] || python3 "$SHARED/gen_corpus.py" --large "$PB/large/large-valid.json"
[ -f "$PB/large/large-dup.json" ] || python3 "$SHARED/gen_corpus.py" --large "$PB/large/large-dup.json" --large-defect duplicate
if [ ! -x "$PB/cargo/bin/jsonschema-cli" ] || [ ! -x "$PB/cargo/bin/boon" ] \
   || [ ! -x "$PB/venv/bin/check-jsonschema" ] || [ ! -x "$PB/node/node_modules/.bin/ajv" ]; then
  "$SHARED/run_peers.sh" install
fi

python3 scripts/bench.py \
  --presetlint target/dist/presetlint --floor target/dist/examples/parse-floor \
  --peers "$SHARED/run_peers.sh" --corpus "$PB/corpus-10000" \
  --large "$PB/large/large-valid.json" --large-dup "$PB/large/large-dup.json" \
  --pairs "${PAIRS:-7}" --out "$RESULTS" --disk-scratch "$PB/generate-disk"
