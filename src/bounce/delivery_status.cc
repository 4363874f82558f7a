// delivery_status - RFC 3464 field groups, leniently (see delivery_status.h).
#include "bounce/delivery_status.h"

#include <cctype>

#include "bounce/text_tools.h"
#include "util/ascii.h"

namespace mailwhy {

using bounce::EqualsNoCase;
using bounce::Trim;

namespace {

constexpr std::string_view kRecipientFields[] = {
    "final-recipient", "original-recipient", "action", "status", "remote-mta",
    "diagnostic-code", "last-attempt-date", "will-retry-until", "final-log-id",
    "x-actual-recipient", "x-display-name", "x-supplementary-info",
};

bool IsFieldName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::string_view DsnFields::Get(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (EqualsNoCase(k, name)) return v;
  }
  return std::string_view();
}

bool DsnFields::Has(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (EqualsNoCase(k, name)) return true;
  }
  return false;
}

bool IsRecipientField(std::string_view name) {
  for (auto f : kRecipientFields) {
    if (EqualsNoCase(name, f)) return true;
  }
  return false;
}

std::string_view FieldValue(std::string_view value) {
  size_t semi = value.find(';');
  if (semi == std::string_view::npos) return Trim(value);
  std::string_view type = Trim(value.substr(0, semi));
  // Only a short type word ("rfc822", "smtp", "x-unix") is a type: "550 5.1.1; bad" is not.
  if (type.empty() || type.size() > 24 || type.find(' ') != std::string_view::npos) return Trim(value);
  return Trim(value.substr(semi + 1));
}

std::string FieldType(std::string_view value) {
  size_t semi = value.find(';');
  if (semi == std::string_view::npos) return std::string();
  std::string_view type = Trim(value.substr(0, semi));
  if (type.empty() || type.size() > 24 || type.find(' ') != std::string_view::npos) return std::string();
  return AsciiLowered(type);
}

void ParseDeliveryStatus(std::string_view text, DeliveryStatus* out) {
  *out = DeliveryStatus{};
  DsnFields group;
  bool first_group = true;
  std::pair<std::string, std::string>* last = nullptr;

  auto close_group = [&] {
    if (group.fields.empty()) return;
    const bool names_recipient = group.Has("Final-Recipient") || group.Has("Original-Recipient") ||
                                 group.Has("Action") || group.Has("Status");
    if (first_group && !names_recipient) {
      out->per_message = std::move(group);
    } else {
      out->recipients.push_back(std::move(group));
    }
    first_group = false;
    group = DsnFields{};
    last = nullptr;
  };

  for (std::string_view line : bounce::Lines(text)) {
    if (Trim(line).empty()) {
      close_group();
      continue;
    }
    if ((line[0] == ' ' || line[0] == '\t')) {
      if (last != nullptr) {
        last->second += " ";
        last->second += Trim(line);
      }
      continue;
    }
    size_t colon = line.find(':');
    // "Action : failed" (Mimecast writes a space before the colon).
    std::string_view raw_name = colon == std::string_view::npos ? line : Trim(line.substr(0, colon));
    if (colon == std::string_view::npos || !IsFieldName(raw_name)) {
      last = nullptr;
      continue;
    }
    std::string name(raw_name);
    std::string value(Trim(line.substr(colon + 1)));
    // A second recipient without the empty line that should separate it.
    if (EqualsNoCase(name, "Final-Recipient") && group.Has("Final-Recipient")) close_group();
    if (EqualsNoCase(name, "Original-Recipient") && group.Has("Original-Recipient")) close_group();
    // Per-message fields followed directly by a recipient's.
    if (first_group && IsRecipientField(name) && !group.fields.empty() &&
        !group.Has("Final-Recipient") && !group.Has("Original-Recipient") &&
        !group.Has("Action") && !group.Has("Status") &&
        (EqualsNoCase(name, "Final-Recipient") || EqualsNoCase(name, "Original-Recipient"))) {
      close_group();
    }
    group.fields.emplace_back(std::move(name), std::move(value));
    last = &group.fields.back();
  }
  close_group();
}

}  // namespace mailwhy
