// probe_command - `mailwhy probe smtp HOST[:PORT]` and `mailwhy probe domain DOMAIN`
//
// probe smtp HOST[:PORT] [--starttls] [--implicit-tls] [--helo NAME] [--timeout S]
//            [--ca-file PEM] [--dns-server IP[:PORT]] [--json] [--lang ja|en]
//   Can this host be reached, and what does its SMTP server say? A checklist: name
//   lookup (MX when a domain is given without a port), TCP connection, greeting, EHLO,
//   STARTTLS and the certificate, AUTH, QUIT; each step OK or what failed, its likely
//   causes and what to try next (probe/smtp_probe.h). Never sends a message.
//
// probe domain DOMAIN [--ip SENDING_IP] [--selector S ...] [--from ADDRESS]
//            [--dnsbl ZONE ...] [--dns-server IP[:PORT]] [--timeout S] [--json]
//   Is this sending domain set up the way receivers require? MX, SPF (and, with --ip,
//   SPF's result for that address), DKIM keys, DMARC, reverse DNS of the IP, DNSBLs,
//   MTA-STS, TLS-RPT, the envelope sender's alignment, and Gmail's and Yahoo's sender
//   requirements (probe/domain_probe.h).
//
// Both print for people, or with --json one JSON object (docs/FORMATS.md "probe"). The
// texts of each failed item come from the knowledge base (rules/60-probe.toml; --rules
// DIR adds rule directories), in --lang or the locale's language.
//
// Exit status: 0 every check passed or only warned, 1 a check failed, 2 error (bad
// arguments, unreadable rules).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "probe/ares_resolver.h"
#include "probe/domain_probe.h"
#include "probe/probe_render.h"
#include "probe/smtp_probe.h"

