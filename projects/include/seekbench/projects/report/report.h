#pragma once

// The report document (issue 24): what a run, comparison or sweep report says, as data.
// One model, several renderers: HTML here (report_html.h), PDF in the desktop
// application (QPainter), so the two never disagree. Charts are kept as numbers, not as
// drawing commands; every user-visible label was filled in by the builder from
// ReportLabels, so a renderer adds no words of its own.
//
// A sweep report plugs in as another builder producing the same Report (kind "sweep"),
// with its own sections (best trials, importance, best-so-far as Chart blocks, parallel
// coordinates as a ParallelCoordinates block).

#include <string>
#include <variant>
#include <vector>

namespace seekbench::projects::report {

struct Paragraph
{
    std::string text;
};

struct KeyValue
{
    std::string key, value;
};

struct KeyValueList
{
    std::string caption; // "" for none
    std::vector<KeyValue> items;
};

// Number columns are right-aligned; Delta columns hold signed differences against a
// baseline, their cells toned better/worse.
enum class ColumnKind { Text, Number, Delta };
enum class CellTone { Neutral, Better, Worse };

struct TableColumn
{
    std::string header;
    ColumnKind kind = ColumnKind::Text;
};

struct TableCell
{
    std::string text;
    CellTone tone = CellTone::Neutral;
};

struct Table
{
    std::string caption;
    std::vector<TableColumn> columns;
    std::vector<std::vector<TableCell>> rows;
};

struct CodeBlock
{
    std::string caption;
    std::string language; // "yaml"
    std::string text;
};

// One bucket of a decimated curve: where it sits and its mean, min and max, so a
// renderer draws the mean as a line over a min/max band.
struct ChartPoint
{
    double x = 0, mean = 0, min = 0, max = 0;
};

struct ChartSeries
{
    std::string name;
    int colorIndex = 0; // the run's palette index (RunRecord::color) or the series' order
    std::vector<ChartPoint> points;
    bool dots = false;    // each point as a dot, no line (a sweep's trials)
    bool stepped = false; // the line holds each value until the next point (best so far)
};

struct Chart
{
    std::string title, xLabel, yLabel;
    bool logY = false;
    bool band = true; // draw the min/max band (false for curves that are not decimated)
    std::vector<ChartSeries> series;
};

struct Image
{
    std::string caption;
    std::string mimeType = "image/png";
    std::string bytes; // the encoded image
};

// Something the report should show but cannot: a checkpoint file absent or damaged, a
// curve with no points. The report still renders; this says what and why.
struct MissingNotice
{
    std::string what, why;
};

// A parallel-coordinates chart (a sweep's trials): one vertical axis per param, then the
// objective; one polyline per trial through its values, coloured by its objective
// (better: darker), the best trials drawn last and thick. A value outside an axis' range
// or NaN (an inactive conditional param) leaves a gap in the line.
struct ParallelAxis
{
    std::string name;
    double min = 0, max = 1;             // the axis' range (for a log axis: both > 0)
    bool log = false;                    // drawn on a log scale
    std::vector<std::string> categories; // non-empty: a categorical axis, values are indices
};

struct ParallelLine
{
    std::string label;          // "trial 12"
    std::vector<double> values; // one per axis
    double objective = 0;       // for the colour
    bool highlighted = false;   // a best trial
};

struct ParallelCoordinates
{
    std::string title;
    std::string colourLabel; // what the colour says: "eval/loss (darker: better)"
    bool lowerIsBetter = true;
    std::vector<ParallelAxis> axes;
    std::vector<ParallelLine> lines;
};

using Block = std::variant<Paragraph, KeyValueList, Table, CodeBlock, Chart, Image, MissingNotice, ParallelCoordinates>;

struct Section
{
    std::string id; // stable, for section toggles and anchors: "overview", "curves", ...
    std::string title;
    std::vector<Block> blocks;
};

// Where the numbers came from, per run: the environment its trainer recorded, its newest
// checkpoint and the command that reproduces it.
struct RunProvenance
{
    std::string runId, runName;
    std::vector<KeyValue> environment; // labelled already: LibTorch, host, threads, data fingerprint...
    std::string checkpointPath, checkpointSha256;
    std::string configPath; // the snapshot, relative to the project
    std::string configYaml;
    std::string reproduceCommand;
};

struct Provenance
{
    std::string seekbenchVersion, gitCommit;
    std::string qtVersion;   // the Qt this build's desktop programs use; "" for a headless build
    std::string generatedAt; // UTC, ISO 8601
    std::string generatedOn; // the machine that wrote the report: OS and host
    std::vector<RunProvenance> runs;
};

struct Report
{
    std::string kind; // run | comparison | sweep
    std::string language = "en";
    std::string title, subtitle, notes;
    std::string contentsTitle; // the table of contents' heading
    Provenance provenance;
    std::vector<Section> sections;

    const Section *section(const std::string &id) const;
};

} // namespace seekbench::projects::report
