#!/usr/bin/perl
# check.pl - assert values in mailwhy's NDJSON output, one line of verdict per assertion.
#
# The end-to-end scenarios check many fields of a journey at once; one call per batch keeps
# them fast and every failure visible (all assertions run, the exit status sums them up).
#
# Usage: check.pl LABEL FILE ASSERTION...
#   FILE       NDJSON (one object per line)
#   ASSERTION  PATH=VALUE   the value at PATH, as text, equals VALUE
#              PATH~REGEX   the value at PATH, as text, matches REGEX (Perl syntax)
#              PATH!=VALUE  the value at PATH differs from VALUE
#   PATH       N.key.key.I...: N is the object's line (0-based), then keys and array
#              indices; "#" as the last step is the length of an array or object;
#              "[key=value]" as a step picks the first array element whose key has that value
#              (e.g. 0.recipients.[address=a@example.net].status).
# Values print as text: strings bare, numbers as written, true/false, null; arrays and
# objects as compact JSON. Exit status: the number of assertions that failed (0: all hold).
use strict;
use warnings;
use JSON::PP;

my ($label, $file, @assertions) = @ARGV;
die "usage: check.pl LABEL FILE ASSERTION...\n" unless defined $file && @assertions;

my $json = JSON::PP->new->canonical(1)->allow_nonref(1);
open my $fh, '<:raw', $file or die "check.pl: cannot read $file: $!\n";
my @objects;
while (my $line = <$fh>) {
  next if $line =~ /^\s*$/;
  push @objects, $json->decode($line);
}
close $fh;

sub lookup {
  my ($path) = @_;
  my @steps = split /\.(?![^\[]*\])/, $path;
  my $node = \@objects;
  for my $step (@steps) {
    if ($step eq '#') {
      return ref $node eq 'ARRAY' ? scalar @$node : ref $node eq 'HASH' ? scalar keys %$node : '(not a list)';
    }
    if ($step =~ /^\[([^=]+)=(.*)\]$/) {
      my ($k, $v) = ($1, $2);
      return '(missing)' unless ref $node eq 'ARRAY';
      ($node) = grep { ref $_ eq 'HASH' && defined $_->{$k} && $_->{$k} eq $v } @$node;
      return '(missing)' unless defined $node;
    } elsif (ref $node eq 'ARRAY' && $step =~ /^\d+$/) {
      return '(missing)' if $step > $#$node;
      $node = $node->[$step];
    } elsif (ref $node eq 'HASH') {
      return '(missing)' unless exists $node->{$step};
      $node = $node->{$step};
    } else {
      return '(missing)';
    }
  }
  return 'null' unless defined $node;
  return $node ? 'true' : 'false' if JSON::PP::is_bool($node);
  return $json->encode($node) if ref $node;
  return "$node";
}

my $failed = 0;
for my $a (@assertions) {
  my ($path, $op, $want) = $a =~ /^((?:\[[^\]]*\]|[^=!~\[])*)(!=|=|~)(.*)$/s
    or die "check.pl: bad assertion '$a'\n";
  my $got = lookup($path);
  my $ok = $op eq '=' ? $got eq $want : $op eq '!=' ? $got ne $want : $got =~ /$want/;
  if ($ok) {
    print "  ok    $label: $path $op $want\n";
  } else {
    print "  FAIL  $label: $path $op $want (got: $got)\n";
    $failed++;
  }
}
exit($failed > 100 ? 100 : $failed);
