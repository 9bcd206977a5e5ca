#include "reports/report_dialog.h"

#include "reports/report_labels_tr.h"
#include "reports/report_logo.h"
#include "reports/report_preview.h"
#include "reports/report_writing.h"

#include "seekbench/projects/project.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace seekbench::ui {

namespace {

namespace report = projects::report;

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

ReportDialog::ReportDialog(std::shared_ptr<const projects::Project> project, const RunList &projectRuns,
                           const QStringList &runIds, QWidget *parent)
    : QDialog(parent), m_project(std::move(project)), m_projectDir(q(m_project->dir().string())), m_runs(projectRuns),
      m_runIds(runIds), m_labels(translatedReportLabels()), m_saver(new QFutureWatcher<ReportSaveResult>(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    buildForm();
    loadTemplate();
    retranslate(); // and the first preview
    resize(1180, 780);
    m_split->setSizes({430, 750});
}

ReportDialog::ReportDialog(std::shared_ptr<const projects::Project> project, const QString &sweepId,
                           const QString &sweepName, QWidget *parent)
    : QDialog(parent), m_project(std::move(project)), m_projectDir(q(m_project->dir().string())), m_sweepId(sweepId),
      m_sweepName(sweepName), m_labels(translatedReportLabels()), m_saver(new QFutureWatcher<ReportSaveResult>(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    buildForm();
    loadTemplate();
    retranslate(); // and the first preview
    resize(1180, 780);
    m_split->setSizes({430, 750});
}

QString ReportDialog::templatePath(const QString &projectDir)
{
    return QDir(projectDir).filePath(QStringLiteral("reports/report-template.yaml"));
}

// Until saveFinished() has taken the result, not until the worker thread ends: the dialog's
// state changes on the GUI thread only.
bool ReportDialog::isSaving() const { return m_saving; }

ReportDialog::Format ReportDialog::format() const { return Format(m_format->currentData().toInt()); }

// Inside the project: relative to it, as reports/<kind>-<run>-<time>.pdf.
QString ReportDialog::shownPath(const QString &file) const
{
    const QString project = QDir::cleanPath(m_projectDir) + QLatin1Char('/');
    return file.startsWith(project) ? file.mid(project.size()) : QDir::toNativeSeparators(file);
}

QString ReportDialog::outputFile() const
{
    const QString text = m_output->text().trimmed();
    if (text.isEmpty())
        return text;
    return withReportSuffix(QDir::cleanPath(QDir(m_projectDir).absoluteFilePath(QDir::fromNativeSeparators(text))),
                            format() == Format::Html);
}

ReportPdfOptions ReportDialog::pdfOptions() const
{
    ReportPdfOptions o;
    o.pageSize = format() == Format::PdfLetter ? QPageSize::Letter : QPageSize::A4;
    if (!m_logo->text().isEmpty() && format() != Format::Html)
        o.logoFile = QDir(m_projectDir).filePath(m_logo->text());
    return o;
}

ReportSubject ReportDialog::subject() const
{
    std::map<std::string, bool> sections;
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        sections[it.key().toStdString()] = it.value()->isChecked();
    ReportSubject s;
    if (isSweep()) {
        report::SweepReportRequest r;
        r.sweepId = m_sweepId.toStdString();
        r.topTrials = m_topTrials->value();
        r.title = m_title->text().trimmed().toStdString();
        r.notes = m_notes->toPlainText().trimmed().toStdString();
        r.sections = std::move(sections);
        s.sweep = std::move(r);
        return s;
    }
    report::ReportRequest &r = s.runs;
    for (const QString &id : m_runIds)
        r.runIds.push_back(id.toStdString());
    r.baselineId = m_baseline->currentData().toString().toStdString();
    r.title = m_title->text().trimmed().toStdString();
    r.notes = m_notes->toPlainText().trimmed().toStdString();
    r.sections = std::move(sections);
    if (m_buckets)
        r.chartBuckets = *m_buckets;
    return s;
}

void ReportDialog::retranslate()
{
    setWindowTitle(isSweep() ? tr("Sweep report") : isComparison() ? tr("Comparison report") : tr("Run report"));
    if (isSweep()) {
        m_intro->setText(tr("A report on sweep <b>%1</b>: its best trials, the objective over the trials, parallel "
                            "coordinates and parameter importance, with the commands that recreate the sweep.")
                             .arg((m_sweepName.isEmpty() ? m_sweepId : m_sweepName).toHtmlEscaped()));
    } else if (isComparison()) {
        QStringList names;
        for (const QString &id : m_runIds) {
            const auto r = std::find_if(m_runs.begin(), m_runs.end(), [&](const auto &run) { return q(run.id) == id; });
            names << (r == m_runs.end() ? id : q(r->name)).toHtmlEscaped();
        }
        m_intro->setText(tr("A comparison of %n run(s) (%1): overlaid curves, the metrics against the baseline and "
                            "the config differences, with how every number was obtained.",
                            nullptr, int(m_runIds.size()))
                             .arg(names.join(QStringLiteral(", "))));
    } else {
        const auto r = std::find_if(m_runs.begin(), m_runs.end(),
                                    [&](const auto &run) { return q(run.id) == m_runIds.value(0); });
        m_intro->setText(tr("A report on run <b>%1</b> that a colleague can read without Seekbench, saying how every "
                            "number was obtained.")
                             .arg((r == m_runs.end() ? m_runIds.value(0) : q(r->name)).toHtmlEscaped()));
    }
    m_titleLabel->setText(tr("&Title:"));
    m_title->setPlaceholderText(isSweep()        ? tr("Default: the sweep's name")
                                : isComparison() ? tr("Default: comparison of the runs")
                                                 : tr("Default: the run's name"));
    m_notesLabel->setText(tr("&Notes:"));
    m_notes->setPlaceholderText(tr("Shown under the title"));
    m_baselineLabel->setText(tr("&Baseline:"));
    if (!isComparison())
        m_baseline->setItemText(0, tr("No baseline"));
    m_baseline->setToolTip(tr("The run the config is compared with (and, in a comparison, the metrics)."));
    m_topTrialsLabel->setText(tr("&Best trials:"));
    m_topTrials->setToolTip(tr("How many of the best trials the report's table lists."));
    m_sectionsBox->setTitle(tr("Sections"));
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        it.value()->setText(q(report::sections::title(m_labels, it.key().toStdString())));
    m_sections.value(QString::fromLatin1(report::sections::kProvenance))
        ->setToolTip(isSweep() ? tr("Every report says how its numbers were obtained: versions, the search space as "
                                    "created and the commands that recreate the sweep.")
                               : tr("Every report says how its numbers were obtained: versions, data fingerprint, "
                                    "checkpoint hash and the command that reproduces the run."));
    m_sections.value(QString::fromLatin1(report::sections::kNotes))
        ->setToolTip(tr("The run's own notes (Runs > Note…), when it has any."));
    m_logoLabel->setText(tr("&Logo:"));
    m_logo->setPlaceholderText(tr("None"));
    m_logoBrowse->setText(tr("Choose…"));
    m_logoClear->setText(tr("Clear"));
    m_formatLabel->setText(tr("&Format:"));
    m_format->setItemText(int(Format::PdfA4), tr("PDF, A4"));
    m_format->setItemText(int(Format::PdfLetter), tr("PDF, Letter"));
    m_format->setItemText(int(Format::Html), tr("HTML (one self-contained file)"));
    m_outputLabel->setText(tr("&Save as:"));
    m_outputBrowse->setText(tr("Browse…"));
    m_output->setToolTip(tr("A path relative to the project folder, or an absolute one."));
    m_save->setText(tr("&Save"));
    m_open->setText(tr("&Open report"));
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    if (!m_templateProblem.isEmpty())
        showMessage(tr("The report template %1 cannot be used, so the defaults are shown: %2. Saving a report "
                       "replaces it with these choices.")
                        .arg(QDir::toNativeSeparators(templatePath(m_projectDir)), m_templateProblem),
                    true);
    formatChanged();
}

void ReportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_labels = translatedReportLabels();
        retranslate();
        schedulePreview();
    }
    QDialog::changeEvent(event);
}

void ReportDialog::formatChanged()
{
    m_output->setText(withReportSuffix(m_output->text().trimmed(), format() == Format::Html));
    m_output->setCursorPosition(0); // the folder first: reports/...
    updateLogoControls();
    schedulePreview();
}

void ReportDialog::updateLogoControls()
{
    const bool html = format() == Format::Html;
    for (QWidget *w :
         {static_cast<QWidget *>(m_logo), static_cast<QWidget *>(m_logoBrowse), static_cast<QWidget *>(m_logoClear)})
        w->setEnabled(!html && !isSaving());
    m_logo->setToolTip(html ? tr("The logo is drawn on PDF reports; an HTML report has none.")
                            : tr("An image beside the title, kept inside the project folder."));
}

void ReportDialog::schedulePreview()
{
    if (!m_preview)
        return;
    m_preview->request({m_project, subject(), m_labels, pdfOptions()});
}

void ReportDialog::previewUpdated(int pages, const QString &error, qint64 elapsedMs)
{
    if (!error.isEmpty())
        m_previewStatus->setText(tr("The preview cannot be drawn: %1").arg(error));
    else
        m_previewStatus->setText(
            tr("%n page(s), drawn in %1 ms. The HTML file has the same content.", nullptr, pages).arg(elapsedMs));
}

void ReportDialog::browseLogo()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a logo"), m_projectDir,
                                                      tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.svg)"));
    if (!file.isEmpty())
        chooseLogo(file);
}

