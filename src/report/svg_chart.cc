// svg_chart - line and bar charts as inline SVG (see svg_chart.h).
#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/html_text.h"
#include "util/utf8.h"

namespace mailwhy {

namespace {

constexpr size_t kMaxLabelChars = 48;

// The smallest of 1, 2, 5 x 10^k at or above v: a y axis people can read.
double NiceCeiling(double v) {
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

std::string Num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{:.1f}", v);
}

// At most kMaxLabelChars characters (not bytes: labels may be Japanese or UTF-8 domains).
std::string ShortLabel(const std::string& s) {
  size_t chars = 0, i = 0;
  while (i < s.size()) {
    if (chars == kMaxLabelChars) return s.substr(0, i) + "\xE2\x80\xA6";
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : Utf8SequenceLength(s, i);
    i += n == 0 ? 1 : n;
    ++chars;
  }
  return s;
}

void Legend(const Chart& c, int x, int y, std::string* out) {
  for (const ChartSeries& s : c.series) {
    *out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>", x, y - 9, s.color);
    *out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"legend\">", x + 14, y);
    AppendHtmlEscaped(s.name, out);
    *out += "</text>";
    x += 24 + static_cast<int>(s.name.size()) * 7;
  }
}

void Open(const Chart& c, int width, int height, std::string* out) {
  *out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" class=\"chart\"><title>",
      width, height);
  AppendHtmlEscaped(c.title, out);
  *out += "</title>";
}

}  // namespace

std::string LineChartSvg(const Chart& c, int width, int height) {
  std::string out;
  Open(c, width, height, &out);
  const int left = 56, right = 28, top = 34, bottom = 42;
  const int pw = width - left - right, ph = height - top - bottom;
  double max = 0;
  for (const ChartSeries& s : c.series) {
    for (double v : s.values) max = std::max(max, v);
  }
  const double ymax = NiceCeiling(max);
  Legend(c, left, 16, &out);
  for (int k = 0; k <= 4; ++k) {
    double v = ymax * k / 4;
    double y = top + ph - ph * k / 4.0;
    out += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" class=\"grid\"/>", left, y,
                       left + pw, y);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{}</text>", left - 6,
                       y + 4, Num(v));
  }
  const size_t n = c.labels.size();
  auto xat = [&](size_t i) { return n <= 1 ? left + pw / 2.0 : left + pw * static_cast<double>(i) / (n - 1); };
  const size_t step = std::max<size_t>(1, (n + 11) / 12);   // at most about 12 labels
  for (size_t i = 0; i < n; i += step) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">", xat(i),
                       top + ph + 18);
    AppendHtmlEscaped(c.labels[i], &out);
    out += "</text>";
  }
  for (const ChartSeries& s : c.series) {
    std::string points;
    for (size_t i = 0; i < n && i < s.values.size(); ++i) {
      points += fmt::format("{:.1f},{:.1f} ", xat(i), top + ph - ph * s.values[i] / ymax);
    }
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>", s.color, points);
    for (size_t i = 0; i < n && i < s.values.size(); ++i) {
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>", xat(i),
                         top + ph - ph * s.values[i] / ymax, s.color);
      AppendHtmlEscaped(c.labels[i], &out);
      out += " ";
      AppendHtmlEscaped(s.name, &out);
      out += fmt::format(": {}</title></circle>", Num(s.values[i]));
    }
  }
  out += "</svg>";
  return out;
}

std::string BarChartSvg(const Chart& c, int width) {
  const int bar = 18, gap = 6, top = 30, bottom = 8;
  const int height = top + bottom + static_cast<int>(c.labels.size()) * (bar + gap);
  std::string out;
  Open(c, width, height, &out);
  Legend(c, 8, 16, &out);
  size_t longest = 0;
  for (const std::string& l : c.labels) longest = std::max(longest, std::min(l.size(), kMaxLabelChars + 1));
  const int left = std::min(8 + static_cast<int>(longest) * 7, width / 2);
  const int pw = width - left - 60;
  std::vector<double> totals(c.labels.size(), 0);
  for (const ChartSeries& s : c.series) {
    for (size_t i = 0; i < totals.size() && i < s.values.size(); ++i) totals[i] += s.values[i];
  }
  double max = 0;
  for (double t : totals) max = std::max(max, t);
  if (max <= 0) max = 1;
  for (size_t i = 0; i < c.labels.size(); ++i) {
    const int y = top + static_cast<int>(i) * (bar + gap);
    out += "<g><title>";
    AppendHtmlEscaped(c.labels[i], &out);
    out += fmt::format(": {}</title>", Num(totals[i]));
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"end\">", left - 6, y + bar - 5);
    AppendHtmlEscaped(ShortLabel(c.labels[i]), &out);
    out += "</text>";
    double x = left;
    for (const ChartSeries& s : c.series) {
      double v = i < s.values.size() ? s.values[i] : 0;
      if (v <= 0) continue;
      double w = pw * v / max;
      out += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>", x, y, w, bar,
                         s.color);
      x += w;
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"value\">{}</text></g>", x + 4, y + bar - 5,
                       Num(totals[i]));
  }
  out += "</svg>";
  return out;
}

}  // namespace mailwhy
