#include "seekbench/projects/report/report_html.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/projects/project.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace seekbench::projects::report {

namespace {

// Narrow enough for a phone, wide tables and code scroll sideways, charts scale with the
// page; print keeps sections whole where it can and drops the table of contents' links.
const char *const kStyle
    = "*{box-sizing:border-box}"
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC',sans-serif;"
      "line-height:1.45;color:#1d1d1f;background:#fff;margin:0 auto;padding:1em;max-width:60em}"
      "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:.2em;"
      "margin-top:1.6em}h3{font-size:1.05em;margin:1em 0 .4em}"
      ".subtitle{color:#555;margin:.2em 0 1em}.notes{background:#f6f8fa;border-left:4px solid #8aa;"
      "padding:.5em .8em;white-space:normal}"
      "nav.toc ol{padding-left:1.4em}nav.toc a{color:#0645ad;text-decoration:none}"
      ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}"
      "table{border-collapse:collapse;font-size:.9em;margin:.4em 0}caption{text-align:left;font-weight:600;"
      "padding:.3em 0}th,td{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top}"
      "th{background:#f0f3f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
      "td.better{color:#1a7f37}td.worse{color:#cf222e}"
      "dl.kv{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;gap:.2em 1em;margin:.4em 0}"
      "dl.kv dt{font-weight:600;color:#444}dl.kv dd{margin:0;overflow-wrap:anywhere}"
      "pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.6em;overflow-x:auto;font-size:.85em;"
      "max-width:100%}code{font-family:ui-monospace,'DejaVu Sans Mono',monospace}"
      "figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}"
      "figure.chart svg{width:100%;height:auto;display:block;font-family:sans-serif}"
      "ul.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em;font-size:.85em}"
      ".sw{display:inline-block;width:1.4em;height:.6em;margin-right:.4em;vertical-align:middle}"
      "img{max-width:100%;height:auto}"
      ".missing{border:1px solid #d4a72c;background:#fff8c5;padding:.5em .8em;margin:.5em 0}"
      "@media (max-width:600px){body{padding:.5em;font-size:15px}dl.kv{grid-template-columns:1fr}"
      "dl.kv dd{margin-bottom:.4em}}"
      "@media print{body{max-width:none;padding:0;font-size:10pt}nav.toc a{color:inherit}"
      "section,figure,table{break-inside:avoid-page}h2,h3{break-after:avoid-page}"
      ".scroll{overflow:visible}pre{white-space:pre-wrap;overflow:visible}}";

std::string anchorOf(const std::string &id)
{
    std::string out = "s-";
    for (char c : id)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    return out;
}

