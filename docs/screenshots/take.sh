#!/usr/bin/env bash
# Screenshots of the main pages with headless Chromium, desktop and 360 px, light and dark.
# Start the app first (./mvnw quarkus:dev serves the demo data), then run: docs/screenshots/take.sh
set -euo pipefail
base=${1:-http://localhost:8080}
out=$(cd "$(dirname "$0")" && pwd)
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
        --disable-component-update --disable-sync --hide-scrollbars --lang=zh-CN --accept-lang=zh-CN,zh)
suggestion=$(curl -fsS "$base/boards/bugs" | grep -o 'href="/suggestions/[0-9]*"' | head -n 1 | grep -o '[0-9]*')
pages=("home|/" "board|/boards/camera" "suggestion|/suggestions/$suggestion")
for page in "${pages[@]}"; do
  name=${page%%|*}; path=${page#*|}
  for theme in light dark; do
    flags=(); [ "$theme" = dark ] && flags=(--force-dark-mode --blink-settings=preferredColorScheme=0)
    "${chrome[@]}" "${flags[@]}" --window-size=1280,1400 --screenshot="$out/$name-desktop-$theme.png" "$base$path" 2>/dev/null
    "${chrome[@]}" "${flags[@]}" --window-size=360,1500 --screenshot="$out/$name-360-$theme.png" "$base$path" 2>/dev/null
  done
done
ls "$out"/*.png
