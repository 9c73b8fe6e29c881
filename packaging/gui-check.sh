#!/usr/bin/env bash
# Starts an installed image's window on a fresh user profile, measures the time until the window is
# shown and drawn and until the shipped model is open (its file name in the title), takes a
# screenshot, checks that user data went to the per-user folder and not into the image, and closes
# the window.
#   packaging/gui-check.sh IMAGE_DIR SCREENSHOT.png [TIMEOUT_SECONDS]
#   GUI_CHECK_HOME=DIR packaging/gui-check.sh ...   reuse DIR as HOME (a warm JavaFX cache)
# Needs X (runs itself under xvfb-run when DISPLAY is unset), xwininfo (x11-utils) and import (imagemagick).
set -euo pipefail
image="$(cd "$1" && pwd)"; shot="$2"; timeout_s="${3:-120}"
if [ -z "${DISPLAY:-}" ]; then
  # A random first display number: several xvfb-run -a started at once can otherwise pick the same one.
  exec xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 1280x800x24" "$0" "$@"
fi
launcher="$image/bin/bitnet-workbench"
[ -x "$launcher" ] || { echo "gui-check: no launcher at $launcher" >&2; exit 1; }
mkdir -p "$(dirname "$shot")"
profile="$(mktemp -d)"
log="$profile/app.log"
before="$(find "$image" -newer "$launcher" 2>/dev/null | wc -l)"
now_ms() { date +%s%3N; }
titles() { xwininfo -root -tree 2>/dev/null | grep 'BitNet Workbench' || true; }

start="$(now_ms)"
# A fresh XDG_DATA_HOME: a first launch, which opens the shipped model by itself. HOME is fresh too
# (JavaFX unpacks its native libraries into ~/.openjfx/cache) unless GUI_CHECK_HOME names one to reuse.
HOME="${GUI_CHECK_HOME:-$profile}" XDG_DATA_HOME="$profile/data" WORKBENCH_STARTUP_REPORT=1 "$launcher" >"$log" 2>&1 &
app=$!
stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
trap 'stop_app; rm -rf "$profile"' EXIT
seen="" opened=""
while [ $(( $(now_ms) - start )) -lt $(( timeout_s * 1000 )) ]; do
  kill -0 "$app" 2>/dev/null || { echo "gui-check: the application exited early:" >&2; cat "$log" >&2; exit 1; }
  [ -z "$seen" ] && [ -n "$(titles)" ] && seen=$(( $(now_ms) - start ))
  # The title becomes "<model file> — BitNet Workbench" once the model is open.
  [ -z "$opened" ] && titles | grep -q '\.gguf' && opened=$(( $(now_ms) - start ))
  [ -n "$opened" ] && grep -q '^workbench: window shown' "$log" && break
  sleep 0.05
done
report="$(grep '^workbench: window shown' "$log" || true)"
[ -n "$report" ] || { echo "gui-check: no window drawn within ${timeout_s}s" >&2; cat "$log" >&2; exit 1; }
[ -n "$opened" ] || { echo "gui-check: the shipped model did not open within ${timeout_s}s" >&2; cat "$log" >&2; exit 1; }
sleep 2 # the model page fills in after the title changes
import -window root "$shot"
[ "$(convert "$shot" -format '%[fx:standard_deviation>0.02]' info:)" = 1 ] || { echo "gui-check: the screenshot is blank: $shot" >&2; exit 1; }
echo "gui-check: ${report#workbench: }"
echo "gui-check: seen by X after ${seen} ms, shipped model open (title) after ${opened} ms from launch"
echo "gui-check: title: $(titles | grep -o '"[^"]*BitNet Workbench[^"]*"' | head -1)"
echo "gui-check: screenshot $shot"
stop_app
cp "$log" "${shot%.png}.log"; echo "gui-check: application log ${shot%.png}.log"
data="$profile/data/bitnet-workbench"
[ -d "$data" ] || { echo "gui-check: nothing was written to \$XDG_DATA_HOME/bitnet-workbench" >&2; exit 1; }
echo "gui-check: user data went to \$XDG_DATA_HOME/bitnet-workbench: $(cd "$data" && ls | tr '\n' ' ')"
after="$(find "$image" -newer "$launcher" 2>/dev/null | wc -l)"
if [ "$after" != "$before" ]; then echo "gui-check: the application wrote into its image:" >&2; find "$image" -newer "$launcher" >&2; exit 1; fi
