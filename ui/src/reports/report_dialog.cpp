#include "reports/report_dialog.h"

#include "reports/report_labels_tr.h"
#include "reports/report_logo.h"
#include "reports/report_preview.h"
#include "reports/report_writing.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_template.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>
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
    auto label = [this](QWidget *buddy) {
        auto *l = new QLabel(this);
        l->setBuddy(buddy);
        return l;
    };
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("reportNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 4 + 12);
    m_baseline = new QComboBox(this);
    m_baseline->setObjectName(QStringLiteral("reportBaseline"));
    m_baseline->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baseline->setMinimumContentsLength(20);
    if (!isComparison())
        m_baseline->addItem(QString(), QString()); // "No baseline"
    for (const auto &r : m_runs)
        if (isComparison() || QString::fromStdString(r.id) != m_runIds.value(0))
            m_baseline->addItem(QStringLiteral("%1 (%2)").arg(q(r.name), q(r.id)), q(r.id));
    if (isComparison())
        m_baseline->setCurrentIndex(std::max(0, m_baseline->findData(m_runIds.front())));
    m_titleLabel = label(m_title);
    m_notesLabel = label(m_notes);
    m_baselineLabel = label(m_baseline);

    m_sectionsBox = new QGroupBox(this);
    auto *grid = new QGridLayout(m_sectionsBox);
    int shown = 0;
    // Every section a template may name has a box, so that a template's choice for a
    // section this kind of report lacks is kept when the dialog saves it; only this kind's
    // boxes are shown.
    const auto &applicable = report::sections::ofKind(isComparison() ? "comparison" : "run");
    for (const std::string &id : report::sections::all()) {
        auto *box = new QCheckBox(m_sectionsBox);
        box->setObjectName(QStringLiteral("reportSection_") + q(id));
        box->setChecked(true);
        m_sections.insert(q(id), box);
        if (id == report::sections::kProvenance)
            box->setEnabled(false); // every report says how its numbers were obtained
        if (std::find(applicable.begin(), applicable.end(), id) == applicable.end()) {
            box->hide();
            continue;
        }
        grid->addWidget(box, shown / 2, shown % 2);
        ++shown;
    }

    m_logo = new QLineEdit(this);
    m_logo->setObjectName(QStringLiteral("reportLogo"));
    m_logo->setReadOnly(true);
    m_logoBrowse = new QPushButton(this);
    m_logoClear = new QPushButton(this);
    m_logoClear->setObjectName(QStringLiteral("reportLogoClear"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("reportFormat"));
    for (int i = 0; i < 3; ++i)
        m_format->addItem(QString(), i);
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem)
        m_format->setCurrentIndex(int(Format::PdfLetter));
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("reportOutput"));
    m_outputBrowse = new QPushButton(this);
    m_logoLabel = label(m_logo);
    m_formatLabel = label(m_format);
    m_outputLabel = label(m_output);
    report::Report kindOnly;
    kindOnly.kind = isComparison() ? "comparison" : "run";
    std::vector<std::string> ids;
    for (const QString &id : m_runIds)
        ids.push_back(id.toStdString());
    m_output->setText(shownPath(
        withReportSuffix(q(report::defaultReportPath(*m_project, kindOnly, ids).string()), format() == Format::Html)));

    auto *form = new QFormLayout;
    form->addRow(m_titleLabel, m_title);
    form->addRow(m_notesLabel, m_notes);
    form->addRow(m_baselineLabel, m_baseline);
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logo, 1);
    logoRow->addWidget(m_logoBrowse);
    logoRow->addWidget(m_logoClear);
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_outputBrowse);
    auto *form2 = new QFormLayout;
    form2->addRow(m_logoLabel, logoRow);
    form2->addRow(m_formatLabel, m_format);
    form2->addRow(m_outputLabel, outputRow);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_intro);
    leftLayout->addLayout(form);
    leftLayout->addWidget(m_sectionsBox);
    leftLayout->addLayout(form2);
    leftLayout->addStretch(1);

    m_preview = new ReportPreview(this);
    m_previewStatus = new QLabel(this);
    m_previewStatus->setObjectName(QStringLiteral("reportPreviewStatus"));
    m_previewStatus->setWordWrap(true);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_preview, 1);
    rightLayout->addWidget(m_previewStatus);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setVisible(false);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide(); // until there is something to say
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("reportSave"));
    m_save->setDefault(true);
    m_open = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("reportOpen"));
    m_open->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_busy);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReportDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ReportDialog::save);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_savedFile)))
            showMessage(tr("No application opens %1.").arg(QDir::toNativeSeparators(m_savedFile)), true);
    });
    connect(m_logoBrowse, &QPushButton::clicked, this, &ReportDialog::browseLogo);
    connect(m_logoClear, &QPushButton::clicked, this, [this] {
        m_logo->clear();
        schedulePreview();
    });
    connect(m_outputBrowse, &QPushButton::clicked, this, &ReportDialog::browseOutput);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ReportDialog::formatChanged);
    connect(m_title, &QLineEdit::textChanged, this, &ReportDialog::schedulePreview);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &ReportDialog::schedulePreview);
    connect(m_baseline, &QComboBox::currentIndexChanged, this, &ReportDialog::schedulePreview);
    connect(m_baseline, &QComboBox::activated, this, [this] { m_baselineChosen = true; });
    for (QCheckBox *box : std::as_const(m_sections))
        connect(box, &QCheckBox::toggled, this, &ReportDialog::schedulePreview);
    connect(m_preview, &ReportPreview::started, this, [this] { m_previewStatus->setText(tr("Updating the preview…")); });
    connect(m_preview, &ReportPreview::updated, this, &ReportDialog::previewUpdated);
    connect(m_saver, &QFutureWatcherBase::finished, this, &ReportDialog::saveFinished);

    loadTemplate();
    retranslate(); // and the first preview
    resize(1180, 780);
    split->setSizes({430, 750});
}

