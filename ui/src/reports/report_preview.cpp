#include "reports/report_preview.h"

#include "seekbench/projects/project.h"

#include <QPainter>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {

constexpr int kMargin = 12, kGap = 12;

ReportPreviewResult renderPreview(const ReportPreviewJob &job, double zoom, qint64 generation)
{
    ReportPreviewResult out;
    out.generation = generation;
    QElapsedTimer clock;
    clock.start();
    try {
        const auto report = buildReportOf(*job.project, job.subject, job.labels);
        out.pages = renderReportPages(report, job.options, zoom);
    } catch (const std::exception &e) {
        out.error = QString::fromUtf8(e.what());
    }
    out.elapsedMs = clock.elapsed();
    return out;
}

double pageWidthPoints(const ReportPdfOptions &options)
{
    return QPageSize(options.pageSize).size(QPageSize::Point).width();
}

} // namespace

// The pages, each scaled to the strip's width (less the margins), on the dark backdrop
// of a print preview so the white paper stands out in both themes.
class ReportPageStrip : public QWidget
{
public:
    explicit ReportPageStrip(QWidget *parent) : QWidget(parent)
    {
        setObjectName(QStringLiteral("reportPreviewPages"));
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

    void setPages(const QList<QImage> &pages, const QString &text)
    {
        m_pages = pages;
        m_text = text;
        update();
    }

    int heightFor(int width) const
    {
        const int pageWidth = std::max(1, width - 2 * kMargin);
        int h = kMargin;
        for (const QImage &p : m_pages)
            h += int(std::ceil(double(p.height()) / std::max(1, p.width()) * pageWidth)) + kGap;
        return std::max(h + kMargin - kGap, 0);
    }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QPainter painter(this);
        painter.fillRect(event->rect(), palette().color(QPalette::Dark));
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        if (m_pages.isEmpty()) {
            painter.setPen(palette().color(QPalette::BrightText));
            painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                             m_text);
            return;
        }
        const int pageWidth = std::max(1, width() - 2 * kMargin);
        int y = kMargin;
        for (const QImage &p : m_pages) {
            const int h = int(std::ceil(double(p.height()) / std::max(1, p.width()) * pageWidth));
            const QRect target(kMargin, y, pageWidth, h);
            if (target.intersects(event->rect())) {
                painter.fillRect(target.translated(2, 2), QColor(0, 0, 0, 70)); // a shadow under the paper
                painter.drawImage(target, p);
            }
            y += h + kGap;
        }
    }

private:
    QList<QImage> m_pages;
    QString m_text;
};

ReportPreview::ReportPreview(QWidget *parent)
    : QScrollArea(parent), m_debounce(new QTimer(this)), m_watcher(new QFutureWatcher<ReportPreviewResult>(this)),
      m_strip(new ReportPageStrip(this))
{
    setObjectName(QStringLiteral("reportPreview"));
    setWidget(m_strip);
    setWidgetResizable(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // its width never changes the pages' scale
    setBackgroundRole(QPalette::Dark);
    verticalScrollBar()->setSingleStep(40);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ReportPreview::startPending);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &ReportPreview::finished);
    layoutPages();
}

void ReportPreview::request(ReportPreviewJob job)
{
    m_pending = std::move(job);
    ++m_requested;
    m_debounce->start();
}

bool ReportPreview::isBusy() const { return m_debounce->isActive() || m_watcher->isRunning() || m_pending; }

void ReportPreview::startPending()
{
    if (!m_pending || m_watcher->isRunning())
        return; // one job at a time: finished() starts the pending one
    const ReportPreviewJob job = std::move(*m_pending);
    m_pending.reset();
    m_last = job;
    const double zoom = zoomForWidth(job.options);
    m_lastZoom = zoom;
    Q_EMIT started();
    m_watcher->setFuture(QtConcurrent::run(renderPreview, job, zoom, m_requested));
}

void ReportPreview::finished()
{
    ReportPreviewResult r = m_watcher->result();
    if (m_pending) { // a newer request came while this one was drawn: drop it, draw that one
        if (!m_debounce->isActive())
            startPending();
        return;
    }
    if (r.generation != m_requested)
        return;
    m_pages = std::move(r.pages);
    for (QImage &p : m_pages)
        p.setDevicePixelRatio(devicePixelRatioF());
    m_error = r.error;
    m_strip->setPages(m_pages, m_error);
    layoutPages();
    Q_EMIT updated(pageCount(), m_error, r.elapsedMs);
}

double ReportPreview::zoomForWidth(const ReportPdfOptions &options) const
{
    const double pixels = std::max(200, viewport()->width() - 2 * kMargin) * devicePixelRatioF();
    return std::clamp(pixels / pageWidthPoints(options), 0.4, 4.0);
}

void ReportPreview::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    layoutPages();
    // Pages drawn for a narrower view blur when stretched: draw them again for this width.
    if (m_last && !m_pending && m_lastZoom > 0 && zoomForWidth(m_last->options) > m_lastZoom * 1.15)
        request(*m_last);
}

void ReportPreview::layoutPages()
{
    const int w = viewport()->width();
    m_strip->resize(w, std::max(m_strip->heightFor(w), viewport()->height()));
}

} // namespace seekbench::ui
