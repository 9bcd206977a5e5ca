#pragma once

// A report as one self-contained HTML file: inline CSS, charts as inline SVG (the mean
// as a line over its min/max band), images as data: URIs, no script, no external URL or
// font. Readable on a phone (tables scroll sideways, charts scale) and printable
// (@media print). Every text of the document is escaped: run names and notes are the
// user's.

#include "seekbench/projects/report/report.h"

#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::projects::report {

std::string renderReportHtml(const Report &report);
// One chart as an SVG element (no XML prolog), as the HTML embeds it.
std::string renderChartSvg(const Chart &chart);
// The colour of a series (ChartSeries::colorIndex) in charts and legends: "#1f77b4".
std::string seriesColour(int colorIndex);
// Parallel coordinates as an SVG element: the axes, one polyline per trial, a colour scale.
std::string renderParallelSvg(const ParallelCoordinates &chart);
// Where `value` sits on the axis, 0 (bottom) to 1 (top); NaN when it is not finite, off a
// log axis' domain, or outside a categorical axis.
double parallelPosition(const ParallelAxis &axis, double value);
// The colour of a trial's line, from 0 (the worst objective: light) to 1 (the best: dark).
std::string parallelColour(double t);
// Writes the HTML atomically (AtomicFile): the old file or the new one, never half.
// Throws FileWriteError naming the file.
void writeReportHtml(const std::filesystem::path &file, const Report &report);

// reports/<kind>-<first run id>-<UTC stamp>.html in the project's reports folder.
std::filesystem::path defaultReportPath(const Project &project, const Report &report,
                                        const std::vector<std::string> &runIds);

std::string escapeHtml(const std::string &text);

} // namespace seekbench::projects::report