bool ReportDialog::chooseLogo(const QString &file)
{
    const ReportLogo logo = ReportLogoFiles::adopt(m_projectDir, file, !m_project->isWriteProtected());
    if (!logo.error.isEmpty()) {
        showMessage(logo.error, true);
        return false;
    }
    m_logo->setText(logo.relativePath);
    if (!logo.copiedTo.isEmpty())
        showMessage(tr("The logo was copied into the project as %1, so the report template can be shared with the "
                       "project.")
                        .arg(logo.relativePath),
                    false);
    else
        showMessage(QString(), false);
    schedulePreview();
    return true;
}

void ReportDialog::browseOutput()
{
    const bool html = format() == Format::Html;
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the report as"), outputFile(),
                                                      html ? tr("HTML files (*.html)") : tr("PDF files (*.pdf)"));
    if (!file.isEmpty())
        m_output->setText(shownPath(withReportSuffix(file, format() == Format::Html)));
}

void ReportDialog::save()
{
    if (isSaving())
        return;
    const QString file = outputFile();
    if (file.isEmpty()) {
        showMessage(tr("Choose the file to save the report as."), true);
        return;
    }
    if (QFileInfo::exists(file) && file != m_savedFile
        && QMessageBox::question(this, tr("Replace the file?"),
                                 tr("%1 exists. Replace it with this report?").arg(QDir::toNativeSeparators(file)))
               != QMessageBox::Yes)
        return;
    const QByteArray yaml = templateYaml();
    ReportPdfOptions options = pdfOptions();
    m_saving = true;
    setBusy(true);
    showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(file)), false);
    m_saver->setFuture(QtConcurrent::run(writeReportFiles, m_project, subject(), m_labels, options,
                                         format() == Format::Html, file, templatePath(m_projectDir), yaml));
}

