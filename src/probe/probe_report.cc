// probe_report - the checklist of a live check (see probe_report.h).
#include "probe/probe_report.h"

namespace mailwhy {

std::string_view ToString(CheckState s) {
  switch (s) {
    case CheckState::kOk: return "ok";
    case CheckState::kInfo: return "info";
    case CheckState::kWarn: return "warn";
    case CheckState::kFail: return "fail";
    case CheckState::kSkipped: return "skipped";
  }
  return "ok";
}

std::string ProbeCheck::Data(std::string_view key) const {
  for (const auto& [k, v] : data) {
    if (k == key) return v;
  }
  return std::string();
}

bool ProbeCheck::HasFinding(std::string_view id) const {
  for (const auto& f : findings) {
    if (f.id == id) return true;
  }
  return false;
}

ProbeCheck& ProbeReport::Add(std::string id) {
  checks.emplace_back();
  checks.back().id = std::move(id);
  return checks.back();
}

const ProbeCheck* ProbeReport::Find(std::string_view id) const {
  for (const auto& c : checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

bool ProbeReport::failed() const {
  for (const auto& c : checks) {
    if (c.state == CheckState::kFail) return true;
  }
  return false;
}

std::vector<std::string> ProbeReport::FindingIds() const {
  std::vector<std::string> out;
  for (const auto& c : checks) {
    for (const auto& f : c.findings) out.push_back(f.id);
  }
  return out;
}

void AddFinding(ProbeCheck* check, const Classifier* classifier, std::string id, KeyValues values) {
  Finding f;
  f.id = std::move(id);
  f.values = std::move(values);
  if (classifier) f.rule = classifier->rules().FindFinding(f.id);
  check->findings.push_back(std::move(f));
}

}  // namespace mailwhy
