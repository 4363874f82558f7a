#!/usr/bin/env bash
# bounce_bench - `mailwhy bounce` against Debian's libsisimai-perl on the same folder.
#
# Both read the 629 sample mails of Sisimai's set-of-emails (maildir/bsd) in one process
# each and classify every recipient; this script times them side by side in one run,
# round-robin, and prints the median wall time, mails per second and the ratio. The
# machine is shared: compare the ratio, not the absolute times across runs. There is no
# target to pass: the figures go to docs/BENCHMARKS.md ("bounce").
#
# The Sisimai command is the one in research/BOUNCE-CLASSIFICATION.md section 8:
#   perl -MSisimai -e 'my $v = Sisimai->make($ARGV[0], delivered=>1, vacation=>1); ...' DIR
# (libsisimai-perl 4.25.15 on Debian 12; scripts/install-deps installs it).
#
# Both tools spend a fixed time starting (mailwhy compiles its rules, Perl loads its
# modules), which weighs heavily on 629 small mails. --repeat N also times them on one
# mbox holding the folder N times (written to bench/data/, which git ignores), where the
# per-mail speed shows.
#
# Usage: bench/bounce_bench.sh [--runs N] [--repeat N] [--mailwhy PATH] [--dir MAILDIR]
#   --runs N        runs per command (default 7)
#   --repeat N      also time an mbox of the folder N times over (default 8; 0 = off)
#   --mailwhy PATH  the binary to time (default build-bench/mailwhy, else build/mailwhy)
#   --dir MAILDIR   another folder of mails (default ../shared/.../maildir/bsd)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=7
repeat=8
mailwhy=""
dir="$root/../shared/corpus/sisimai/set-of-emails/maildir/bsd"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --mailwhy) mailwhy=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "usage: bench/bounce_bench.sh [--runs N] [--repeat N] [--mailwhy PATH] [--dir MAILDIR]" >&2; exit 2 ;;
  esac
done
if [ -z "$mailwhy" ]; then
  for c in "$root/build-bench/mailwhy" "$root/build/mailwhy"; do
    [ -x "$c" ] && { mailwhy=$c; break; }
  done
fi
[ -x "$mailwhy" ] || { echo "bounce_bench: no mailwhy binary (build it, or pass --mailwhy PATH)" >&2; exit 2; }
[ -d "$dir" ] || { echo "bounce_bench: $dir: no such folder" >&2; exit 2; }
perl -MSisimai -e 1 2>/dev/null || { echo "bounce_bench: libsisimai-perl is not installed (scripts/install-deps)" >&2; exit 2; }

# One timing round over INPUT: prints the table for it.
bench() {
  local input=$1 mails=$2 label=$3
  local -a tm ts
  run_mailwhy() { "$mailwhy" bounce --json "$input" > /dev/null 2>&1 || true; }
  run_sisimai() {
    perl -MSisimai -e 'my $v = Sisimai->make($ARGV[0], delivered=>1, vacation=>1); printf "records=%d\n", scalar @$v' "$input" > /dev/null
  }
  for ((i = 0; i < runs; i++)); do
    local s e
    s=$EPOCHREALTIME; run_mailwhy; e=$EPOCHREALTIME; tm+=("$(echo "$e - $s" | bc -l)")
    s=$EPOCHREALTIME; run_sisimai; e=$EPOCHREALTIME; ts+=("$(echo "$e - $s" | bc -l)")
  done
  local mm ms records srecords
  mm=$(median "${tm[@]}")
  ms=$(median "${ts[@]}")
  records=$("$mailwhy" bounce --json "$input" 2>/dev/null | wc -l)
  srecords=$(perl -MSisimai -e 'my $v = Sisimai->make($ARGV[0], delivered=>1, vacation=>1); print scalar @$v' "$input")
  printf '\n%s: %d mails, %d runs each, medians\n' "$label" "$mails" "$runs"
  printf '%-28s %10s %12s %9s\n' command seconds mails/s records
  printf '%-28s %10.3f %12.0f %9d\n' "mailwhy bounce --json" "$mm" "$(echo "$mails / $mm" | bc -l)" "$records"
  printf '%-28s %10.3f %12.0f %9d\n' "Sisimai $sisimai_version (perl)" "$ms" "$(echo "$mails / $ms" | bc -l)" "$srecords"
  printf 'ratio: mailwhy is %.1fx faster than libsisimai-perl\n' "$(echo "$ms / $mm" | bc -l)"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

mails=$(find "$dir" -maxdepth 1 -type f | wc -l)
sisimai_version=$(perl -MSisimai -le 'print Sisimai->version')
cat "$dir"/* > /dev/null  # both read from the page cache
bench "$dir" "$mails" "the folder ($dir)"

if [ "$repeat" -gt 0 ]; then
  mkdir -p "$root/bench/data"
  box="$root/bench/data/sisimai-x$repeat.mbox"
  if [ ! -s "$box" ]; then
    for ((k = 0; k < repeat; k++)); do
      for f in "$dir"/*; do
        echo "From MAILER-DAEMON Thu Apr 29 23:45:32 2021"
        tr -d '\r' < "$f" | sed 's/^From />From /'
        echo
      done
    done > "$box"
  fi
  cat "$box" > /dev/null
  bench "$box" $((mails * repeat)) "one mbox, the folder $repeat times"
fi
