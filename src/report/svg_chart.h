// NAME
//   svg_chart - small inline SVG charts for the HTML report, drawn without any library
// DESCRIPTION
//   The HTML report must open without network access, so its charts are SVG written
//   here: no script, no fonts or styles from elsewhere.
//
//   LineChartSvg()  one line per series over evenly spaced categories (days or hours),
//                   a y axis from 0 to a round maximum, a legend; each point carries a
//                   <title> with its exact value (shown on hover).
//   BarChartSvg()   one horizontal bar per label, its series stacked, the total at the
//                   end; labels longer than 48 characters are shortened in the picture
//                   and given whole in the bar's <title> (the tables below the charts
//                   show every text in full).
//
//   Labels and series names may come from logs: they are HTML-escaped (html_text.h).
#ifndef MAILWHY_REPORT_SVG_CHART_H_
#define MAILWHY_REPORT_SVG_CHART_H_

#include <string>
#include <vector>

namespace mailwhy {

struct ChartSeries {
  std::string name;
  std::string color;               // CSS colour, e.g. "#4e79a7" (not from logs)
  std::vector<double> values;      // one per category / label
};

struct Chart {
  std::string title;
  std::vector<std::string> labels; // categories (line chart) or bars (bar chart)
  std::vector<ChartSeries> series;
};

std::string LineChartSvg(const Chart& chart, int width, int height);
std::string BarChartSvg(const Chart& chart, int width);

}  // namespace mailwhy

#endif  // MAILWHY_REPORT_SVG_CHART_H_
