#!/usr/bin/env bash
# The VS Code extension for one platform, carrying presetlint's binary for it (as ruff's
# extension does): editors/vscode with bin/presetlint[.exe] and the schemas (the preset's for
# *.hedge through VS Code's own JSON support, presetlint.toml's for Even Better TOML),
# packaged by @vscode/vsce from npm.
#
#   scripts/package-vscode.sh VSCODE_TARGET BINARY [OUT.vsix]
# e.g. scripts/package-vscode.sh linux-x64 target/dist/presetlint
# VSCE names the vsce command (default: @vscode/vsce 3.9.2 through npx).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?a VS Code platform, e.g. linux-x64, darwin-arm64, win32-x64}
binary=${2:?the presetlint binary for that platform}
out=${3:-target/vscode/presetlint-$target.vsix}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
# Staged in a scratch folder: the run may not write under target/ (the unprivileged test run).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
stage=$scratch/extension
mkdir -p "$stage/bin" "$stage/schema" "$(dirname "$out")"
cp editors/vscode/extension.js editors/vscode/package.json "$stage/"
cp schema/offshoot-preset.schema.json schema/presetlint.toml.schema.json "$stage/schema/"
case "$target" in
  win32-*) cp "$binary" "$stage/bin/presetlint.exe" ;;
  *) cp "$binary" "$stage/bin/presetlint"; chmod +x "$stage/bin/presetlint" ;;
esac
cat > "$stage/README.md" <<'README'
# presetlint for VS Code

Lints OffShoot Pro presets for their iconik sidecar settings as you type, with presetlint's
language server. This package carries presetlint's binary for its platform; the setting
`presetlint.path` names another. See https://github.com/presetlint/presetlint.
README
(cd "$stage" && npm install --omit=dev --no-audit --no-fund --silent)
vsce=${VSCE:-npx --yes @vscode/vsce@3.9.2}
(cd "$stage" && $vsce package --target "$target" --skip-license --out "$out")
echo "wrote $out"
