#!/usr/bin/env bash
# check_generator.sh - quick sanity check of bench/gen_maillog (not part of `make test`).
#
# The benchmark is only as good as its input, so this checks that the generated log
# looks like a real Postfix log to the tool people use today and obeys the rules a
# real log obeys:
#   1. same seed, same bytes; another seed, other bytes;
#   2. pflogsumm accepts the 20 MB log and its Grand Totals show received, delivered,
#      deferred, bounced and rejected messages in plausible proportions;
#   3. timestamps never go back (BSD and RFC 3339 variants);
#   4. every queue ID's journey ends with "removed" (or a cleanup reject), except
#      messages still deferred when the log ends; no queue ID is reused while its
#      message is still in the queue; nothing is logged for a queue ID after it ended;
#   5. the same holds for the RFC 3339 + long queue ID variant.
# Usage: bench/check_generator.sh [--keep]   (files go to bench/data/, which git ignores)
set -euo pipefail

cd "$(dirname "$0")/.."
DATA=bench/data
GEN=build-bench/gen_maillog
mkdir -p "$DATA" build-bench
keep=0
[ "${1:-}" = "--keep" ] && keep=1

if [ ! -x "$GEN" ] || [ bench/gen_maillog.cc -nt "$GEN" ]; then
  g++ -std=c++20 -O2 -Wall -Wextra -o "$GEN" bench/gen_maillog.cc
fi

fail=0
ok() { printf '  ok    %s\n' "$*"; }
bad() { printf '  FAIL  %s\n' "$*"; fail=1; }

tmp=$(mktemp -d "$DATA/check.XXXXXX")
cleanup() { [ "$keep" = 1 ] || rm -rf "$tmp"; }
trap cleanup EXIT

echo "1. determinism"
"$GEN" --quiet --size-mb 2 --seed 7 -o "$tmp/a.log"
"$GEN" --quiet --size-mb 2 --seed 7 -o "$tmp/b.log"
"$GEN" --quiet --size-mb 2 --seed 8 -o "$tmp/c.log"
if cmp -s "$tmp/a.log" "$tmp/b.log"; then ok "same seed gives identical bytes"; else bad "same seed gives different output"; fi
if cmp -s "$tmp/a.log" "$tmp/c.log"; then bad "different seeds give identical output"; else ok "different seeds differ"; fi

echo "2. pflogsumm on 20 MB"
LOG20="$tmp/check20.log"
"$GEN" --size-mb 20 --seed 42 -o "$LOG20" 2>"$tmp/gen.txt"
sed 's/^/        /' "$tmp/gen.txt"
if ! command -v pflogsumm >/dev/null; then
  bad "pflogsumm is not installed (Debian package pflogsumm)"
else
  pflogsumm "$LOG20" >"$tmp/pflogsumm.txt" 2>/dev/null
  total() { awk -v k="$1" '/^Grand Totals/ {g=1} g && $2 == k && v == "" {v=$1; sub(/k$/, "000", v)} END {print v}' "$tmp/pflogsumm.txt"; }
  rcv=$(total received); dlv=$(total delivered); dfr=$(total deferred); bnc=$(total bounced); rej=$(total rejected)
  printf '        received %s, delivered %s, deferred %s, bounced %s, rejected %s\n' "$rcv" "$dlv" "$dfr" "$bnc" "$rej"
  for v in rcv dlv dfr bnc rej; do
    if [ "${!v:-0}" -gt 0 ]; then ok "pflogsumm counts $v > 0"; else bad "pflogsumm counts no $v"; fi
  done
  # Plausible proportions for a busy mail host (pflogsumm counts the amavis hop as a
  # delivery, so delivered is about twice received).
  awk -v r="$rcv" -v d="$dlv" -v f="$dfr" -v b="$bnc" -v j="$rej" 'BEGIN {
    e = 0
    if (d < r || d > 4 * r) { print "  FAIL  delivered/received = " d / r " (want 1..4)"; e = 1 }
    if (b < 0.005 * d || b > 0.1 * d) { print "  FAIL  bounced/delivered = " b / d " (want 0.5%..10%)"; e = 1 }
    if (f > 0.1 * r) { print "  FAIL  deferred messages/received = " f / r " (want < 10%)"; e = 1 }
    if (j < 0.1 * r || j > 2 * r) { print "  FAIL  rejected/received = " j / r " (want 0.1..2)"; e = 1 }
    exit e }' && ok "proportions plausible" || fail=1
