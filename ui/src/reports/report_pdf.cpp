#include "reports/report_pdf.h"

#include "reports/report_pdf_page.h"

#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace seekbench::ui {

namespace {

using namespace projects::report;
using reportpdf::PageFlow;

QString q(const std::string &s) { return QString::fromStdString(s); }

const QColor kText(0x1a, 0x1a, 0x1a), kMuted(0x5f, 0x5f, 0x5f), kRule(0xd0, 0xd0, 0xd0);

class Renderer
{
public:
    Renderer(PageFlow &flow, const Report &report, const QImage &logo) : m_flow(flow), m_report(report), m_logo(logo) {}

    // Draws (or, when measuring, only lays out) the whole report; returns each section's
    // first page.
    std::vector<int> run(const std::vector<int> &sectionPages)
    {
        titleBlock();
        contents(sectionPages);
        std::vector<int> pages;
        for (const Section &s : m_report.sections) {
            m_flow.ensure(70); // a heading never ends a page
            if (m_flow.y() > 0)
                m_flow.advance(10);
            pages.push_back(m_flow.page());
            heading(q(s.title), 13.5);
            for (const Block &b : s.blocks) {
                std::visit([this](const auto &block) { draw(block); }, b);
                m_flow.advance(7);
            }
        }
        m_flow.finish();
        return pages;
    }

private:
    void titleBlock()
    {
        const double logoSide = m_logo.isNull() ? 0 : 48;
        if (logoSide > 0 && m_flow.painting())
            m_flow.painter().drawImage(QRectF(m_flow.width() - logoSide, 0, logoSide, logoSide), m_logo);
        const double textWidth = m_flow.width() - (logoSide > 0 ? logoSide + 12 : 0);
        m_flow.flowText(q(m_report.title), m_flow.font(20, true), 0, textWidth, kText);
        m_flow.advance(4);
        if (!m_report.subtitle.empty() && m_report.subtitle != m_report.title)
            m_flow.flowText(q(m_report.subtitle), m_flow.font(10.5), 0, textWidth, kMuted);
        const Provenance &p = m_report.provenance;
        m_flow.flowText(QStringLiteral("Seekbench %1 (%2) · %3")
                            .arg(q(p.seekbenchVersion), q(p.gitCommit), q(p.generatedAt)),
                        m_flow.font(8), 0, textWidth, kMuted);
        m_flow.advance(std::max(0.0, logoSide - m_flow.y()) + 10);
    }

    void contents(const std::vector<int> &pages)
    {
        if (m_report.sections.empty())
            return;
        heading(q(m_report.contentsTitle), 12);
        const QFont f = m_flow.font(9.5);
        for (std::size_t i = 0; i < m_report.sections.size(); ++i) {
            const QString title = QStringLiteral("%1  %2").arg(i + 1).arg(q(m_report.sections[i].title));
            const double h = m_flow.measure(title, f, m_flow.width() - 40);
            m_flow.ensure(h + 2);
            const double y = m_flow.y();
            m_flow.textAt(title, f, 0, y, m_flow.width() - 40, kText);
            // The measuring pass has no page numbers yet; the same space is kept.
            const QString page = i < pages.size() ? QString::number(pages[i]) : QStringLiteral("000");
            m_flow.textAt(page, f, m_flow.width() - 40, y, 40, kText, Qt::AlignRight);
            if (m_flow.painting()) {
                m_flow.painter().setPen(QPen(kRule, 0.4, Qt::DotLine));
                m_flow.painter().drawLine(QPointF(0, y + h - 1), QPointF(m_flow.width() - 44, y + h - 1));
            }
            m_flow.advance(h + 2);
        }
        m_flow.advance(8);
    }

    void heading(const QString &text, double size)
    {
        m_flow.flowText(text, m_flow.font(size, true), 0, m_flow.width(), kText);
        if (m_flow.painting()) {
            m_flow.painter().setPen(QPen(kRule, 0.6));
            m_flow.painter().drawLine(QPointF(0, m_flow.y() + 1.5), QPointF(m_flow.width(), m_flow.y() + 1.5));
        }
        m_flow.advance(7);
    }

    void caption(const std::string &text)
    {
        if (!text.empty()) {
            m_flow.flowText(q(text), m_flow.font(9.5, true), 0, m_flow.width(), kText);
            m_flow.advance(3);
        }
    }

    void draw(const Paragraph &b) { m_flow.flowText(q(b.text), m_flow.font(9.5), 0, m_flow.width(), kText); }

    void draw(const KeyValueList &b)
    {
        caption(b.caption);
        const QFont key = m_flow.font(8.5, true), value = m_flow.font(8.5);
        const double keyWidth = m_flow.width() * 0.3, gap = 8;
        for (const KeyValue &kv : b.items) {
            const double h = std::max(m_flow.measure(q(kv.key), key, keyWidth),
                                      m_flow.measure(q(kv.value), value, m_flow.width() - keyWidth - gap));
            m_flow.ensure(h + 2);
            m_flow.textAt(q(kv.key), key, 0, m_flow.y(), keyWidth, kMuted);
            m_flow.textAt(q(kv.value), value, keyWidth + gap, m_flow.y(), m_flow.width() - keyWidth - gap, kText);
            m_flow.advance(h + 2);
        }
    }

