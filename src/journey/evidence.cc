// evidence - fetch the lines a few journeys point at (see evidence.h).
#include "journey/evidence.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "util/byte_source.h"
#include "util/line_reader.h"

namespace mailwhy {

Status FillEvidenceText(const std::vector<std::string>& files, const std::vector<Journey*>& journeys) {
  // Per file, the references that want text, sorted by line number.
  std::vector<std::vector<LineRef*>> wanted(files.size());
  for (Journey* j : journeys) {
    for (LineRef& l : j->lines) {
      if (l.text.empty() && l.file < files.size()) wanted[l.file].push_back(&l);
    }
  }
  Status first_error;
  for (size_t f = 0; f < files.size(); ++f) {
    auto& refs = wanted[f];
    if (refs.empty()) continue;
    if (files[f] == "-") continue;  // standard input cannot be read twice
    std::sort(refs.begin(), refs.end(), [](LineRef* a, LineRef* b) { return a->line < b->line; });
    std::unique_ptr<ByteSource> source;
    Status s = OpenByteSource(files[f], &source);
    if (!s.ok()) {
      if (first_error.ok()) first_error = s;
      continue;
    }
    LineReader reader(std::move(source));
    std::string_view line;
    size_t next = 0;
    while (next < refs.size() && reader.Next(&line)) {
      while (next < refs.size() && refs[next]->line == reader.line_number()) {
        refs[next++]->text.assign(line);
      }
    }
    if (!reader.status().ok() && first_error.ok()) first_error = reader.status();
  }
  return first_error;
}

}  // namespace mailwhy
