#include "aml/aml_report_writer.h"

#include "aml/aml_text.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {

QString utc(double ts)
{
    return QDateTime::fromSecsSinceEpoch(qint64(ts), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString q(const std::string &s) { return QString::fromStdString(s); }

// Lays text out down the page and starts a new page when the next block does not fit.
class PageCursor
{
public:
    PageCursor(QPdfWriter &writer, QPainter &p) : m_writer(writer), m_p(p)
    {
        m_area = QRectF(40, 40, writer.width() - 80, writer.height() - 80);
        m_y = m_area.top();
    }
    void newPage()
    {
        m_writer.newPage();
        m_y = m_area.top();
    }
    void ensure(double h)
    {
        if (m_y + h > m_area.bottom())
            newPage();
    }
    void text(const QString &s, int pointSize = 10, bool bold = false, double indent = 0)
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(pointSize);
        f.setBold(bold);
        m_p.setFont(f);
        const QRectF box(m_area.left() + indent, 0, m_area.width() - indent, 1e6);
        const QRectF need = m_p.boundingRect(box, Qt::TextWordWrap, s);
        ensure(need.height());
        m_p.setPen(Qt::black);
        m_p.drawText(QRectF(box.left(), m_y, box.width(), need.height() + 2), Qt::TextWordWrap, s);
        m_y += need.height() + 3;
    }
    void gap(double h) { m_y += h; }
    QRectF take(double h)
    {
        ensure(h);
        const QRectF r(m_area.left(), m_y, m_area.width(), h);
        m_y += h;
        return r;
    }

private:
    QPdfWriter &m_writer;
    QPainter &m_p;
    QRectF m_area;
    double m_y = 0;
};

// The frame is an outline: whatever brush the chart's marks left set must not fill it
// (issue 21: the transfers' orange brush once painted page 2's timeline solid).
void drawAxes(QPainter &p, const QRectF &r, double t0, double t1)
{
    p.setPen(QPen(Qt::gray, 0.6));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(7);
    p.setFont(f);
    p.setPen(Qt::black);
    p.drawText(QRectF(r.left(), r.bottom() + 2, 150, 12), Qt::AlignLeft, utc(t0));
    p.drawText(QRectF(r.right() - 150, r.bottom() + 2, 150, 12), Qt::AlignRight, utc(t1));
}

// Money in (up) and out (down) per day: vector bars.
void drawActivity(QPainter &p, const QRectF &r, const std::vector<projects::AmlActivityDay> &days, double markTs)
{
    if (days.empty())
        return;
    const double t0 = days.front().dayTs, t1 = days.back().dayTs + 86400;
    double top = 1;
    for (const auto &d : days)
        top = std::max({top, d.amountIn, d.amountOut});
    const double mid = r.center().y(), half = r.height() / 2 - 2, dayW = r.width() * 86400 / (t1 - t0);
    auto x = [&](double t) { return r.left() + (t - t0) / (t1 - t0) * r.width(); };
    for (const auto &d : days) {
        const double w = std::max(0.6, dayW * 0.8);
        p.fillRect(QRectF(x(d.dayTs), mid - half * d.amountIn / top, w, half * d.amountIn / top),
                   QColor(0x3b, 0x7d, 0xd8));
        p.fillRect(QRectF(x(d.dayTs), mid, w, half * d.amountOut / top), QColor(0xff, 0x8c, 0x1a));
    }
    p.setPen(QPen(Qt::gray, 0.5));
    p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid));
    if (markTs >= t0 && markTs <= t1) {
        p.setPen(QPen(QColor(0xd6, 0x27, 0x28), 1, Qt::DashLine));
        p.drawLine(QPointF(x(markTs), r.top()), QPointF(x(markTs), r.bottom()));
    }
    drawAxes(p, r, t0, t1);
}

// Each transfer of the account: time across, amount (log) up; the alerted one in red.
void drawTransfers(QPainter &p, const QRectF &r, const projects::AmlCase &c)
{
    const auto &txs = c.transactions;
    if (txs.empty())
        return;
    const double t0 = txs.front().ts, t1 = std::max(txs.back().ts, t0 + 1);
    double amax = 1;
    for (const auto &t : txs)
        amax = std::max(amax, t.amount);
    p.setRenderHint(QPainter::Antialiasing);
    for (const auto &t : txs) {
        const double x = r.left() + (t.ts - t0) / (t1 - t0) * r.width();
        const double y = r.bottom() - r.height() * std::log10(1 + t.amount) / std::log10(1 + amax);
        const bool hit = c.alert && t.id == c.alert->txId;
        p.setPen(Qt::NoPen);
        p.setBrush(hit                        ? QColor(0xd6, 0x27, 0x28)
                   : t.sender == c.account.id ? QColor(0xff, 0x8c, 0x1a)
                                              : QColor(0x3b, 0x7d, 0xd8));
        p.drawEllipse(QPointF(x, y), hit ? 4.0 : 2.0, hit ? 4.0 : 2.0);
    }
    drawAxes(p, r, t0, t1);
}

} // namespace

