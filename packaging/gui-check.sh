#!/usr/bin/env bash
# Starts an installed image's window on a fresh user profile, measures the time until the window is
# shown and until the shipped model is open (its name in the title), takes a screenshot, checks that
# user data went to the per-user folder and not into the image, and closes the window.
#   packaging/gui-check.sh IMAGE_DIR SCREENSHOT.png [TIMEOUT_SECONDS]
# Needs X (runs itself under xvfb-run when DISPLAY is unset), xwininfo (x11-utils) and import (imagemagick).
set -euo pipefail
image="$(cd "$1" && pwd)"; shot="$2"; timeout_s="${3:-90}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
launcher="$image/bin/bitnet-workbench"
[ -x "$launcher" ] || { echo "gui-check: no launcher at $launcher" >&2; exit 1; }
mkdir -p "$(dirname "$shot")"
profile="$(mktemp -d)"
log="$profile/app.log"
before="$(find "$image" -newer "$launcher" 2>/dev/null | wc -l)"
now_ms() { date +%s%3N; }
window_id() { # the first viewable top-level window whose title names the workbench
  local id
  for id in $(xwininfo -root -tree 2>/dev/null | grep 'BitNet Workbench' | awk '{print $1}'); do
    xwininfo -id "$id" 2>/dev/null | grep -q 'IsViewable' && { echo "$id"; return 0; }
  done
  return 1
}
start="$(now_ms)"
# A fresh HOME and XDG_DATA_HOME: a first launch, which opens the shipped model by itself.
HOME="$profile" XDG_DATA_HOME="$profile/data" "$launcher" >"$log" 2>&1 &
app=$!
stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
trap 'stop_app; rm -rf "$profile"' EXIT
shown="" painted="" opened=""
while [ $(( $(now_ms) - start )) -lt $(( timeout_s * 1000 )) ]; do
  kill -0 "$app" 2>/dev/null || { echo "gui-check: the application exited early:" >&2; cat "$log" >&2; exit 1; }
  if [ -z "$shown" ] && id="$(window_id)"; then shown=$(( $(now_ms) - start )); fi
  if [ -n "$shown" ] && [ -z "$painted" ] && import -window root "$shot" 2>/dev/null && \
     [ "$(convert "$shot" -format '%[fx:standard_deviation>0.02]' info:)" = 1 ]; then
    painted=$(( $(now_ms) - start )) # the screen is no longer one flat colour: the window has drawn itself
  fi
  if [ -n "$shown" ] && [ -z "$opened" ] && xwininfo -root -tree 2>/dev/null | grep 'BitNet Workbench' | grep -q -- 'gguf\|\\342\\200\\224\|—'; then
    opened=$(( $(now_ms) - start ))
  fi
  [ -n "$painted" ] && [ -n "$opened" ] && break
  sleep 0.05
done
[ -n "$shown" ] || { echo "gui-check: no window within ${timeout_s}s" >&2; cat "$log" >&2; exit 1; }
[ -n "$painted" ] || { echo "gui-check: the window stayed blank for ${timeout_s}s" >&2; cat "$log" >&2; exit 1; }
sleep 1 # the model page fills in after the title changes
import -window root "$shot"
echo "gui-check: window shown after ${shown} ms, painted after ${painted} ms, shipped model open after ${opened:-?} ms"
echo "gui-check: title: $(xwininfo -root -tree | grep -o '"[^"]*BitNet Workbench[^"]*"' | head -1)"
echo "gui-check: screenshot $shot"
stop_app
cp "$log" "${shot%.png}.log"; echo "gui-check: application log ${shot%.png}.log"
data="$profile/data/bitnet-workbench"
if [ -d "$data" ]; then echo "gui-check: user data in \$XDG_DATA_HOME/bitnet-workbench: $(cd "$data" && ls | tr '\n' ' ')"; fi
after="$(find "$image" -newer "$launcher" 2>/dev/null | wc -l)"
if [ "$after" != "$before" ]; then echo "gui-check: the application wrote into its image:" >&2; find "$image" -newer "$launcher" >&2; exit 1; fi
[ -n "$opened" ] || { echo "gui-check: the shipped model did not open within ${timeout_s}s" >&2; cat "$log" >&2; exit 1; }
