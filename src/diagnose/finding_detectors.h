// NAME
//   finding_detectors - the detectors behind FindJourneyFindings(), and what they share
// DESCRIPTION
//   Internal to the diagnose layer; findings.h states the policy of each detector.
//   A detector looks at one journey (with its recipients' verdicts) and appends findings;
//   it never writes text for people, only the finding's id and the values its
//   [[finding]] texts use. Values are strings; an unknown value is left out, so the texts'
//   fallbacks apply.
//
//   DetectEnvelope    journey.empty-message-id*, .unqualified-sender, .host-name-sender
//   DetectDelays      journey.delays.*
//   DetectHistory     journey.deferrals.*, journey.expired
//   DetectOutcome     journey.delivered, journey.inbound-refused, .submission-refused,
//                     journey.bounce-notice, journey.delay-notice
#ifndef MAILWHY_DIAGNOSE_FINDING_DETECTORS_H_
#define MAILWHY_DIAGNOSE_FINDING_DETECTORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "diagnose/classifier.h"
#include "diagnose/journey_diagnosis.h"
#include "journey/journey.h"

namespace mailwhy::finding_detail {

struct Scan {
  const Journey& j;
  const std::vector<RecipientDiagnosis>& verdicts;
  const Classifier& classifier;
  std::vector<Finding>* out;
};

void DetectEnvelope(const Scan& s);
void DetectDelays(const Scan& s);
void DetectHistory(const Scan& s);
void DetectOutcome(const Scan& s);

// "bob@Example.NET" -> "example.net"; "" without a domain.
std::string DomainOf(std::string_view address);
// "mx.example.net[192.0.2.1]:25" -> "mx.example.net"; "none" -> "".
std::string HostOf(std::string_view relay);
// "mx.example.net[192.0.2.1]:25" -> "192.0.2.1"; "" without brackets.
std::string AddressOf(std::string_view relay);
// "2022-12-05 18:53:10" in the offset it was logged in; "" when unknown.
std::string TimeValue(const LogTime& t);
// 248120 -> "248120", 2.2 -> "2.2".
std::string SecondsValue(double seconds);
// Adds key=value unless the value is empty.
void Put(KeyValues* values, std::string key, std::string value);
// True when some recipient had a delivery attempt by smtp (the message left this host).
bool LeftThisHost(const Journey& j);
// Appends f, or, when an equal finding (same id and values but the recipient) is
// there already, makes that one the whole journey's.
void AddOnce(std::vector<Finding>* out, Finding f);

}  // namespace mailwhy::finding_detail

#endif  // MAILWHY_DIAGNOSE_FINDING_DETECTORS_H_
