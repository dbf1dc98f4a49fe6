#!/usr/bin/env bash
# presetlint for Windows, run and not only compiled: cross-built with MinGW, run under Wine
# with a test-only bcryptprimitives.dll beside it (tests/support/windows; Wine 8 lacks the DLL,
# whose ProcessPrng Rust's std imports). Nothing ships with the shim.
#
# 1. The unit tests (cargo test --lib for x86_64-pc-windows-gnu, Wine as the runner).
# 2. An integration subset through presetlint.exe, each compared with the Linux build: check
#    of the examples (report with `\` in paths, exit code), --fix on a CRLF preset,
#    --output-file, preview and generate on a drive-letter path with a volume name, audit, and
#    the language server's initialize and diagnostics over stdio.
# The integration suite itself (tests/it) is Unix only: FIFOs, permissions, other users and
# Unix error messages; the README lists what ran where.
set -euo pipefail
cd "$(dirname "$0")/.."

export WINEDEBUG=-all
export WINEPREFIX=${WINEPREFIX:-$PWD/target/wineprefix}
mkdir -p target/windows-shim
x86_64-w64-mingw32-gcc -shared -O2 -o target/windows-shim/bcryptprimitives.dll \
  tests/support/windows/bcryptprimitives.c -lbcrypt
export PRESETLINT_WINDOWS_SHIM=$PWD/target/windows-shim/bcryptprimitives.dll
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$PWD/scripts/wine-runner.sh

echo "== the unit tests under Wine"
cargo test --locked --target x86_64-pc-windows-gnu --lib

echo "== presetlint.exe under Wine, against the Linux build"
cargo build --locked --quiet --target x86_64-pc-windows-gnu
cargo build --locked --quiet
exe=$PWD/target/x86_64-pc-windows-gnu/debug/presetlint.exe
cp "$PRESETLINT_WINDOWS_SHIM" "$(dirname "$exe")/"
lin=$PWD/target/debug/presetlint
win() { wine "$exe" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "error: $*"; exit 1; }
# The Windows report with its `\` turned into `/`, the drive's path into the Linux one.
unwin() { sed -e "s#Z:\\\\#/#g" -e 's#\\#/#g' "$@"; }
same_rc() { [ "$1" = "$2" ] || fail "$3: Windows exits $1, Linux $2"; }

cp -r examples "$work/"
cd "$work"

# 1. check of the examples.
wrc=0; win check examples --format concise > win.txt 2> win.err || wrc=$?
lrc=0; "$lin" check examples --format concise > lin.txt 2> lin.err || lrc=$?
same_rc "$wrc" "$lrc" "check examples"
grep -q '^examples\\' win.txt || fail "the Windows report names no path with \\"
unwin win.txt | cmp -s - lin.txt || { diff <(unwin win.txt) lin.txt; fail "check examples reports otherwise"; }
cmp -s win.err lin.err || fail "check examples: a different closing line"
echo "ok: check examples: exit $wrc, the same $(wc -l < lin.txt) findings, paths with \\"

# A reader that goes away early is no error, as on Linux (Windows says "Pipe not connected").
win check examples --format sarif 2> pipe.err | head -c 300 > /dev/null || true
! grep -q "cannot write" pipe.err || { cat pipe.err; fail "a closed pipe is reported as an error"; }
echo "ok: check | head: silent on the closed pipe"

# 2. --fix on a CRLF preset: fixed as on Linux, its line endings kept.
printf '{\r\n  "iconikSidecarExtensions": ["R3D", " .MOV"],\r\n  "iconikSidecarElements": ["{Project}"]\r\n}\r\n' > crlf-win.json
cp crlf-win.json crlf-lin.json
win check crlf-win.json --fix --format concise > /dev/null 2>&1 || true
"$lin" check crlf-lin.json --fix --format concise > /dev/null 2>&1 || true
cmp -s crlf-win.json crlf-lin.json || fail "--fix on a CRLF preset differs"
[ "$(grep -c $'\r$' crlf-win.json)" = 4 ] || fail "--fix lost the CRLF line endings"
grep -q '".R3D", ".MOV"' crlf-win.json || fail "--fix did not fix"
echo "ok: --fix on a CRLF preset: fixed as on Linux, CRLF kept"

