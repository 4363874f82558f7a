// bounce_command - `mailwhy bounce FILE|DIR|MBOX... [--json] [--lang ja|en] [--rules DIR]`
//
// Says what went wrong in error mails that came back: non-delivery reports (RFC 3464 and
// the formats of Postfix, Sendmail, qmail, Exim, Exchange, Gmail, ...), delay notices,
// abuse feedback reports and automatic replies. Each argument is a message file (.eml),
// an mbox file, a Maildir (cur/ and new/) or a folder of message files; "-" reads one
// message or an mbox from standard input.
//
// For each recipient the mail names: who, the status and reply the mail gives, the
// error text, the remote server and SMTP command, the returned message's Message-ID,
// Subject and date, and the verdict of the same rules the logs are judged by. With
// --json one object per recipient and line (docs/FORMATS.md, "bounce").
//
// A message that is not an error mail is reported on standard error ("FILE: not a
// bounce: ...").
//
// Exit status: 0 at least one error mail was read, 1 none of the messages was one, 2 an
// input could not be read or the rules could not be loaded.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounce/bounce_facts.h"
#include "bounce/bounce_reader.h"
#include "bounce/mail_input.h"
#include "cli/command.h"
#include "cli/inputs.h"
#include "cli/knowledge.h"
#include "cli/language.h"
#include "diagnose/classifier.h"
#include "render/verdict_render.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"

