// journey_render - a journey as NDJSON and as text (see journey_render.h).
//
// Field names and meanings are the contract of docs/FORMATS.md; change both together.
// Absent facts are null (not "", not -1), so a reader can tell "none" from "unknown".
#include "render/journey_render.h"

#include <fmt/format.h>

#include "util/civil_time.h"
#include "util/json_writer.h"
#include "util/terminal_text.h"

namespace mailwhy {

namespace {

constexpr int kContractVersion = 1;

void TimeField(JsonWriter& w, std::string_view key, const LogTime& t) {
  w.Key(key);
  if (!t.known) {
    w.Null();
    return;
  }
  char buf[kRfc3339Max];
  w.String(std::string_view(buf, WriteRfc3339(t.unix_us, t.utc_offset_s, buf)));
}

void NumberOrNull(JsonWriter& w, std::string_view key, double v) {
  w.Key(key);
  if (v < 0) w.Null(); else w.Double(v);
}

void IntOrNull(JsonWriter& w, std::string_view key, int64_t v) {
  w.Key(key);
  if (v < 0) w.Null(); else w.Int(v);
}

void WriteReply(JsonWriter& w, std::string_view key, const Reply& r) {
  w.Key(key);
  if (r.code == 0 && r.dsn.empty() && r.text.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("code");
  if (r.code != 0) w.Int(r.code); else w.Null();
  w.FieldOrNull("dsn", r.dsn);
  w.FieldOrNull("text", r.text);
  w.FieldOrNull("command", r.command);
  w.EndObject();
}

// The shape's name for JSON; null (empty) when there was no text.
std::string_view ShapeName(TextShape s) { return s == TextShape::kNone ? "" : TextShapeName(s); }

void WriteNotes(JsonWriter& w, const std::vector<AttemptNote>& notes) {
  w.Key("notes");
  w.BeginArray();
  for (const AttemptNote& n : notes) {
    w.BeginObject();
    TimeField(w, "time", n.time);
    w.FieldOrNull("shape", ShapeName(n.shape));
    w.Field("text", n.text);
    w.EndObject();
  }
  w.EndArray();
}

void WriteAttempt(JsonWriter& w, const Attempt& a) {
  w.BeginObject();
  TimeField(w, "time", a.time);
  w.Field("daemon", a.daemon);
  w.FieldOrNull("relay", a.relay);
  NumberOrNull(w, "delay", a.delay);
  w.Key("delays");
  if (a.delays[0] < 0) {
    w.Null();
  } else {
    w.BeginArray();
    for (double d : a.delays) w.Double(d);
    w.EndArray();
  }
  w.FieldOrNull("dsn", a.dsn);
  w.Field("status", a.status);
  w.FieldOrNull("text", a.text);
  w.FieldOrNull("shape", ShapeName(a.shape));
  w.Field("suspended", a.suspended);
  w.FieldOrNull("remote", a.remote);
  WriteReply(w, "reply", a.reply);
  w.FieldOrNull("queued_as", a.queued_as);
  w.FieldOrNull("tls", a.tls);
  w.Key("conn_use");
  if (a.conn_use > 0) w.Int(a.conn_use); else w.Null();
  WriteNotes(w, a.notes);
  w.EndObject();
}

void WriteRecipient(JsonWriter& w, const Recipient& r, const std::string* verdict) {
  w.BeginObject();
  w.Field("address", r.address);
  w.FieldOrNull("orig_to", r.orig_to);
  w.Field("status", ToString(r.status));
  w.Key("attempts");
  w.BeginArray();
  for (const Attempt& a : r.attempts) WriteAttempt(w, a);
  w.EndArray();
  w.Key("reject");
  if (r.reject_action.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.Field("action", r.reject_action);
    w.FieldOrNull("stage", r.reject_stage);
    WriteReply(w, "reply", r.reject_reply);
    w.EndObject();
  }
  w.Key("verdict");
  if (verdict != nullptr && !verdict->empty()) w.Raw(*verdict); else w.Null();
  w.EndObject();
}

void WriteLink(JsonWriter& w, const Link& l) {
  w.BeginObject();
  w.Field("qid", l.qid);
  w.Field("kind", l.kind);
  w.FieldOrNull("host", l.host);
  w.EndObject();
}

}  // namespace

std::string TimeText(const LogTime& t) {
  return t.known ? FormatRfc3339(t.unix_us, t.utc_offset_s) : std::string();
}


void AppendJourneyJson(const Journey& j, const std::vector<std::string>& verdicts,
                       const std::vector<std::string>* findings, const RenderContext& ctx,
                       std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("v", kContractVersion);
  w.Field("type", "journey");
  w.Field("host", j.host);
  w.Field("instance", j.instance);
  w.Field("qid", j.qid);
  TimeField(w, "first_seen", j.first_seen);
  TimeField(w, "last_seen", j.last_seen);
  w.Field("direction", ToString(j.direction));
  w.FieldOrNull("arrival", j.arrival);
  w.FieldOrNull("service", j.arrival_service);
  w.Key("client");
  if (j.client.ip.empty() && j.client.name.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.FieldOrNull("name", j.client.name);
    w.FieldOrNull("ip", j.client.ip);
    w.FieldOrNull("port", j.client.port);
    w.FieldOrNull("sasl_method", j.client.sasl_method);
    w.FieldOrNull("sasl_user", j.client.sasl_user);
    w.FieldOrNull("helo", j.client.helo);
    w.EndObject();
  }
  w.Key("pickup");
  if (j.pickup.uid < 0 && j.pickup.sender.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    IntOrNull(w, "uid", j.pickup.uid);
    w.Field("sender", j.pickup.sender);
    w.EndObject();
  }
  w.Key("message_id");
  if (j.has_message_id) w.String(j.message_id); else w.Null();
  w.Key("from");
  if (j.has_from) w.String(j.from); else w.Null();
  IntOrNull(w, "size", j.size);
  IntOrNull(w, "nrcpt", j.nrcpt);
  w.Field("activations", j.activations);
  w.Key("recipients");
  w.BeginArray();
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    WriteRecipient(w, j.recipients[i], i < verdicts.size() ? &verdicts[i] : nullptr);
  }
  w.EndArray();
  w.Key("checks");
  w.BeginArray();
  for (const Check& c : j.checks) {
    w.BeginObject();
    TimeField(w, "time", c.time);
    w.Field("action", c.action);
    w.FieldOrNull("stage", c.stage);
    w.Field("text", c.text);
    w.EndObject();
  }
  w.EndArray();
  WriteNotes(w, j.notes);
  w.Key("children");
  w.BeginArray();
  for (const Link& l : j.children) WriteLink(w, l);
  w.EndArray();
  w.Key("parent");
  if (j.parent.qid.empty()) w.Null(); else WriteLink(w, j.parent);
  w.Field("end", ToString(j.end));
  w.Field("expired", j.expired);
  w.Field("removed_by_admin", j.removed_by_admin);
  w.Key("findings");
  if (findings == nullptr) {
    w.Null();
  } else {
    w.BeginArray();
    for (const std::string& f : *findings) w.Raw(f);
    w.EndArray();
  }
  w.Key("lines");
  w.BeginArray();
  for (const LineRef& l : j.lines) {
    w.BeginObject();
    w.Key("file");
    if (ctx.files != nullptr && l.file < ctx.files->size()) w.String((*ctx.files)[l.file]);
    else w.Int(l.file);
    w.Field("line", static_cast<int64_t>(l.line));
    if (!l.text.empty()) w.Field("text", l.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  out->push_back('\n');
}

namespace {

// Escaped text for the terminal.
std::string Safe(std::string_view s) { return EscapeForTerminal(s); }

std::string ShortTime(const LogTime& t) {
  if (!t.known) return "--:--:--";
  std::string full = FormatRfc3339(t.unix_us, t.utc_offset_s);
  return full.substr(11, 8);  // HH:MM:SS
}

std::string DelayText(const Attempt& a) {
  if (a.delay < 0) return std::string();
  std::string s = fmt::format(" delay={}", a.delay);
  if (a.delays[0] >= 0) {
    s += fmt::format(" delays={}/{}/{}/{}", a.delays[0], a.delays[1], a.delays[2], a.delays[3]);
  }
  return s;
}

}  // namespace


void AppendJourneyText(const Journey& j, const std::vector<std::string>& verdict_texts,
                       std::string_view findings_text, const RenderContext& ctx,
                       std::string* out) {
  const char* bold = ctx.color ? "\033[1m" : "";
  const char* reset = ctx.color ? "\033[0m" : "";
  std::string first = TimeText(j.first_seen);
  std::string last = TimeText(j.last_seen);
  *out += fmt::format("{}{} {}{} on {} ({})\n", bold, Safe(j.qid), ToString(j.end), reset,
                      Safe(j.host), Safe(j.instance));
  *out += fmt::format("  seen      {} .. {}\n", first.empty() ? "?" : first,
                      last.empty() ? "?" : last);
  *out += fmt::format("  direction {}", ToString(j.direction));
  if (!j.arrival.empty()) *out += fmt::format(", arrived by {}", Safe(j.arrival));
  if (!j.arrival_service.empty()) *out += fmt::format(" ({})", Safe(j.arrival_service));
  *out += '\n';
  if (!j.client.ip.empty() || !j.client.name.empty()) {
    *out += fmt::format("  client    {}[{}]", Safe(j.client.name), Safe(j.client.ip));
    if (!j.client.sasl_user.empty()) *out += fmt::format(" sasl={}", Safe(j.client.sasl_user));
    if (!j.client.helo.empty()) *out += fmt::format(" helo={}", Safe(j.client.helo));
    *out += '\n';
  }
  if (j.pickup.uid >= 0) {
    *out += fmt::format("  pickup    uid={} sender={}\n", j.pickup.uid, Safe(j.pickup.sender));
  }
  if (j.has_from) *out += fmt::format("  from      <{}>\n", Safe(j.from));
  if (j.has_message_id) *out += fmt::format("  msgid     {}\n", Safe(j.message_id));
  if (j.size >= 0) {
    *out += fmt::format("  size      {} bytes, {} recipient(s), {} queue run(s)\n", j.size,
                        j.nrcpt, j.activations);
  }
  for (const Check& c : j.checks) {
    *out += fmt::format("  check     {} {} {}: {}\n", ShortTime(c.time), Safe(c.action),
                        Safe(c.stage), Safe(c.text));
  }
  for (size_t i = 0; i < j.recipients.size(); ++i) {
    const Recipient& r = j.recipients[i];
    *out += fmt::format("  to        <{}>", Safe(r.address));
    if (!r.orig_to.empty()) *out += fmt::format(" (orig <{}>)", Safe(r.orig_to));
    *out += fmt::format(" {}{}{}\n", bold, ToString(r.status), reset);
    if (!r.reject_action.empty()) {
      *out += fmt::format("    {} at {}: {}\n", Safe(r.reject_action), Safe(r.reject_stage),
                          Safe(r.reject_reply.text));
    }
    for (const Attempt& a : r.attempts) {
      for (const AttemptNote& n : a.notes) {
        *out += fmt::format("    {} {}\n", ShortTime(n.time), Safe(n.text));
      }
      *out += fmt::format("    {} {} relay={}{} dsn={} {}: {}\n", ShortTime(a.time), Safe(a.daemon),
                          Safe(a.relay), DelayText(a), Safe(a.dsn), Safe(a.status), Safe(a.text));
    }
    if (i < verdict_texts.size() && !verdict_texts[i].empty()) *out += verdict_texts[i];
  }
  for (const AttemptNote& n : j.notes) {
    *out += fmt::format("  note      {} {}\n", ShortTime(n.time), Safe(n.text));
  }
  for (const Link& l : j.children) {
    *out += fmt::format("  child     {} ({}{}{})\n", Safe(l.qid), Safe(l.kind),
                        l.host.empty() ? "" : " on ", Safe(l.host));
  }
  if (!j.parent.qid.empty()) {
    *out += fmt::format("  parent    {} ({}{}{})\n", Safe(j.parent.qid), Safe(j.parent.kind),
                        j.parent.host.empty() ? "" : " on ", Safe(j.parent.host));
  }
  *out += findings_text;
  *out += '\n';
}

}  // namespace mailwhy