    void draw(const Table &t)
    {
        caption(t.caption);
        if (t.columns.empty())
            return;
        const QFont head = m_flow.font(8, true), body = m_flow.font(8);
        // Column widths from their content, each at least a share of the page.
        std::vector<double> want(t.columns.size(), 0);
        const QFontMetricsF fm(body, m_flow.metricsDevice());
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            want[c] = QFontMetricsF(head, m_flow.metricsDevice()).horizontalAdvance(q(t.columns[c].header));
            for (const auto &row : t.rows)
                if (c < row.size())
                    want[c] = std::max(want[c], fm.horizontalAdvance(q(row[c].text)));
            want[c] = std::clamp(want[c] + 8, 30.0, m_flow.width() * 0.6);
        }
        double total = 0;
        for (double w : want)
            total += w;
        for (double &w : want)
            w *= m_flow.width() / total;
        const auto rowHeight = [&](const std::vector<QString> &cells, const QFont &f) {
            double h = 0;
            for (std::size_t c = 0; c < cells.size() && c < want.size(); ++c)
                h = std::max(h, m_flow.measure(cells[c], f, want[c] - 6));
            return h + 4;
        };
        std::vector<QString> headers;
        for (const TableColumn &c : t.columns)
            headers.push_back(q(c.header));
        const double headHeight = rowHeight(headers, head);
        const auto drawRow = [&](const std::vector<QString> &cells, const std::vector<CellTone> &tones, const QFont &f,
                                 double h, bool header) {
            double x = 0;
            if (m_flow.painting() && header)
                m_flow.painter().fillRect(QRectF(0, m_flow.y(), m_flow.width(), h), QColor(0xf0, 0xf2, 0xf5));
            for (std::size_t c = 0; c < cells.size() && c < want.size(); ++c) {
                const bool right = t.columns[c].kind != ColumnKind::Text;
                const CellTone tone = c < tones.size() ? tones[c] : CellTone::Neutral;
                const QColor colour = tone == CellTone::Better  ? QColor(0x1b, 0x7f, 0x3b)
                                      : tone == CellTone::Worse ? QColor(0xb4, 0x23, 0x18)
                                                                : kText;
                m_flow.textAt(cells[c], f, x + 3, m_flow.y() + 2, want[c] - 6, colour,
                              right ? Qt::AlignRight : Qt::AlignLeft);
                x += want[c];
            }
            if (m_flow.painting()) {
                m_flow.painter().setPen(QPen(kRule, 0.4));
                m_flow.painter().drawLine(QPointF(0, m_flow.y() + h), QPointF(m_flow.width(), m_flow.y() + h));
            }
            m_flow.advance(h);
        };
        m_flow.ensure(headHeight * 2);
        drawRow(headers, {}, head, headHeight, true);
        for (const auto &row : t.rows) {
            std::vector<QString> cells;
            std::vector<CellTone> tones;
            for (const TableCell &cell : row) {
                cells.push_back(q(cell.text));
                tones.push_back(cell.tone);
            }
            const double h = rowHeight(cells, body);
            const int before = m_flow.page();
            m_flow.ensure(h);
            if (m_flow.page() != before) // the header again at the top of the new page
                drawRow(headers, {}, head, headHeight, true);
            drawRow(cells, tones, body, h, false);
        }
    }

    void draw(const CodeBlock &b)
    {
        caption(b.caption);
        const QFont mono = m_flow.font(7.5, false, true);
        const QStringList lines = q(b.text).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            const QString shown = line.isEmpty() ? QStringLiteral(" ") : line;
            const double h = m_flow.measure(shown, mono, m_flow.width() - 12);
            m_flow.ensure(h);
            if (m_flow.painting())
                m_flow.painter().fillRect(QRectF(0, m_flow.y(), m_flow.width(), h), QColor(0xf6, 0xf7, 0xf9));
            m_flow.textAt(shown, mono, 6, m_flow.y(), m_flow.width() - 12, kText);
            m_flow.advance(h);
        }
    }

    void draw(const Chart &b)
    {
        if (std::any_of(b.series.begin(), b.series.end(), [](const ChartSeries &s) { return s.dots || s.stepped; }))
            reportpdf::drawDotChart(m_flow, b);
        else
            reportpdf::drawChart(m_flow, b);
    }
    void draw(const ParallelCoordinates &b) { reportpdf::drawParallelCoordinates(m_flow, b); }

    void draw(const Image &b)
    {
        QImage image;
        if (!image.loadFromData(reinterpret_cast<const uchar *>(b.bytes.data()), int(b.bytes.size()))) {
            draw(MissingNotice{b.caption, "the image could not be decoded"});
            return;
        }
        caption(b.caption);
        const double w = std::min(m_flow.width(), double(image.width()));
        const double h = std::min(w * image.height() / std::max(1, image.width()), 360.0);
        m_flow.ensure(h);
        if (m_flow.painting())
            m_flow.painter().drawImage(QRectF(0, m_flow.y(), h * image.width() / std::max(1, image.height()), h), image);
        m_flow.advance(h);
    }

    void draw(const MissingNotice &b)
    {
        const QString text = QStringLiteral("%1: %2").arg(q(b.what), q(b.why));
        const QFont f = m_flow.font(8.5);
        const double h = m_flow.measure(text, f, m_flow.width() - 16) + 8;
        m_flow.ensure(h);
        if (m_flow.painting()) {
            m_flow.painter().fillRect(QRectF(0, m_flow.y(), m_flow.width(), h), QColor(0xfd, 0xf3, 0xdc));
            m_flow.painter().fillRect(QRectF(0, m_flow.y(), 3, h), QColor(0xd9, 0x8e, 0x04));
        }
        m_flow.textAt(text, f, 10, m_flow.y() + 4, m_flow.width() - 16, QColor(0x6b, 0x45, 0x00));
        m_flow.advance(h);
    }

    PageFlow &m_flow;
    const Report &m_report;
    const QImage &m_logo;
};

