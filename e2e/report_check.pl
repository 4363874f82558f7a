#!/usr/bin/perl
# report_check.pl - compare `mailwhy report --json` with the outcomes the scenarios caused.
#
# Each scenario that ran wrote SCENARIOS/NAME/expect, lines of:
#   total KEY N                  totals.KEY grows by N
#   failure REASON RULE COLUMN   failures_by_reason: the row of RULE (or, for RULE "*", the
#                                row of REASON) counts one more in COLUMN
#   reject REASON RULE ZONE      rejects_by_reason: the row of RULE and ZONE counts one more
# The sums must equal the report exactly: every tracked total, every failure and reject row,
# and no row that no scenario caused. Exit status: the number of mismatches.
#
# Usage: report_check.pl SCENARIOS_DIR REPORT.ndjson
use strict;
use warnings;
use JSON::PP;

my ($dir, $report_file) = @ARGV;
die "usage: report_check.pl SCENARIOS_DIR REPORT.ndjson\n" unless defined $report_file;

my (%totals, %failures, %rejects, @ran);
for my $file (sort glob("$dir/*/expect")) {
  my ($name) = $file =~ m{/([^/]+)/expect$};
  push @ran, $name;
  open my $fh, '<', $file or die "report_check: $file: $!\n";
  while (<$fh>) {
    chomp;
    my @f = split ' ';
    if ($f[0] eq 'total') { $totals{$f[1]} += $f[2]; }
    elsif ($f[0] eq 'failure') { $failures{"$f[1] $f[2]"}{$f[3]}++; }
    elsif ($f[0] eq 'reject') { $rejects{"$f[1] $f[2] $f[3]"}++; }
    else { die "report_check: $file: bad line '$_'\n"; }
  }
}
die "report_check: no scenario has run (no $dir/*/expect)\n" unless @ran;
print "  scenarios counted: @ran\n";

my %section;
open my $fh, '<', $report_file or die "report_check: $report_file: $!\n";
while (my $line = <$fh>) {
  my $o = decode_json($line);
  $section{$o->{section}} = $o if ($o->{type} // '') eq 'report';
}
close $fh;

my $bad = 0;
sub verdict {
  my ($ok, $what) = @_;
  printf "  %-5s report: %s\n", $ok ? 'ok' : 'FAIL', $what;
  $bad++ unless $ok;
}

# Totals: the tracked ones exactly; one a scenario never mentions must be 0.
my $t = $section{totals} or die "report_check: no totals section\n";
for my $key (qw(received delivered deferred deferrals bounced expired rejected still_deferred
                received_aborted received_refused reinjected held discarded forwarded)) {
  my $want = $totals{$key} // 0;
  my $got = $t->{$key} // 'null';
  verdict($got eq $want, "totals.$key = $want" . ($got eq $want ? '' : " (got $got)"));
}
my $unknown = $section{summary}{unknown_lines} // 'null';
verdict($unknown eq '0', "summary.unknown_lines = 0" . ($unknown eq '0' ? '' : " (got $unknown)"));

# Failures by reason: one row per rule.
my @columns = qw(bounced expired deferred delayed);
my %seen;
for my $row (@{ $section{failures_by_reason}{rows} // [] }) {
  my $key = "$row->{reason} $row->{rule}";
  my $want = $failures{$key} // $failures{"$row->{reason} *"};
  $seen{ exists $failures{$key} ? $key : "$row->{reason} *" } = 1;
  if (!$want) {
    verdict(0, "failures_by_reason has a row no scenario caused: $key");
    next;
  }
  for my $c (@columns) {
    my $w = $want->{$c} // 0;
    verdict(($row->{$c} // -1) == $w, "failures_by_reason[$key].$c = $w" . (($row->{$c} // -1) == $w ? '' : " (got $row->{$c})"));
  }
  my $failed = ($want->{bounced} // 0) + ($want->{expired} // 0) + ($want->{deferred} // 0);
  verdict(($row->{failed} // -1) == $failed, "failures_by_reason[$key].failed = $failed" . (($row->{failed} // -1) == $failed ? '' : " (got $row->{failed})"));
}
verdict(0, "failures_by_reason has no row for $_") for grep { !$seen{$_} } sort keys %failures;

# Rejects by reason: one row per rule and zone.
%seen = ();
for my $row (@{ $section{rejects_by_reason}{rows} // [] }) {
  my $key = join ' ', $row->{reason}, $row->{rule}, $row->{zone} // 'null';
  $seen{$key} = 1;
  my $want = $rejects{$key} // 0;
  verdict($row->{count} == $want, "rejects_by_reason[$key].count = $want" . ($row->{count} == $want ? '' : " (got $row->{count})"));
}
verdict(0, "rejects_by_reason has no row for $_") for grep { !$seen{$_} } sort keys %rejects;

# The expired section lists the expired messages.
my $expired = $section{expired}{total} // 'null';
my $want_expired = $totals{expired} // 0;
verdict($expired eq $want_expired, "expired.total = $want_expired" . ($expired eq $want_expired ? '' : " (got $expired)"));

exit($bad > 100 ? 100 : $bad);