# 3. --output-file.
wrc=0; win check examples --format json --output-file out-win.json 2> /dev/null || wrc=$?
"$lin" check examples --format json --output-file out-lin.json 2> /dev/null || true
same_rc "$wrc" 1 "--output-file"
# In JSON a `\` is written `\\`.
cmp -s <(sed 's#\\\\#/#g' out-win.json) out-lin.json || fail "--output-file's report differs"
echo "ok: --output-file: the JSON report as on Linux"

# 4. preview and generate on a drive-letter path, the destination named by its volume.
mkdir -p RAID/A001 Linux/RAID/A001
touch RAID/A001/A001C001.R3D RAID/A001/A001C002.R3D Linux/RAID/A001/A001C001.R3D Linux/RAID/A001/A001C002.R3D
printf '{"iconikSidecarDestinations": ["Shuttle 1"], "iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}", "{Camera}"]}\n' > p.json
raid=$(winepath -w "$work/RAID")
case "$raid" in [A-Z]:\\*) ;; *) fail "no drive-letter path: $raid" ;; esac
win preview p.json --clip "$raid\\A001\\A001C001.R3D" --volume "Shuttle 1" --set Project=PRX --set Camera=A --format json > preview.json
grep -q '"gets_sidecar": *true' preview.json || fail "preview on $raid gives no sidecar"
win generate p.json --destination "$raid" --volume "Shuttle 1" --set Project=PRX --set Camera=A > gen-win.txt
"$lin" generate p.json --destination Linux/RAID --volume "Shuttle 1" --set Project=PRX --set Camera=A > gen-lin.txt
for clip in A001C001 A001C002; do
  cmp -s "RAID/A001/$clip.R3D.json" "Linux/RAID/A001/$clip.R3D.json" || fail "generate wrote $clip's sidecar otherwise"
done
tail -1 gen-win.txt | cmp -s - <(tail -1 gen-lin.txt) || fail "generate's summary differs"
echo "ok: preview and generate on $raid (volume \"Shuttle 1\"): the sidecars Linux writes"

# 5. audit of that destination.
wrc=0; win audit "$raid" --preset p.json --volume "Shuttle 1" --set Project=PRX --set Camera=B --format concise > audit-win.txt 2>&1 || wrc=$?
lrc=0; "$lin" audit Linux/RAID --preset p.json --volume "Shuttle 1" --set Project=PRX --set Camera=B --format concise > audit-lin.txt 2>&1 || lrc=$?
same_rc "$wrc" "$lrc" "audit"
[ "$(grep -c 'PL811' audit-win.txt)" = 2 ] || { cat audit-win.txt; fail "audit finds not the two stale sidecars"; }
[ "$(grep -c 'PL811' audit-lin.txt)" = 2 ] || fail "the Linux audit finds not the two stale sidecars"
echo "ok: audit: the two stale sidecars, exit $wrc"

# 6. The language server over stdio.
python3 "$OLDPWD/scripts/lsp-smoke.py" examples/wrong-on-set.json -- wine "$exe" lsp > lsp-win.txt
python3 "$OLDPWD/scripts/lsp-smoke.py" examples/wrong-on-set.json -- "$lin" lsp > lsp-lin.txt
[ -s lsp-lin.txt ] || fail "the Linux server published nothing"
cmp -s lsp-win.txt lsp-lin.txt || { diff lsp-win.txt lsp-lin.txt; fail "the language servers publish otherwise"; }
echo "ok: the language server: initialize, then the same $(wc -l < lsp-lin.txt) diagnostics"
