#pragma once

// The report dialog's live preview: the report built from the store and drawn by the PDF
// renderer (renderReportPages), page under page, scaled to the width of the view. The
// work runs off the GUI thread (QtConcurrent), 300 ms after the last change, one job at a
// time; a result is shown only when it answers the newest request, so a stale page never
// replaces a newer one.

#include "reports/report_pdf.h"
#include "reports/report_writing.h"

#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <QList>
#include <QScrollArea>

#include <memory>
#include <optional>

class QTimer;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class ReportPageStrip;

struct ReportPreviewJob
{
    std::shared_ptr<const projects::Project> project;
    ReportSubject subject; // runs or a sweep
    projects::report::ReportLabels labels;
    ReportPdfOptions options;
};

struct ReportPreviewResult
{
    QList<QImage> pages;
    QString error; // what the builder or the renderer threw; "" when the pages are there
    qint64 generation = 0;
    qint64 elapsedMs = 0;
};

class ReportPreview : public QScrollArea
{
    Q_OBJECT
public:
    explicit ReportPreview(QWidget *parent = nullptr);

    // Asks for the pages of `job`; the last request within the debounce wins.
    void request(ReportPreviewJob job);
    // Waiting for the debounce or a job: the pages shown may be older than the request.
    bool isBusy() const;
    const QList<QImage> &pages() const { return m_pages; }
    int pageCount() const { return int(m_pages.size()); }
    QString error() const { return m_error; }
    static constexpr int kDebounceMs = 300;

Q_SIGNALS:
    void started();
    // A request's result is shown: its pages, or `error` ("" when none).
    void updated(int pages, const QString &error, qint64 elapsedMs);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void startPending();
    void finished();
    void layoutPages();
    double zoomForWidth(const ReportPdfOptions &options) const;

    QTimer *m_debounce;
    QFutureWatcher<ReportPreviewResult> *m_watcher;
    ReportPageStrip *m_strip;
    std::optional<ReportPreviewJob> m_pending;
    std::optional<ReportPreviewJob> m_last; // drawn again at a sharper scale when the view grows
    double m_lastZoom = 0;
    qint64 m_requested = 0; // the newest request's generation
    QList<QImage> m_pages;
    QString m_error;
};

} // namespace seekbench::ui
