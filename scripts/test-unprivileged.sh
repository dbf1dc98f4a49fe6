#!/usr/bin/env bash
# The suite as a user who is not root, as on GitHub's runner: a user `presetlint-ci` with a
# second group and `sudo -n` for mount, umount and losetup only (what the full-disk, read-only
# and file-system tests need), running the already-built test binaries with CI=true, so that a
# test that cannot set up what it needs fails rather than passes. Its own tools (ascmhl) go to
# its home: it may not write under target/ nor run a Python from root's home. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "skipped: the unprivileged run (it sets up a user, and needs root to)"
  exit 0
fi
command -v sudo >/dev/null || apt-get install -y -q sudo >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q sudo >/dev/null 2>&1; }
id presetlint-ci >/dev/null 2>&1 || useradd --create-home --groups users presetlint-ci
echo "presetlint-ci ALL=(root) NOPASSWD: $(command -v mount), $(command -v umount), $(command -v losetup)" \
  > /etc/sudoers.d/presetlint-ci
chmod 0440 /etc/sudoers.d/presetlint-ci

# The test binaries cargo built, and a checkout the user can read.
mapfile -t binaries < <(cargo test --locked --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"])')
dir="$PWD"
while [ "$dir" != / ]; do chmod o+rx "$dir" 2>/dev/null || true; dir="$(dirname "$dir")"; done
chmod -R o+rX . 2>/dev/null || true

# The trust root's npm has (a proxy's CA file, where the machine sets one), for the tools the
# tests install from npm (taplo, vsce); pip's is machine-wide already.
npm_trust=()
cafile=$(npm config get cafile 2>/dev/null || true)
if [ -n "$cafile" ] && [ "$cafile" != null ] && [ "$cafile" != undefined ]; then
  npm_trust=("npm_config_cafile=$cafile")
fi

for binary in "${binaries[@]}"; do
  echo "as presetlint-ci: $(basename "$binary")"
  sudo -u presetlint-ci env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/home/presetlint-ci CI=true \
    PRESETLINT_TEST_TOOLS=/home/presetlint-ci/test-tools "${npm_trust[@]}" \
    "$binary" --test-threads=2
done
