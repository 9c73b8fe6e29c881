#!/usr/bin/env bash
# Regenerates the Windows .ico and macOS .icns from assets/icons/bitnet-workbench.svg.
# Needs rsvg-convert (librsvg2-bin), convert (imagemagick) and png2icns (icnsutils):
#   apt-get install -y librsvg2-bin imagemagick icnsutils
# (ImageMagick's own SVG renderer draws black outlines the drawing does not have, hence rsvg-convert.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
svg="$here/../assets/icons/bitnet-workbench.svg"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for s in 16 32 48 64 128 256 512 1024; do rsvg-convert -w "$s" -h "$s" "$svg" -o "$tmp/$s.png"; done
convert "$tmp"/{16,32,48,64,128,256}.png "$here/windows/bitnet-workbench.ico"
png2icns "$here/macos/bitnet-workbench.icns" "$tmp"/{16,32,48,128,256,512,1024}.png >/dev/null
echo "icons: $here/windows/bitnet-workbench.ico, $here/macos/bitnet-workbench.icns"