namespace mailwhy {

namespace {

struct BounceOptions {
  std::vector<std::string> paths;
  bool json = false;
  std::string lang;
  std::vector<std::string> rule_dirs;
  std::string color = "auto";
};

std::string_view KindName(NoticeKind k) {
  switch (k) {
    case NoticeKind::kFeedback: return "feedback";
    case NoticeKind::kAutoReply: return "auto-reply";
    case NoticeKind::kDeliveryStatus: break;
  }
  return "delivery-status";
}

void AppendRecordJson(const MailInput& m, const BounceReport& rep, const BounceRecord& r,
                      const Verdict& v, Lang lang, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("v", 1);
  w.Field("type", "bounce");
  w.Field("file", m.file);
  w.Key("index");
  if (m.index > 0) w.Int(m.index); else w.Null();
  w.Field("format", rep.family);
  w.Field("kind", KindName(r.kind));
  w.FieldOrNull("recipient", r.recipient);
  w.FieldOrNull("original_recipient", r.original_recipient);
  w.FieldOrNull("action", r.action);
  w.FieldOrNull("status", r.status);
  w.Key("reply_code");
  if (r.reply_code > 0) w.Int(r.reply_code); else w.Null();
  w.FieldOrNull("diagnostic", r.diagnostic);
  w.FieldOrNull("diagnostic_type", r.diagnostic_type);
  w.FieldOrNull("remote_mta", r.remote_mta);
  w.FieldOrNull("reporting_mta", r.reporting_mta);
  w.FieldOrNull("command", r.command);
  w.FieldOrNull("date", r.date);
  w.FieldOrNull("feedback_type", r.feedback_type);
  w.Key("original");
  w.BeginObject();
  w.FieldOrNull("message_id", rep.original.message_id);
  w.FieldOrNull("subject", rep.original.subject);
  w.FieldOrNull("date", rep.original.date);
  w.FieldOrNull("from", rep.original.from);
  w.FieldOrNull("to", rep.original.to);
  w.EndObject();
  w.Key("notice");
  w.BeginObject();
  w.FieldOrNull("subject", rep.subject);
  w.FieldOrNull("from", rep.from);
  w.FieldOrNull("date", rep.date);
  w.EndObject();
  std::string verdict;
  AppendVerdictJson(v, lang, &verdict);
  w.Key("verdict");
  w.Raw(verdict);
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

std::string Where(const MailInput& m) {
  return m.index > 0 ? fmt::format("{} #{}", m.file, m.index) : m.file;
}

void AppendLabelled(std::string_view label, std::string_view value, std::string* out) {
  if (value.empty()) return;
  *out += fmt::format("  {:<10} ", label);
  AppendEscapedForTerminal(value, out);
  out->push_back('\n');
}

void AppendRecordText(const MailInput& m, const BounceReport& rep, const BounceRecord& r,
                      const Verdict& v, Lang lang, bool color, bool first, std::string* out) {
  const bool ja = lang == Lang::kJa;
  if (first) {
    std::string head = fmt::format("{} ({})", Where(m), rep.family);
    if (color) *out += "\x1b[1m";
    AppendEscapedForTerminal(head, out);
    if (color) *out += "\x1b[0m";
    out->push_back('\n');
    AppendLabelled(ja ? "元の件名" : "subject", rep.original.subject, out);
    AppendLabelled("message-id", rep.original.message_id, out);
    AppendLabelled(ja ? "送信日時" : "sent", rep.original.date, out);
  }
  out->push_back('\n');
  std::string who = r.recipient;
  if (!r.original_recipient.empty()) {
    who += (ja ? "（元の宛先 " : " (originally ") + r.original_recipient + (ja ? "）" : ")");
  }
  AppendLabelled(ja ? "宛先" : "recipient", who, out);
  if (r.kind == NoticeKind::kFeedback) {
    AppendLabelled(ja ? "苦情の種類" : "feedback", r.feedback_type, out);
  }
  std::string codes;
  if (!r.status.empty()) codes += r.status;
  if (r.reply_code > 0) codes += (codes.empty() ? "" : " / ") + std::to_string(r.reply_code);
  AppendLabelled(ja ? "コード" : "codes", codes, out);
  AppendLabelled(ja ? "コマンド" : "command", r.command, out);
  AppendLabelled(ja ? "相手サーバー" : "remote", r.remote_mta, out);
  if (!r.diagnostic.empty()) {
    *out += "  > ";
    AppendEscapedForTerminal(r.diagnostic, out);
    out->push_back('\n');
  }
  out->push_back('\n');
  AppendVerdictText(v, lang, color, 80, "  ", out);
}

int RunBounce(const BounceOptions& o) {
  std::shared_ptr<const Classifier> classifier;
  Status s = LoadKnowledge(o.rule_dirs, &classifier);
  if (!s.ok()) {
    std::cerr << "mailwhy: " << s.ToString() << "\n";
    return 2;
  }
  const Lang lang = LanguageFromOption(o.lang);
  const bool color = !o.json && WantColor(o.color);
  int bounces = 0;
  bool read_error = false;
  bool first_block = true;
  std::string out;

  auto on_mail = [&](MailInput& m) {
    BounceReport rep;
    Status rs = ReadBounce(m.bytes, &rep);
    if (!rs.ok()) {
      std::cerr << "mailwhy: " << EscapeForTerminal(Where(m)) << ": " << rs.ToString() << "\n";
      return;
    }
    ++bounces;
    for (size_t i = 0; i < rep.records.size(); ++i) {
      const BounceRecord& r = rep.records[i];
      Verdict v = classifier->Classify(FactsOfRecord(rep, r));
      if (o.json) {
        AppendRecordJson(m, rep, r, v, lang, &out);
      } else {
        if (i == 0 && !first_block) out += "\n";
        AppendRecordText(m, rep, r, v, lang, color, i == 0, &out);
        first_block = false;
      }
    }
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  };

  for (const auto& path : o.paths) {
    Status fs = ForEachMail(path, on_mail);
    if (!fs.ok()) {
      std::cerr << "mailwhy: bounce: " << EscapeForTerminal(fs.ToString()) << "\n";
      read_error = true;
    }
  }
  std::cout << out << std::flush;
  if (read_error) return 2;
  return bounces > 0 ? 0 : 1;
}

}  // namespace

void RegisterBounceCommand(CLI::App& app, int* exit_code) {
  auto opts = std::make_shared<BounceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bounce", "say why error mails (bounces, delay notices, complaints) came back and how to fix it");
  cmd->add_option("paths", opts->paths, "message files, mbox files, Maildir folders; '-' for standard input")
      ->required();
  cmd->add_flag("--json", opts->json, "one JSON object per recipient (docs/FORMATS.md)");
  cmd->add_option("--lang", opts->lang, "ja or en (default from LC_ALL, LC_MESSAGES, LANG)")
      ->check(CLI::IsMember({"ja", "en"}));
  AddRulesOption(cmd, &opts->rule_dirs);
  cmd->add_option("--color", opts->color, "never, always or auto (colour on a terminal)")
      ->check(CLI::IsMember({"never", "always", "auto"}));
  cmd->callback([opts, exit_code] { *exit_code = RunBounce(*opts); });
}

}  // namespace mailwhy
