// NAME
//   detail_tally - count texts in groups, with a bound on how many distinct texts are kept
// DESCRIPTION
//   pflogsumm's problem reports ("message deferral detail", "message bounce detail", ...)
//   are two-level counts: a group (the delivery agent, the relay, the SMTP stage) and,
//   under it, each distinct reason text. DetailTally keeps them while a log streams.
//
//   Texts are kept whole, never shortened. Remote replies can carry per-message tokens
//   (queue IDs, timestamps), so the number of distinct texts is bounded: once `max_texts`
//   distinct (group, text) pairs are held, a new pair is counted only in its group's
//   `overflow`, and the report says how many lines that was. Texts already held keep
//   counting.
// THREAD SAFETY
//   Not thread-safe; one per builder.
// BUGS
//   Which texts are kept once the bound is reached depends on the order lines arrive in:
//   the first ones win, not the most frequent.
#ifndef MAILWHY_REPORT_DETAIL_TALLY_H_
#define MAILWHY_REPORT_DETAIL_TALLY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "util/string_map.h"

namespace mailwhy {

class DetailTally {
 public:
  struct Group {
    int64_t total = 0;             // every line of the group, overflow included
    int64_t overflow = 0;          // lines whose text was not kept
    StringMap<int64_t> texts;
  };

  explicit DetailTally(size_t max_texts = 20000) : max_texts_(max_texts) {}

  // Allocates only for a group or text not seen before.
  void Add(std::string_view group, std::string_view text, int64_t count = 1);

  const StringMap<Group>& groups() const { return groups_; }
  size_t distinct_texts() const { return distinct_; }

 private:
  size_t max_texts_;
  size_t distinct_ = 0;
  StringMap<Group> groups_;
};

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_DETAIL_TALLY_H_