QString ReportDialog::templatePath(const QString &projectDir)
{
    return QDir(projectDir).filePath(QStringLiteral("reports/report-template.yaml"));
}

bool ReportDialog::isSaving() const { return m_saver->isRunning(); }

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

report::ReportRequest ReportDialog::request() const
{
    report::ReportRequest r;
    for (const QString &id : m_runIds)
        r.runIds.push_back(id.toStdString());
    r.baselineId = m_baseline->currentData().toString().toStdString();
    r.title = m_title->text().trimmed().toStdString();
    r.notes = m_notes->toPlainText().trimmed().toStdString();
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        r.sections[it.key().toStdString()] = it.value()->isChecked();
    if (m_buckets)
        r.chartBuckets = *m_buckets;
    return r;
}

void ReportDialog::loadTemplate()
{
    const QString file = templatePath(m_projectDir);
    if (!QFileInfo::exists(file))
        return;
    report::ReportTemplate t;
    try {
        t = report::loadReportTemplate(file.toStdString());
    } catch (const std::exception &e) {
        m_templateProblem = QString::fromUtf8(e.what());
        return; // the defaults stay
    }
    if (t.title)
        m_title->setText(q(*t.title));
    if (t.notes)
        m_notes->setPlainText(q(*t.notes).trimmed()); // a YAML literal block ends with a newline
    if (t.baseline) {
        // A comparison keeps to the runs chosen; a run report takes any other run.
        const QString id = q(*t.baseline);
        const int at = m_baseline->findData(id);
        if (at >= 0 && (!isComparison() || m_runIds.contains(id))) {
            m_baseline->setCurrentIndex(at);
            m_baselineChosen = true;
        }
    }
    for (const auto &[id, on] : t.sections)
        if (QCheckBox *box = m_sections.value(q(id)); box && box->isEnabled())
            box->setChecked(on);
    m_buckets = t.buckets;
    if (t.logo) {
        QString why;
        if (!ReportLogoFiles::resolve(m_projectDir, q(*t.logo), &why).isEmpty())
            m_logo->setText(q(*t.logo));
        else
            m_templateProblem = why;
    }
}

void ReportDialog::retranslate()
{
    setWindowTitle(isComparison() ? tr("Comparison report") : tr("Run report"));
    if (isComparison()) {
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
    m_title->setPlaceholderText(isComparison() ? tr("Default: comparison of the runs") : tr("Default: the run's name"));
    m_notesLabel->setText(tr("&Notes:"));
    m_notes->setPlaceholderText(tr("Shown under the title"));
    m_baselineLabel->setText(tr("&Baseline:"));
    if (!isComparison())
        m_baseline->setItemText(0, tr("No baseline"));
    m_baseline->setToolTip(tr("The run the config is compared with (and, in a comparison, the metrics)."));
    m_sectionsBox->setTitle(tr("Sections"));
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        it.value()->setText(q(report::sections::title(m_labels, it.key().toStdString())));
    m_sections.value(QString::fromLatin1(report::sections::kProvenance))
        ->setToolTip(tr("Every report says how its numbers were obtained: versions, data fingerprint, checkpoint hash "
                        "and the command that reproduces the run."));
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
    m_preview->request({m_project, request(), m_labels, pdfOptions()});
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
    report::ReportTemplate t;
    if (!m_title->text().trimmed().isEmpty())
        t.title = m_title->text().trimmed().toStdString();
    if (!m_notes->toPlainText().trimmed().isEmpty())
        t.notes = m_notes->toPlainText().trimmed().toStdString();
    if (m_baselineChosen && !m_baseline->currentData().toString().isEmpty())
        t.baseline = m_baseline->currentData().toString().toStdString();
    if (!m_logo->text().isEmpty())
        t.logo = m_logo->text().toStdString();
    t.buckets = m_buckets;
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        if (it.key() != QLatin1String(report::sections::kProvenance)) // always on
            t.sections[it.key().toStdString()] = it.value()->isChecked();
    const QByteArray yaml = m_project->isWriteProtected() ? QByteArray()
                                                          : QByteArray::fromStdString(report::reportTemplateYaml(t));
    ReportPdfOptions options = pdfOptions();
    setBusy(true);
    showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(file)), false);
    m_saver->setFuture(QtConcurrent::run(writeReportFiles, m_project, request(), m_labels, options,
                                         format() == Format::Html, file, templatePath(m_projectDir), yaml));
}

void ReportDialog::saveFinished()
{
    const ReportSaveResult r = m_saver->result();
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
          static_cast<QWidget *>(m_sectionsBox), static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_output),
          static_cast<QWidget *>(m_outputBrowse), static_cast<QWidget *>(m_save),
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
