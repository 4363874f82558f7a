#!/usr/bin/perl
# responder.pl - scripted SMTP servers that answer the way the seed cases' receiving servers did.
#
# The end-to-end tests need remote MTAs that fail in precise, known ways (a full mailbox
# after DATA, Gmail's multi-line 550-5.7.26, a 554 greeting, greylisting, silence, ...).
# smtp-sink can only send its own fixed texts, so this small server speaks just enough SMTP
# (RFC 5321: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and takes every
# reply from a named profile. Only perl-base modules are used, so it runs on any Debian.
#
# Usage: responder.pl STATE_DIR ADDRESS:PORT=PROFILE [ADDRESS:PORT=PROFILE ...]
# One process listens on all addresses (loopback only) and forks one child per connection.
# STATE_DIR keeps the greylisting memory and the log of every session (sessions.log).
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use POSIX ();

my $state_dir = shift @ARGV or die "usage: responder.pl STATE_DIR ADDR:PORT=PROFILE...\n";

# A profile maps a stage to the reply lines sent there; stages not named get the default.
# Multi-line replies are lists; "%RCPT%" and "%QID%" are filled in per message.
my %default = (
  greeting => ['220 %HOST% ESMTP ready'],
  ehlo     => ['250-%HOST%', '250-PIPELINING', '250-SIZE 52428800', '250-8BITMIME', '250 ENHANCEDSTATUSCODES'],
  mail     => ['250 2.1.0 Ok'],
  rcpt     => ['250 2.1.5 Ok'],
  data     => ['354 End data with <CR><LF>.<CR><LF>'],
  dot      => ['250 2.0.0 Ok: queued as %QID%'],
);

my %profiles = (
  # Accepts everything (the next hop that works; also takes the bounce notices).
  accept => {},

  # seeds/000 case 01: a full mailbox, said after the message was sent.
  'mailbox-full' => { dot => ['451 4.5.1 Mailbox full'] },

  # seeds/000 case 03: Gmail refuses unauthenticated mail after DATA.
  'gmail-auth' => { dot => [
    '550-5.7.26 This mail has been blocked because the sender is unauthenticated.',
    '550-5.7.26 This message does not have authentication information or fails to',
    '550-5.7.26 pass authentication checks (SPF or DKIM). To best protect our users',
    '550-5.7.26 from spam, the message has been blocked. Please visit',
    '550-5.7.26  https://support.google.com/mail/answer/81126#authentication for more',
    '550 5.7.26 information. %QID% - gsmtp',
  ] },

  # seeds/000 case 04: Gmail refuses a message without a valid Message-ID; a message
  # with a proper one is accepted (as Gmail does).
  'gmail-msgid' => { dot_if_bad_msgid => [
    '550-5.7.1 [%PEER%] Messages missing a valid messageId header are not',
    '550-5.7.1 accepted. For more information, go to',
    '550-5.7.1  https://support.google.com/mail/?p=RfcMessageNonCompliant and review',
    '550 5.7.1 RFC 5322 specifications. %QID% - gsmtp',
  ] },

  # seeds/004 case 32: the sending IP is on the receiver's blocklist; said in the greeting.
  'blocked-greeting' => { greeting => ["554 5.7.0 Blocked \xe2\x80\x93 see https://dnsbl.example.net/dnsbl-lookup.cgi?ip=%PEER%"] },

  # seeds/004 case 33: local policy refuses us in the greeting (no enhanced status code).
  'policy-greeting' => { greeting => ["554 Local Policy Violation \xe2\x80\x93 see https://mail.example.net/policy.html"] },

  # seeds/001 case 12: the local part does not exist.
  'user-unknown' => { rcpt => ['550 5.1.1 %RCPT%... User unknown'] },

  # seeds/001 case 17: the message is larger than the receiver takes.
  'too-large' => { dot => ['552 Message is too large'] },

  # seeds/001 case 10: more than two recipients in one session.
  'too-many-rcpts' => { rcpt_limit => 2, rcpt_over => ['452 too many recipients'] },

  # seeds/004 case 31 (a server that does not answer): accept the connection, say nothing.
  silent => { silent => 1 },

  # Greylisting (postgrey's wording): the first try of a sender/recipient pair is deferred.
  greylist => { greylist => ['450 4.2.0 %RCPT%: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/%RDOMAIN%.html'] },
);

my (%listener_profile, %listener_name);
my $select = IO::Select->new;
for my $spec (@ARGV) {
  my ($addr, $port, $profile) = $spec =~ /^([\d.]+):(\d+)=([\w-]+)$/
    or die "responder: bad listener '$spec' (want ADDR:PORT=PROFILE)\n";
  # Loopback or documentation addresses (RFC 5737) only: the harness puts these on the
  # loopback interface of a private network namespace.
  die "responder: $addr is not a loopback or documentation address\n"
    unless $addr =~ /^(127\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/;
  die "responder: unknown profile '$profile'\n" unless exists $profiles{$profile};
  my $sock = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => $port, Proto => 'tcp',
                                   Listen => 16, ReuseAddr => 1)
    or die "responder: cannot listen on $addr:$port: $!\n";
  $listener_profile{fileno $sock} = $profile;
  $select->add($sock);
}

