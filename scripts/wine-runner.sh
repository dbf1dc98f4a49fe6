#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu (CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER): puts
# the test-only bcryptprimitives.dll (tests/support/windows) beside the binary, which Wine 8
# lacks and Rust's std imports, then runs it under Wine.
set -euo pipefail
exe=$1
shift
dir=$(dirname "$exe")
[ -f "$dir/bcryptprimitives.dll" ] || cp "${PRESETLINT_WINDOWS_SHIM:?the shim is built by scripts/windows-check.sh}" "$dir/"
WINEDEBUG=-all exec wine "$exe" "$@"
