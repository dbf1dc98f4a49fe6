#!/usr/bin/env bash
# The HTML reports in a real browser: Debian's chromium driven by playwright-core (npm, pinned;
# it downloads no browser of its own). Builds presetlint, makes the reports of `check` and
# `audit` on inputs with hostile names and values (scripts/browser-check.mjs lays them out),
# opens each from disk, asserts what it shows, that nothing in it ran and that no request
# left the page, with scripts allowed and without; then builds the playground and drives it
# (scripts/playground-check.mjs). A screenshot of each goes to target/test-artifacts/
# (ARTIFACTS to change it).
#
# Installs what it lacks (as root, or through sudo); fails when it cannot, so that CI cannot
# pass without the browser.
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT=playwright-core@1.65.1
tools=${PRESETLINT_TEST_TOOLS:-$PWD/target/test-tools}
artifacts=${ARTIFACTS:-$PWD/target/test-artifacts}
as_root=""; [ "$(id -u)" = 0 ] || as_root="sudo -n"

chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  $as_root apt-get install -y -q chromium >/dev/null 2>&1 \
    || { $as_root apt-get update -q >/dev/null 2>&1 && $as_root apt-get install -y -q chromium >/dev/null 2>&1; } \
    || { echo "error: Debian's chromium cannot be installed here" >&2; exit 1; }
  chromium=$(command -v chromium)
fi
if [ ! -f "$tools/playwright/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$tools/playwright"
  npm install --prefix "$tools/playwright" --no-audit --no-fund --loglevel=error "$PLAYWRIGHT" >/dev/null
fi

cargo build --locked --quiet --bin presetlint
mkdir -p "$artifacts"
NODE_PATH="$tools/playwright/node_modules" CHROMIUM="$chromium" PRESETLINT="$PWD/target/debug/presetlint" \
  ARTIFACTS="$artifacts" node scripts/browser-check.mjs

# The playground: built from this checkout (scripts/playground.sh), opened from disk.
playground="$PWD/target/playground"
OUT="$playground" bash scripts/playground.sh
NODE_PATH="$tools/playwright/node_modules" CHROMIUM="$chromium" PRESETLINT="$PWD/target/debug/presetlint" \
  PLAYGROUND="$playground" ARTIFACTS="$artifacts" node scripts/playground-check.mjs
