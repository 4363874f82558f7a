// detail_tally - count texts in groups, bounded (see detail_tally.h).
#include "report/detail_tally.h"

namespace mailwhy {

void DetailTally::Add(std::string_view group, std::string_view text, int64_t count) {
  Group& g = CountFor(groups_, group);
  g.total += count;
  auto tit = g.texts.find(text);
  if (tit != g.texts.end()) {
    tit->second += count;
    return;
  }
  if (distinct_ >= max_texts_) {
    g.overflow += count;
    return;
  }
  g.texts.emplace(std::string(text), count);
  ++distinct_;
}

}  // namespace mailwhy
