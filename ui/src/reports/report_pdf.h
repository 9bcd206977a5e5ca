#pragma once

// A report document (projects/report/report.h) as PDF: the renderer the desktop
// application and `seekbench-cli report --out FILE.pdf` share. Everything is drawn with
// QPainter on a QPdfWriter, so text is text (pdftotext finds it), charts are vector paths
// (the mean as a line over its min/max band), fonts are embedded (WenQuanYi Micro Hei for
// Chinese), and pages carry numbers; a table of contents with page numbers follows the
// title. The same Report renders to HTML (report_html.h), so the two never disagree.

#include "seekbench/projects/report/report.h"

#include <QImage>
#include <QList>
#include <QPageSize>
#include <QString>

namespace seekbench::ui {

struct ReportPdfOptions
{
    QPageSize::PageSizeId pageSize = QPageSize::A4; // A4 or Letter
    QString logoFile;                               // drawn beside the title; "" for none
};

// Writes the PDF atomically (QSaveFile: the old file or the new one, never half) and
// returns its page count. Throws std::runtime_error naming the file when it cannot be
// written, or the logo when it is not an image.
int writeReportPdf(const QString &file, const projects::report::Report &report, const ReportPdfOptions &options = {});

// The same pages as images, for the report dialog's live preview: drawn by the same code
// as the PDF, at `zoom` pixels per point (1 = 72 dpi). Throws as writeReportPdf for a
// logo that is not an image.
QList<QImage> renderReportPages(const projects::report::Report &report, const ReportPdfOptions &options = {},
                                double zoom = 1.0);

} // namespace seekbench::ui