// Escaped text with its line breaks kept.
std::string textWithBreaks(const std::string &text)
{
    std::string out;
    std::size_t from = 0;
    while (true) {
        const std::size_t nl = text.find('\n', from);
        out += escapeHtml(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
        if (nl == std::string::npos)
            break;
        out += "<br>";
        from = nl + 1;
    }
    return out;
}

std::string base64(const std::string &bytes)
{
    static const char *const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8
                           | (unsigned char)bytes[i + 2];
        out += {table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], table[v & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16;
        out += {table[v >> 18], table[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
        out += {table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], '='};
    }
    return out;
}

// Only image types a browser shows inline; anything else is sent as PNG.
std::string safeMime(const std::string &mime)
{
    for (const char *ok : {"image/png", "image/jpeg", "image/gif", "image/webp"})
        if (mime == ok)
            return mime;
    return "image/png";
}

struct BlockWriter
{
    std::string &h;

    void operator()(const Paragraph &p) { h += "<p>" + textWithBreaks(p.text) + "</p>\n"; }
    void operator()(const KeyValueList &kv)
    {
        if (!kv.caption.empty())
            h += "<h3>" + escapeHtml(kv.caption) + "</h3>";
        h += "<dl class=\"kv\">";
        for (const auto &i : kv.items)
            h += "<dt>" + escapeHtml(i.key) + "</dt><dd>" + textWithBreaks(i.value) + "</dd>";
        h += "</dl>\n";
    }
    void operator()(const Table &t)
    {
        const auto cls = [](ColumnKind k) {
            return k == ColumnKind::Text ? std::string() : std::string(" class=\"num\"");
        };
        h += "<div class=\"scroll\"><table>";
        if (!t.caption.empty())
            h += "<caption>" + escapeHtml(t.caption) + "</caption>";
        h += "<thead><tr>";
        for (const auto &c : t.columns)
            h += "<th" + cls(c.kind) + " scope=\"col\">" + escapeHtml(c.header) + "</th>";
        h += "</tr></thead><tbody>";
        for (const auto &row : t.rows) {
            h += "<tr>";
            for (std::size_t i = 0; i < row.size(); ++i) {
                const ColumnKind kind = i < t.columns.size() ? t.columns[i].kind : ColumnKind::Text;
                std::string classes = kind == ColumnKind::Text ? "" : "num";
                if (row[i].tone != CellTone::Neutral)
                    classes += row[i].tone == CellTone::Better ? " better" : " worse";
                h += classes.empty() ? "<td>" : "<td class=\"" + classes + "\">";
                h += escapeHtml(row[i].text) + "</td>";
            }
            h += "</tr>";
        }
        h += "</tbody></table></div>\n";
    }
    void operator()(const CodeBlock &c)
    {
        h += "<figure class=\"code\">";
        if (!c.caption.empty())
            h += "<figcaption>" + escapeHtml(c.caption) + "</figcaption>";
        h += "<pre><code>" + escapeHtml(c.text) + "</code></pre></figure>\n";
    }
    void operator()(const Chart &c)
    {
        h += "<figure class=\"chart\"><figcaption>" + escapeHtml(c.title) + "</figcaption>";
        h += renderChartSvg(c);
        h += "<ul class=\"legend\">";
        for (const auto &s : c.series)
            h += "<li><span class=\"sw\" style=\"background:" + seriesColour(s.colorIndex) + "\"></span>"
                 + escapeHtml(s.name) + "</li>";
        h += "</ul></figure>\n";
    }
    void operator()(const Image &i)
    {
        h += "<figure><img alt=\"" + escapeHtml(i.caption) + "\" src=\"data:" + safeMime(i.mimeType) + ";base64,"
             + base64(i.bytes) + "\">";
        if (!i.caption.empty())
            h += "<figcaption>" + escapeHtml(i.caption) + "</figcaption>";
        h += "</figure>\n";
    }
    void operator()(const ParallelCoordinates &c)
    {
        h += "<figure class=\"chart\"><figcaption>" + escapeHtml(c.title) + "</figcaption>";
        h += renderParallelSvg(c);
        h += "</figure>\n";
    }
    void operator()(const MissingNotice &m)
    {
        h += "<div class=\"missing\" role=\"note\"><strong>" + escapeHtml(m.what) + "</strong>: " + escapeHtml(m.why)
             + "</div>\n";
    }
};

} // namespace

std::string escapeHtml(const std::string &text)
{
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\0': break;
        default: out += c;
        }
    }
    return out;
}

std::string renderReportHtml(const Report &report)
{
    std::string h;
    h.reserve(1 << 16);
    std::string lang = report.language; // Qt's zh_CN is BCP 47's zh-CN
    std::replace(lang.begin(), lang.end(), '_', '-');
    h += "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(lang) + "\"><head><meta charset=\"utf-8\">";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    h += "<meta name=\"generator\" content=\"Seekbench " + escapeHtml(report.provenance.seekbenchVersion) + "\">";
    h += "<title>" + escapeHtml(report.title) + "</title><style>" + kStyle + "</style></head>\n<body>\n<header>";
    h += "<h1>" + escapeHtml(report.title) + "</h1>";
    if (!report.subtitle.empty() && report.subtitle != report.title)
        h += "<p class=\"subtitle\">" + escapeHtml(report.subtitle) + "</p>";
    if (!report.notes.empty())
        h += "<div class=\"notes\"><p>" + textWithBreaks(report.notes) + "</p></div>";
    h += "</header>\n";
    if (!report.sections.empty()) {
        h += "<nav class=\"toc\"><h2>" + escapeHtml(report.contentsTitle) + "</h2><ol>";
        for (const auto &s : report.sections)
            h += "<li><a href=\"#" + anchorOf(s.id) + "\">" + escapeHtml(s.title) + "</a></li>";
        h += "</ol></nav>\n";
    }
    h += "<main>\n";
    BlockWriter writer{h};
    for (const auto &s : report.sections) {
        h += "<section id=\"" + anchorOf(s.id) + "\"><h2>" + escapeHtml(s.title) + "</h2>\n";
        for (const auto &b : s.blocks)
            std::visit(writer, b);
        h += "</section>\n";
    }
    h += "</main>\n</body></html>\n";
    return h;
}

void writeReportHtml(const std::filesystem::path &file, const Report &report)
{
    const std::string html = renderReportHtml(report);
    AtomicFile out(file, "report");
    out.write(html);
    out.commit();
}

std::filesystem::path defaultReportPath(const Project &project, const Report &report,
                                        const std::vector<std::string> &runIds)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    std::string name = report.kind.empty() ? "report" : report.kind;
    if (!runIds.empty())
        name += "-" + runIds.front();
    return project.layout().reportsDir() / (name + "-" + stamp + ".html");
}

} // namespace seekbench::projects::report
