#!/usr/bin/env bash
# Builds the browser playground into playground/dist/ (or OUT): presetlint's engine compiled
# to wasm32-unknown-unknown by this checkout's Rust toolchain (no bindgen tool: see
# playground/src/wasm.rs), the page (playground/web/), and the bundled example preset and
# view as the page's first content. Open playground/dist/index.html from disk, or serve the
# folder from any static host.
#
# The module is carried as base64 in a classic script: browsers refuse fetch() and module
# scripts on a page opened from disk.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-$PWD/playground/dist}

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown >/dev/null
fi
cargo build --locked --quiet -p presetlint-playground --target wasm32-unknown-unknown --profile wasm
wasm=target/wasm32-unknown-unknown/wasm/presetlint_playground.wasm

mkdir -p "$out"
cp playground/web/index.html playground/web/style.css playground/web/app.js playground/web/presetlint.js "$out/"
cp "$wasm" "$out/presetlint.wasm"
python3 - "$wasm" "$out" <<'PY'
import base64, json, sys
wasm, out = sys.argv[1], sys.argv[2]
with open(wasm, "rb") as f:
    encoded = base64.b64encode(f.read()).decode()
with open(f"{out}/presetlint-wasm.js", "w") as f:
    f.write("// presetlint's engine as WebAssembly (base64), built by scripts/playground.sh.\n")
    f.write(f'globalThis.PRESETLINT_WASM = "{encoded}";\n')
example = {
    "presetName": "wrong-on-set.json",
    "preset": open("examples/wrong-on-set.json", encoding="utf-8").read(),
    "viewName": "iconik-view.json",
    "view": open("examples/iconik-view.json", encoding="utf-8").read(),
}
with open(f"{out}/presetlint-wasm.js", "a") as f:
    f.write("// The first content of the page: examples/wrong-on-set.json and examples/iconik-view.json.\n")
    f.write(f"globalThis.PRESETLINT_EXAMPLE = {json.dumps(example)};\n")
PY
echo "playground: $out/index.html ($(wc -c < "$wasm") bytes of WebAssembly, $(gzip -9 -c "$wasm" | wc -c) gzipped)"
