// detail_tally - count texts in groups, bounded (see detail_tally.h).
#include "report/detail_tally.h"

namespace mailwhy {

void DetailTally::Add(std::string_view group, std::string_view text) {
  auto git = groups_.find(std::string(group));
  if (git == groups_.end()) git = groups_.emplace(std::string(group), Group()).first;
  Group& g = git->second;
  ++g.total;
  auto tit = g.texts.find(std::string(text));
  if (tit != g.texts.end()) {
    ++tit->second;
    return;
  }
  if (distinct_ >= max_texts_) {
    ++g.overflow;
    return;
  }
  g.texts.emplace(std::string(text), 1);
  ++distinct_;
}

}  // namespace mailwhy
