#!/usr/bin/env bash
# Compares a RESULTS.md table with issue 14's targets and writes the "Targets" section at its end (run.sh calls it
# after a run; it can be run again on a RESULTS.md: bench/targets.sh bench/RESULTS.md).
set -euo pipefail
FILE="${1:-$(dirname "$0")/RESULTS.md}"
# rate of the first row whose scenario starts with $1, p99 in ms as the second field
row() { awk -F'|' -v name="$1" 'index($2, " " name) == 1 { gsub(/ /, "", $4); p = $6; gsub(/ /, "", p);
  if (p ~ /ms$/) { sub(/ms$/, "", p) } else if (p ~ /us$/) { sub(/us$/, "", p); p = p / 1000 } else if (p ~ /s$/) { sub(/s$/, "", p); p = p * 1000 }
  print $4 " " p; exit }' "$FILE"; }
verdict() { # name rate p99 target-rate target-p99
  awk -v n="$1" -v r="$2" -v p="$3" -v tr="$4" -v tp="$5" 'BEGIN {
    if (r == "") { printf "| %s | not measured | | |\n", n; exit }
    rate = (r >= tr) ? "met" : sprintf("missed: %.0f%% of the target (%.1f times short)", 100 * r / tr, tr / r);
    lat = (tp == "") ? "" : ((p <= tp) ? sprintf("p99 %s ms: met", p) : sprintf("p99 %s ms: missed by %.0f ms", p, p - tp));
    printf "| %s | %s/s | %s | %s |\n", n, r, rate, lat }'
}
{
  echo
  echo "## Targets (issue 14), from the table above"
  echo
  echo "Written by \`bench/targets.sh\`. Rates are for this run; the ratios to the ceilings are in the table."
  echo
  echo "| target | this run | rate | p99 |"
  echo "|---|---:|---|---|"
  read -r r p <<< "$(row "board, top, signed in")"; verdict "board page signed in ≥ 2,000/s, p99 < 50 ms" "$r" "$p" 2000 50
  read -r r p <<< "$(row "suggestion, 50 comments, signed in")"; verdict "suggestion page signed in ≥ 1,500/s, p99 < 60 ms" "$r" "$p" 1500 60
  for page in "home, visitor cache off" "board, top, visitor cache off" "suggestion, 50 comments, visitor cache off"; do
    read -r r p <<< "$(row "$page")"; verdict "$page ≥ 2,500/s" "$r" "$p" 2500 ""
  done
  read -r r p <<< "$(row "vote toggle")"; verdict "vote toggle ≥ 2,000/s" "$r" "$p" 2000 ""
  ready=$(grep -o 'ready in \*\*[0-9.]* s' "$FILE" | head -1 | grep -o '[0-9.]*' || true)
  awk -v s="$ready" 'BEGIN { if (s == "") print "| first start < 5 s | not measured | | |";
    else printf "| first start < 5 s | ready in %s s | %s | |\n", s, (s < 5) ? "met" : sprintf("missed by %.1f s", s - 5) }'
  rss=$(grep -o 'RSS under the whole run[^|]*| | \*\*[0-9]* MB' "$FILE" | grep -o '[0-9]* MB' | head -1 | grep -o '[0-9]*' || true)
  awk -v m="$rss" 'BEGIN { if (m == "") print "| RSS < 400 MB | not measured | | |";
    else printf "| RSS < 400 MB | %s MB | %s | |\n", m, (m < 400) ? "met" : sprintf("missed by %d MB", m - 400) }'
} > "$FILE.targets"
# Replace an earlier Targets section, keep everything else.
awk '/^## Targets \(issue 14\)/ { skip = 1; next } skip && /^## / { skip = 0 } !skip' "$FILE" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$FILE.rest"
cat "$FILE.rest" "$FILE.targets" > "$FILE"
rm -f "$FILE.rest" "$FILE.targets"
