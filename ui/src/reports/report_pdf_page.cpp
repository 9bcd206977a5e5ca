#include "reports/report_pdf_page.h"

#include <QTextLayout>

#include <algorithm>
#include <vector>

namespace seekbench::ui::reportpdf {

namespace {

constexpr double kFooterHeight = 22; // points kept free at the bottom for the page number

QString layoutText(QString text)
{
    text.replace(QLatin1Char('\n'), QChar(QChar::LineSeparator)); // QTextLayout breaks there
    return text;
}

// Lays text out into lines of width, each positioned under the previous one from y 0.
double layOut(QTextLayout &layout, double width, Qt::Alignment align)
{
    QTextOption option(align);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    double height = 0;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}

} // namespace

PageFlow::PageFlow(QPaintDevice &metrics, double width, double height, QPainter *painter,
                   std::function<void()> nextPage, const QString &footerTitle, int totalPages, bool chinese)
    : m_metrics(metrics), m_painter(painter), m_nextPage(std::move(nextPage)), m_footerTitle(footerTitle),
      m_totalPages(totalPages), m_chinese(chinese), m_width(width), m_height(height - kFooterHeight)
{}

void PageFlow::ensure(double h)
{
    if (m_y > 0 && m_y + h > m_height)
        newPage();
}

void PageFlow::newPage()
{
    if (painting()) {
        footer();
        m_nextPage();
    }
    ++m_page;
    m_y = 0;
}

void PageFlow::finish()
{
    if (painting())
        footer();
}

void PageFlow::footer()
{
    QPainter &p = *m_painter;
    const QFont f = font(7.5);
    const double top = m_height + 8;
    p.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.5));
    p.drawLine(QPointF(0, top - 4), QPointF(m_width, top - 4));
    textAt(m_footerTitle, f, 0, top, m_width * 0.75, QColor(0x66, 0x66, 0x66));
    const QString number = m_totalPages > 0 ? QStringLiteral("%1 / %2").arg(m_page).arg(m_totalPages)
                                            : QString::number(m_page);
    textAt(number, f, m_width * 0.75, top, m_width * 0.25, QColor(0x66, 0x66, 0x66), Qt::AlignRight);
}

QFont PageFlow::font(double pointSize, bool bold, bool mono) const
{
    QFont f;
    const QString cjk = mono ? QStringLiteral("WenQuanYi Micro Hei Mono") : QStringLiteral("WenQuanYi Micro Hei");
    const QString latin = mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans");
    // Chinese first in a zh_CN report, so Latin and Chinese share one face; both are
    // embedded (subset) by QPdfWriter.
    f.setFamilies(m_chinese ? QStringList{cjk, latin} : QStringList{latin, cjk});
    if (mono)
        f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    // No ligatures: text copied out of the PDF ("--config", a hash) must be what it says,
    // not "--conﬁg".
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

double PageFlow::measure(const QString &text, const QFont &font, double width) const
{
    QTextLayout layout(layoutText(text), font, &m_metrics);
    return layOut(layout, width, Qt::AlignLeft);
}

double PageFlow::naturalWidth(const QString &text, const QFont &font) const
{
    QTextLayout layout(layoutText(text), font, &m_metrics);
    layOut(layout, 1e6, Qt::AlignLeft);
    double w = 0;
    for (int i = 0; i < layout.lineCount(); ++i)
        w = std::max(w, double(layout.lineAt(i).naturalTextWidth()));
    return w;
}

void PageFlow::flowText(const QString &text, const QFont &font, double x, double width, const QColor &colour)
{
    QTextLayout layout(layoutText(text), font, &m_metrics);
    layOut(layout, width, Qt::AlignLeft);
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        ensure(line.height());
        if (painting()) {
            m_painter->setPen(colour);
            line.draw(m_painter, QPointF(x, m_y - line.y()));
        }
        m_y += line.height();
    }
}

double PageFlow::textAt(const QString &text, const QFont &font, double x, double y, double width, const QColor &colour,
                        Qt::Alignment align)
{
    QTextLayout layout(layoutText(text), font, &m_metrics);
    const double height = layOut(layout, width, align);
    if (painting()) {
        m_painter->setPen(colour);
        layout.draw(m_painter, QPointF(x, y));
    }
    return height;
}

} // namespace seekbench::ui::reportpdf