QPageLayout pageLayout(const ReportPdfOptions &options)
{
    return QPageLayout(QPageSize(options.pageSize), QPageLayout::Portrait, QMarginsF(16, 16, 16, 12),
                       QPageLayout::Millimeter);
}

void setUp(QPdfWriter &writer, const Report &report, const ReportPdfOptions &options)
{
    writer.setResolution(72); // one unit is one point
    writer.setPageLayout(pageLayout(options));
    writer.setTitle(q(report.title));
    writer.setCreator(QStringLiteral("Seekbench %1").arg(q(report.provenance.seekbenchVersion)));
}

QImage loadLogo(const ReportPdfOptions &options)
{
    QImage logo;
    if (!options.logoFile.isEmpty() && !logo.load(options.logoFile))
        throw std::runtime_error(options.logoFile.toStdString() + ": the logo is not an image Qt can read");
    return logo;
}

bool isChinese(const Report &report) { return report.language.rfind("zh", 0) == 0; }

// The measuring pass: lays everything out without drawing, on a 72 dpi image's metrics
// (the PDF writer's are the same at 72 dpi). Returns each section's first page and the
// page count.
std::pair<std::vector<int>, int> measure(const Report &report, const ReportPdfOptions &options, const QImage &logo)
{
    QImage metrics(1, 1, QImage::Format_ARGB32_Premultiplied);
    metrics.setDotsPerMeterX(2835); // 72 dpi
    metrics.setDotsPerMeterY(2835);
    const QRectF area = pageLayout(options).paintRect(QPageLayout::Point);
    PageFlow flow(metrics, area.width(), area.height(), nullptr, {}, q(report.title), 0, isChinese(report));
    Renderer renderer(flow, report, logo);
    std::vector<int> pages = renderer.run({});
    return {pages, flow.page()};
}

} // namespace

int writeReportPdf(const QString &file, const Report &report, const ReportPdfOptions &options)
{
    const QImage logo = loadLogo(options);
    const auto [pages, total] = measure(report, options, logo);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw std::runtime_error(file.toStdString() + ": cannot write the report (" + out.errorString().toStdString()
                                 + ")");
    int drawn = 0;
    {
        QPdfWriter writer(&out);
        setUp(writer, report, options);
        QPainter painter(&writer);
        PageFlow flow(
            writer, writer.width(), writer.height(), &painter, [&writer] { writer.newPage(); }, q(report.title), total,
            isChinese(report));
        Renderer renderer(flow, report, logo);
        renderer.run(pages);
        drawn = flow.page();
        painter.end();
    }
    if (!out.commit())
        throw std::runtime_error(file.toStdString() + ": cannot write the report (" + out.errorString().toStdString()
                                 + ")");
    return drawn;
}

QList<QImage> renderReportPages(const Report &report, const ReportPdfOptions &options, double zoom)
{
    const QImage logo = loadLogo(options);
    const auto [pages, total] = measure(report, options, logo);
    const QPageLayout layout = pageLayout(options);
    const QRectF full = layout.fullRect(QPageLayout::Point), area = layout.paintRect(QPageLayout::Point);
    QImage metrics(1, 1, QImage::Format_ARGB32_Premultiplied);
    metrics.setDotsPerMeterX(2835);
    metrics.setDotsPerMeterY(2835);
    QList<QImage> images;
    QPainter painter;
    const auto begin = [&] {
        if (painter.isActive())
            painter.end();
        images.append(QImage((full.size() * zoom).toSize(), QImage::Format_ARGB32_Premultiplied));
        images.last().fill(Qt::white);
        painter.begin(&images.last());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(zoom, zoom);
        painter.translate(area.topLeft());
    };
    begin();
    PageFlow flow(metrics, area.width(), area.height(), &painter, begin, q(report.title), total, isChinese(report));
    Renderer renderer(flow, report, logo);
    renderer.run(pages);
    painter.end();
    return images;
}

} // namespace seekbench::ui