# Children are reaped as they end and stopped with the parent (the harness stops it by PID).
my %children;
$SIG{CHLD} = sub { while ((my $k = waitpid(-1, POSIX::WNOHANG())) > 0) { delete $children{$k} } };
$SIG{TERM} = sub { kill 'TERM', keys %children; exit 0 };
$| = 1;
print "responder: listening\n";    # the harness waits for this line

my $session = 0;
while (1) {
  my @ready = $select->can_read;
  for my $listener (@ready) {
    my $client = $listener->accept or next;
    $session++;
    my $profile = $listener_profile{fileno $listener};
    my $pid = fork;
    if (!defined $pid) { close $client; next; }
    if ($pid == 0) {
      $SIG{CHLD} = 'DEFAULT';
      serve($client, $profile, $session, $listener->sockhost);
      exit 0;
    }
    $children{$pid} = 1;
    close $client;
  }
}

sub note {
  my ($line) = @_;
  open my $fh, '>>', "$state_dir/sessions.log" or return;
  print $fh POSIX::strftime('%H:%M:%S ', localtime), $line, "\n";
  close $fh;
}

sub serve {
  my ($c, $name, $session, $local) = @_;
  my %p = (%default, %{ $profiles{$name} });
  my %fill = (HOST => "mx-$name.test", PEER => $c->peerhost,
              QID => sprintf('%08X', $$ * 7919 + $session));
  my $send = sub {
    for my $i (0 .. $#_) {
      (my $line = $_[$i]) =~ s/%(\w+)%/$fill{$1} \/\/ ''/ge;
      print $c $line, "\r\n";
      note("$name#$session > $line");
    }
  };
  note("$name#$session connect from " . $c->peerhost);
  if ($p{silent}) {
    # Hold the connection open until the client gives up.
    1 while defined(my $line = <$c>);
    note("$name#$session closed by client");
    return;
  }
  $send->(@{ $p{greeting} });
  my $refused = $p{greeting}[0] !~ /^2/;
  my ($rcpts, $from) = (0, '');
  while (defined(my $line = <$c>)) {
    $line =~ s/\r?\n$//;
    note("$name#$session < $line");
    my ($verb) = map { uc } $line =~ /^(\S+)/;
    $verb //= '';
    if ($verb eq 'QUIT') { $send->('221 2.0.0 Bye'); last; }
    if ($refused) { $send->('503 5.5.1 Error: no valid greeting'); next; }
    if ($verb eq 'EHLO') { $send->(@{ $p{ehlo} }); }
    elsif ($verb eq 'HELO') { $send->("250 $fill{HOST}"); }
    elsif ($verb eq 'MAIL') { ($from) = $line =~ /<([^>]*)>/; $from //= ''; $rcpts = 0; $send->(@{ $p{mail} }); }
    elsif ($verb eq 'RCPT') {
      my ($rcpt) = $line =~ /<([^>]*)>/;
      $rcpt //= '';
      $fill{RCPT} = "<$rcpt>";
      ($fill{RDOMAIN}) = $rcpt =~ /@(.*)$/;
      if ($p{greylist} && greylisted($from, $rcpt)) { $send->(@{ $p{greylist} }); next; }
      if ($p{rcpt_limit} && $rcpts >= $p{rcpt_limit}) { $send->(@{ $p{rcpt_over} }); next; }
      $send->(@{ $p{rcpt} });
      $rcpts++ if $p{rcpt}[0] =~ /^2/;
    }
    elsif ($verb eq 'DATA') {
      $send->(@{ $p{data} });
      my ($in_headers, $bad_msgid) = (1, 1);
      while (defined(my $d = <$c>)) {
        $d =~ s/\r?\n$//;
        last if $d eq '.';
        if ($in_headers) {
          $in_headers = 0 if $d eq '';
          $bad_msgid = 0 if $d =~ /^Message-ID:\s*<[^<>\s]+@[^<>\s]+>\s*$/i;
        }
      }
      note("$name#$session < (message, " . ($bad_msgid ? 'no valid' : 'valid') . ' Message-ID)');
      if ($p{dot_if_bad_msgid}) { $send->(@{ $bad_msgid ? $p{dot_if_bad_msgid} : $default{dot} }); }
      else { $send->(@{ $p{dot} }); }
    }
    elsif ($verb eq 'RSET') { $rcpts = 0; $send->('250 2.0.0 Ok'); }
    elsif ($verb eq 'NOOP') { $send->('250 2.0.0 Ok'); }
    else { $send->('502 5.5.2 Error: command not recognized'); }
  }
  close $c;
}

# True the first time a sender/recipient pair is seen (remembered in STATE_DIR/greylist).
sub greylisted {
  my ($from, $rcpt) = @_;
  my $dir = "$state_dir/greylist";
  mkdir $dir;
  (my $key = "$from,$rcpt") =~ s/[^\w.@,-]/_/g;
  return 0 if -e "$dir/$key";
  open my $fh, '>', "$dir/$key" or return 0;
  close $fh;
  return 1;
}