QString AmlReportWriter::checkTarget(const QString &path, const QString &suffix)
{
    if (path.trimmed().isEmpty())
        return tr("No file chosen for the report.");
    const QFileInfo info(path);
    if (info.suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        return tr("The report %1 must end in .%2.").arg(QDir::toNativeSeparators(path), suffix);
    const QFileInfo dir(info.absolutePath());
    if (!dir.isDir())
        return tr("Cannot write the report %1: the folder %2 does not exist.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(info.absolutePath()));
    if (!dir.isWritable() || (info.exists() && !info.isWritable()))
        return tr("Cannot write the report %1: permission denied.").arg(QDir::toNativeSeparators(path));
    return {};
}

QString AmlReportWriter::writeHtml(const AmlCaseData &data, const QString &path)
{
    if (QString e = checkTarget(path, QStringLiteral("html")); !e.isEmpty())
        return e;
    try {
        projects::writeReportFile(path.toStdString(), projects::amlCaseReportHtml(data.report));
    } catch (const std::exception &e) {
        return tr("Cannot write the report: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

QString AmlReportWriter::writePdf(const AmlCaseData &data, const QString &path)
{
    if (QString e = checkTarget(path, QStringLiteral("pdf")); !e.isEmpty())
        return e;
    const projects::AmlCase &c = data.report;
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72); // one unit = one point
    writer.setTitle(q(c.title()));
    writer.setCreator(QStringLiteral("Seekbench"));
    QPainter p;
    if (!p.begin(&writer))
        return tr("Cannot write the report %1.").arg(QDir::toNativeSeparators(path));
    PageCursor page(writer, p);
    // Page 1: who, why, what the analyst says.
    page.text(c.alert ? tr("Case report: alert #%1").arg(c.alert->id)
                      : tr("Case report: account %1").arg(q(c.account.name)),
              18, true);
    page.text(tr("Project %1; run %2; generated %3 UTC")
                  .arg(q(c.projectDir), c.runId.empty() ? tr("(none)") : q(c.runId),
                       QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
              8);
    page.gap(8);
    page.text(tr("Account"), 13, true);
    const QString label = c.account.label < 0 ? tr("unknown") : c.account.label ? tr("laundering") : tr("normal");
    page.text(tr("Name: %1").arg(q(c.account.name)), 10, false, 10);
    page.text(tr("Type: %1").arg(c.account.business ? tr("business") : tr("personal")), 10, false, 10);
    page.text(tr("Country: %1").arg(q(c.account.country)), 10, false, 10);
    page.text(tr("Label: %1").arg(label), 10, false, 10);
    page.text(tr("Account risk (graph model): %1")
                  .arg(c.accountScore ? QString::number(*c.accountScore, 'f', 4) : tr("-")),
              10, false, 10);
    page.gap(8);
    page.text(tr("Model score and reasons"), 13, true);
    if (c.alert) {
        page.text(tr("Score %1 against threshold %2 (model %3), severity %4, status %5.")
                      .arg(QString::number(c.alert->score, 'f', 4), QString::number(c.alert->threshold, 'f', 4),
                           AmlText::model(c.alert->model), AmlText::severity(c.alert->severity),
                           AmlText::status(c.alert->status)),
                  10, false, 10);
        for (const auto &r : c.reasons)
            page.text(QStringLiteral("• ") + AmlText::reason(r), 10, false, 20);
    } else {
        page.text(tr("No alert: the report covers the account's activity."), 10, false, 10);
    }
    page.gap(8);
    page.text(tr("Analyst's notes"), 13, true);
    page.text(c.notes.empty() ? tr("(none)") : q(c.notes), 10, false, 10);
    // Page 2: the charts, drawn as vectors.
    page.newPage();
    page.text(tr("Activity per day"), 13, true);
    page.text(tr("Blue: received, orange: sent; the dashed line is the alerted transfer."), 8);
    drawActivity(p, page.take(180).adjusted(0, 0, 0, -14), data.activity,
                 c.alert ? [&] {
                     for (const auto &t : c.transactions)
                         if (t.id == c.alert->txId)
                             return t.ts;
                     return -1.0;
                 }()
                         : -1.0);
    page.gap(10);
    page.text(tr("Timeline of the account's transactions"), 13, true);
    page.text(tr("Amount (log scale) over time; red: the alerted transfer."), 8);
    drawTransfers(p, page.take(200).adjusted(0, 0, 0, -14), c);
    // Then the chains and the transactions as text.
    page.newPage();
    page.text(tr("Traced fund chains"), 13, true);
    page.text(tr("%n chain(s) (6 hops, 72 h window, amount within 10 %)", nullptr, int(c.trace.chains.size()))
                  + (c.trace.truncated ? tr("; truncated at the frontier cap") : QString()),
              9);
    int n = 0;
    for (const auto &chain : c.trace.chains) {
        QString line = QStringLiteral("%1. %2%3: ")
                           .arg(++n)
                           .arg(chain.forward ? tr("forward") : tr("backward"),
                                chain.cycle ? tr(" (cycle)") : QString());
        bool first = true;
        for (const auto &h : chain.hops) {
            if (first)
                line += q(c.nameOf(h.from));
            first = false;
            line += QStringLiteral(" → %1 (%2, +%3 h)")
                        .arg(q(c.nameOf(h.to)), QString::number(h.amount, 'f', 2),
                             QString::number(h.delaySeconds / 3600, 'f', 1));
        }
        page.text(line, 9, false, 10);
    }
    page.gap(8);
    page.text(tr("Transactions"), 13, true);
    for (const auto &t : c.transactions) {
        const auto s = c.scores.find(t.id);
        const bool hit = c.alert && t.id == c.alert->txId;
        page.text(tr("%1  #%2  %3 → %4  %5 %6  %7  score %8%9")
                      .arg(utc(t.ts))
                      .arg(t.id)
                      .arg(q(t.senderName), q(t.receiverName), QString::number(t.amount, 'f', 2), q(t.currency),
                           q(t.channel), s == c.scores.end() ? tr("-") : QString::number(s->second, 'f', 4),
                           hit ? tr("  (alerted)") : QString()),
                  8, hit, 10);
    }
    if (!p.end())
        return tr("Cannot write the report %1.").arg(QDir::toNativeSeparators(path));
    return {};
}

} // namespace seekbench::ui
