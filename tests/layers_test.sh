#!/usr/bin/env bash
# layers_test - every #include of a project header points at the same layer or one below it.
# The order is DESIGN.md's: util < syslog < postfix < journey < diagnose < bounce < queue < probe < render <
# report < cli.
set -u
src=${1:?usage: layers_test.sh SRC_DIR}
order=(util syslog postfix journey diagnose bounce queue probe render report cli)
rank() { local i; for i in "${!order[@]}"; do [ "${order[$i]}" = "$1" ] && { echo "$i"; return; }; done; echo -1; }
bad=0
for dir in "$src"/*/; do
  layer=$(basename "$dir"); r=$(rank "$layer")
  [ "$r" -lt 0 ] && { echo "unknown layer folder: $layer"; bad=1; continue; }
  while IFS=: read -r file inc; do
    dep=$(echo "$inc" | sed -E 's/.*#include "([a-z_]+)\/.*/\1/')
    d=$(rank "$dep")
    if [ "$d" -gt "$r" ]; then echo "$file includes $dep (a layer above $layer)"; bad=1; fi
  done < <(grep -HE '^#include "[a-z_]+/' "$dir"*.{h,cc} 2>/dev/null)
done
[ $bad = 0 ] && echo "layers: every include points down"
exit $bad
