#!/usr/bin/env bash
# Fills packaging/homebrew/presetlint.rb with a release's version and the SHA-256 sums the
# release workflow published beside its archives. Run after the release, then commit:
#   scripts/release-formula.sh v0.2.0
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:?usage: scripts/release-formula.sh vX.Y.Z}
version=${tag#v}
formula=packaging/homebrew/presetlint.rb
base="https://github.com/presetlint/presetlint/releases/download/$tag/presetlint-$tag"
sed -i.bak "s/^  version \".*\"/  version \"$version\"/" "$formula"
for target in aarch64-apple-darwin x86_64-apple-darwin aarch64-unknown-linux-musl x86_64-unknown-linux-musl; do
  sum=$(curl -fsSL "$base-$target.tar.gz.sha256" | cut -d' ' -f1)
  # The sha256 line right after this target's url line.
  awk -v target="$target" -v sum="$sum" '
    index($0, target) { print; getline; sub(/"[0-9a-f]+"/, "\"" sum "\""); print; next }
    { print }' "$formula" > "$formula.new"
  mv "$formula.new" "$formula"
done
rm -f "$formula.bak"
echo "updated $formula to $tag"
