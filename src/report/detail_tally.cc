// detail_tally - count texts in groups, bounded (see detail_tally.h).
#include "report/detail_tally.h"

namespace mailwhy {

void DetailTally::Add(std::string_view group, std::string_view text, int64_t count) {
  auto git = groups_.find(std::string(group));
  if (git == groups_.end()) git = groups_.emplace(std::string(group), Group()).first;
  Group& g = git->second;
  g.total += count;
  auto tit = g.texts.find(std::string(text));
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
