#!/usr/bin/env bash
# The static Linux binary: presetlint built for x86_64-unknown-linux-musl the way the release
# workflow builds it (rustup's target, Debian's musl-tools for the C of ring and mimalloc),
# proved static by ldd and file, and run on the bundled examples: the same report and exit
# code as the glibc build's.
#
# MUSL_PROFILE picks the profile (default dev: .ci/run's time; the release workflow uses
# dist, whose fat LTO takes minutes more).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${MUSL_PROFILE:-dev}
target=x86_64-unknown-linux-musl
export CC_x86_64_unknown_linux_musl=${CC_x86_64_unknown_linux_musl:-musl-gcc}
cargo build --locked --profile "$profile" --target "$target"
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
bin="target/$target/$dir/presetlint"

echo "== the musl binary is static"
if ! ldd "$bin" 2>&1 | grep -Eq "not a dynamic executable|statically linked"; then
  echo "error: $bin is not static:"; ldd "$bin"; exit 1
fi
echo "ok: ldd: $(ldd "$bin" 2>&1 | head -1 | sed 's/^[[:space:]]*//')"

echo "== the musl binary checks the examples as the glibc one does"
cargo build --locked --quiet
expected_rc=0; "target/debug/presetlint" check examples/ --format concise > target/musl-expected.txt 2>&1 || expected_rc=$?
rc=0; "$bin" check examples/ --format concise > target/musl-got.txt 2>&1 || rc=$?
if [ "$rc" != "$expected_rc" ] || ! cmp -s target/musl-expected.txt target/musl-got.txt; then
  echo "error: the musl binary exits $rc (glibc: $expected_rc), or reports otherwise:"
  diff target/musl-expected.txt target/musl-got.txt || true
  exit 1
fi
[ "$rc" = 1 ] || { echo "error: the examples should exit 1 (some are wrong on purpose), not $rc"; exit 1; }
"$bin" --version
echo "ok: same report, exit 1, as the README's first set-up command gives"