void ReportDialog::saveFinished()
{
    const ReportSaveResult r = m_saver->result();
    m_saving = false;
    setBusy(false);
    if (!r.error.isEmpty()) {
        showMessage(tr("The report was not saved to %1: %2").arg(QDir::toNativeSeparators(r.file), r.error), true);
        return;
    }
    m_savedFile = r.file;
    m_templateProblem.clear();
    const QString size = QLocale().formattedDataSize(QFileInfo(r.file).size());
    QString text = r.pages > 0
                       ? tr("Saved %1 (%n page(s), %2).", nullptr, r.pages).arg(QDir::toNativeSeparators(r.file), size)
                       : tr("Saved %1 (%2).").arg(QDir::toNativeSeparators(r.file), size);
    if (!r.templateError.isEmpty())
        text += QLatin1Char(' ')
                + tr("The choices were not kept in %1: %2")
                      .arg(QDir::toNativeSeparators(templatePath(m_projectDir)), r.templateError);
    if (!r.recordError.isEmpty())
        text += QLatin1Char(' ') + tr("It is not listed in the project's reports: %1").arg(r.recordError);
    showMessage(text, !r.templateError.isEmpty() || !r.recordError.isEmpty());
    m_open->setVisible(true);
    Q_EMIT saved(r.file);
}

void ReportDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    for (QWidget *w :
         {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_notes), static_cast<QWidget *>(m_baseline),
          static_cast<QWidget *>(m_topTrials), static_cast<QWidget *>(m_sectionsBox), static_cast<QWidget *>(m_format),
          static_cast<QWidget *>(m_output), static_cast<QWidget *>(m_outputBrowse), static_cast<QWidget *>(m_save),
          static_cast<QWidget *>(m_buttons->button(QDialogButtonBox::Close))})
        w->setEnabled(!busy);
    if (busy)
        m_open->setVisible(false);
    updateLogoControls();
}

void ReportDialog::showMessage(const QString &text, bool problem)
{
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828") : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ReportDialog::reject()
{
    if (isSaving())
        return; // the write is atomic and short: the dialog closes once it is done
    QDialog::reject();
}

} // namespace seekbench::ui