namespace mailwhy {

namespace {

struct CommonOptions {
  bool json = false;
  std::string lang;
  std::vector<std::string> rule_dirs;
  std::string color = "auto";
  std::string dns_server;
  double timeout = 10;
};

struct SmtpOptions {
  CommonOptions common;
  std::string target;
  std::string helo;
  bool starttls = false;
  bool implicit_tls = false;
  std::string ca_file;
};

void AddCommon(CLI::App* cmd, CommonOptions* o) {
  cmd->add_flag("--json", o->json, "one JSON object (docs/FORMATS.md)");
  cmd->add_option("--lang", o->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  AddRulesOption(cmd, &o->rule_dirs);
  cmd->add_option("--color", o->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->add_option("--dns-server", o->dns_server, "ask this DNS server (IP[:PORT]) instead of the system's");
  cmd->add_option("--timeout", o->timeout, "seconds to wait for each step or DNS answer (default 10)")
      ->check(CLI::Range(0.1, 600.0));
}

// Loads the rules and makes the resolver; prints the error and returns false on failure.
bool Prepare(const CommonOptions& o, bool hosts_file, std::shared_ptr<const Classifier>* classifier,
             std::unique_ptr<Resolver>* resolver) {
  Status s = LoadKnowledge(o.rule_dirs, classifier);
  if (s.ok()) {
    ResolverOptions ro;
    ro.server = o.dns_server;
    // Per try; c-ares tries twice, and the resolver stops asking a server that is silent.
    ro.timeout_ms = static_cast<int>(std::min(o.timeout, 2.0) * 1000);
    ro.tries = 2;
    ro.hosts_file = hosts_file;
    s = MakeAresResolver(ro, resolver);
  }
  if (!s.ok()) {
    std::cerr << "mailwhy: probe: " << s.ToString() << "\n";
    return false;
  }
  return true;
}

int Print(const ProbeReport& report, const CommonOptions& o) {
  Lang lang = LanguageFromOption(o.lang);
  std::string out;
  if (o.json) {
    AppendProbeJson(report, lang, &out);
  } else {
    AppendProbeText(report, lang, WantColor(o.color), 80, &out);
  }
  std::cout << out << std::flush;
  return report.failed() ? 1 : 0;
}

int RunSmtp(const SmtpOptions& o) {
  std::shared_ptr<const Classifier> classifier;
  std::unique_ptr<Resolver> resolver;
  if (!Prepare(o.common, /*hosts_file=*/true, &classifier, &resolver)) return 2;
  SmtpProbeOptions po;
  po.target = o.target;
  po.helo = o.helo;
  po.timeout = o.common.timeout;
  po.require_starttls = o.starttls;
  po.implicit_tls = o.implicit_tls;
  po.ca_file = o.ca_file;
  ProbeReport report;
  Status s = RunSmtpProbe(po, *resolver, classifier.get(), &report);
  if (!s.ok()) {
    std::cerr << "mailwhy: probe smtp: " << s.ToString() << "\n";
    return 2;
  }
  return Print(report, o.common);
}

struct DomainOptions {
  CommonOptions common;
  DomainProbeOptions probe;
};

int RunDomain(const DomainOptions& o) {
  std::shared_ptr<const Classifier> classifier;
  std::unique_ptr<Resolver> resolver;
  if (!Prepare(o.common, /*hosts_file=*/false, &classifier, &resolver)) return 2;
  ProbeReport report;
  Status s = RunDomainProbe(o.probe, *resolver, classifier.get(), &report);
  if (!s.ok()) {
    std::cerr << "mailwhy: probe domain: " << s.ToString() << "\n";
    return 2;
  }
  return Print(report, o.common);
}

void RegisterDomain(CLI::App* probe, int* exit_code) {
  auto o = std::make_shared<DomainOptions>();
  CLI::App* cmd = probe->add_subcommand(
      "domain", "check a sending domain's DNS: MX, SPF, DKIM, DMARC, PTR, blocklists, provider requirements");
  cmd->add_option("domain", o->probe.domain, "the sending domain (the From: header's domain)")->required();
  cmd->add_option("--ip", o->probe.ip, "the sending server's public IP: SPF result, PTR, blocklists");
  cmd->add_option("--selector", o->probe.selectors, "DKIM selector (repeatable; the s= of DKIM-Signature)");
  cmd->add_option("--from", o->probe.from, "the envelope sender (Return-Path) address, for SPF and alignment");
  cmd->add_option("--dnsbl", o->probe.dnsbls, "DNSBL zone to ask instead of the defaults (repeatable)");
  AddCommon(cmd, &o->common);
  cmd->callback([o, exit_code] { *exit_code = RunDomain(*o); });
}

void RegisterSmtp(CLI::App* probe, int* exit_code) {
  auto o = std::make_shared<SmtpOptions>();
  CLI::App* cmd = probe->add_subcommand(
      "smtp", "connect to a mail server like a sending server would and check each step");
  cmd->add_option("target", o->target,
                  "HOST[:PORT]: a host (port 25), host:port, [host] (no MX lookup), or a mail domain")
      ->required();
  cmd->add_flag("--starttls", o->starttls, "require STARTTLS: its absence is a failure");
  cmd->add_flag("--implicit-tls", o->implicit_tls, "speak TLS first (automatic on port 465)");
  cmd->add_option("--helo", o->helo, "the name to send in EHLO (default: this host's name)");
  cmd->add_option("--ca-file", o->ca_file, "trusted CA certificates (PEM) for the certificate check");
  AddCommon(cmd, &o->common);
  cmd->callback([o, exit_code] { *exit_code = RunSmtp(*o); });
}

}  // namespace

void RegisterProbeCommand(CLI::App& app, int* exit_code) {
  CLI::App* probe = app.add_subcommand("probe", "live checks: reach a mail server, audit a sending domain");
  probe->require_subcommand(1);
  RegisterSmtp(probe, exit_code);
  RegisterDomain(probe, exit_code);
}

}  // namespace mailwhy