fi

# check_log FILE: monotonic time and queue ID journeys.
check_log() {
  LC_ALL=C awk '
    function fail(msg) { if (errors++ < 10) print "        " msg " (line " NR ")"; }
    BEGIN {
      split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " ")
      for (i = 1; i <= 12; i++) mon[mn[i]] = i
      longq = "^[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]+z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]+:$"
    }
    {
      if ($1 ~ /^[0-9][0-9][0-9][0-9]-/) {          # RFC 3339, one fixed offset
        key = substr($1, 1, 26); tag = $3; f = 4
      } else {                                       # BSD: "Mmm dd HH:MM:SS"
        m = mon[$1]; if (m < lastm - 6) yearadd += 12; lastm = m
        key = sprintf("%02d%02d%s", m + yearadd, $2, $3); tag = $5; f = 6
      }
      sub(/\[.*/, "", tag)
      if (key < lastkey) fail("time goes back: " lastkey " then " key)
      lastkey = key
      if (tag !~ /^postfix\//) next
      q = $f
      if (q !~ /^[0-9A-F]+:$/ || length(q) < 7) { if (q !~ longq) next }
      q = substr(q, 1, length(q) - 1)
      rest = substr($0, index($0, $f) + length($f) + 1)
      opener = rest ~ /^(client=|uid=)/
      if (q in state && state[q] == "open" && opener) fail("queue ID " q " reused while open")
      if (q in state && state[q] == "closed") {
        if (opener || rest ~ /^message-id=/) { reused++; delete last[q] }
        else fail("line for " q " after its journey ended: " rest)
      }
      state[q] = "open"
      if (rest ~ /status=/) { s = rest; sub(/.*status=/, "", s); sub(/[ ,].*/, "", s); last[q] = s }
      if (tag ~ /\/qmgr$/ && rest == "removed") { state[q] = "closed"; closed++ }
      else if (tag ~ /\/cleanup$/ && rest ~ /^(reject|milter-reject): /) { state[q] = "closed"; closed++ }
    }
    END {
      for (q in state) if (state[q] == "open") {
        open++
        if (last[q] != "deferred") { stuck++; if (stuck <= 5) print "        open at end without a deferral: " q " (last status " last[q] ")" }
      }
      printf "        %d lines, %d journeys ended, %d still deferred at the end, %d queue IDs used again after removal\n", NR, closed, open, reused
      if (errors) print "        " errors " errors"
      exit (errors > 0 || stuck > 0)
    }' "$1"
}

echo "3-4. time order and journeys (BSD, short queue IDs)"
if check_log "$LOG20"; then ok "monotonic time, every journey ends or is still deferred"; else bad "journey/time check"; fi

echo "5. RFC 3339 with long queue IDs"
"$GEN" --quiet --size-mb 5 --seed 3 --format rfc3339 --long-qids --tz +09:00 -o "$tmp/iso.log"
sed -n '1s/^\(.\{100\}\).*/        \1/p' "$tmp/iso.log"
if check_log "$tmp/iso.log"; then ok "monotonic time, every journey ends or is still deferred"; else bad "journey/time check (rfc3339)"; fi
if command -v pflogsumm >/dev/null; then
  pflogsumm "$tmp/iso.log" >"$tmp/pflogsumm-iso.txt" 2>/dev/null
  n=$(awk '/^Grand Totals/ {g=1} g && $2 == "received" && !n {n = $1} END {print n}' "$tmp/pflogsumm-iso.txt")
  if [ "${n:-0}" -gt 0 ]; then ok "pflogsumm reads the RFC 3339 file ($n received)"; else bad "pflogsumm reads nothing from the RFC 3339 file"; fi
fi

if [ "$fail" = 0 ]; then echo "check_generator: all checks passed"; else echo "check_generator: FAILED"; fi
exit "$fail"
