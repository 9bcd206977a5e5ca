// The report dialog's form (its widgets, layout and connections) and its report template:
// read when the dialog opens, written with each saved report. The rest is report_dialog.cpp.
#include "reports/report_dialog.h"

#include "reports/report_logo.h"
#include "reports/report_preview.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_template.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace seekbench::ui {

namespace {

namespace report = projects::report;

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

std::string ReportDialog::kind() const { return isSweep() ? "sweep" : isComparison() ? "comparison" : "run"; }

void ReportDialog::buildForm()
{
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
    m_topTrials = new QSpinBox(this);
    m_topTrials->setObjectName(QStringLiteral("reportTopTrials"));
    m_topTrials->setRange(1, 100);
    m_topTrials->setValue(report::SweepReportRequest{}.topTrials);
    m_titleLabel = label(m_title);
    m_notesLabel = label(m_notes);
    m_baselineLabel = label(m_baseline);
    m_topTrialsLabel = label(m_topTrials);

    m_sectionsBox = new QGroupBox(this);
    auto *grid = new QGridLayout(m_sectionsBox);
    int shown = 0;
    // Every section a template may name has a box, so that a template's choice for a
    // section this kind of report lacks is kept when the dialog saves it; only this kind's
    // boxes are shown.
    const auto &applicable = report::sections::ofKind(kind());
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
    // reports/<kind>-<first run or the sweep>-<time>.pdf, as the CLI names it.
    report::Report kindOnly;
    kindOnly.kind = kind();
    std::vector<std::string> ids;
    if (isSweep())
        ids.push_back(m_sweepId.toStdString());
    for (const QString &id : m_runIds)
        ids.push_back(id.toStdString());
    m_output->setText(shownPath(
        withReportSuffix(q(report::defaultReportPath(*m_project, kindOnly, ids).string()), format() == Format::Html)));

    auto *form = new QFormLayout;
    form->addRow(m_titleLabel, m_title);
    form->addRow(m_notesLabel, m_notes);
    // A sweep has no baseline; a run report has no best trials.
    if (isSweep()) {
        form->addRow(m_topTrialsLabel, m_topTrials);
        m_baselineLabel->hide();
        m_baseline->hide();
    } else {
        form->addRow(m_baselineLabel, m_baseline);
        m_topTrialsLabel->hide();
        m_topTrials->hide();
    }
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
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->addWidget(left);
    m_split->addWidget(right);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);

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
    layout->addWidget(m_split, 1);
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
    connect(m_topTrials, &QSpinBox::valueChanged, this, &ReportDialog::schedulePreview);
    for (QCheckBox *box : std::as_const(m_sections))
        connect(box, &QCheckBox::toggled, this, &ReportDialog::schedulePreview);
    connect(m_preview, &ReportPreview::started, this, [this] { m_previewStatus->setText(tr("Updating the preview…")); });
    connect(m_preview, &ReportPreview::updated, this, &ReportDialog::previewUpdated);
    connect(m_saver, &QFutureWatcherBase::finished, this, &ReportDialog::saveFinished);
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
    if (t.baseline && isSweep()) {
        m_keptBaseline = t.baseline; // the runs' choice: a sweep has none
    } else if (t.baseline) {
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

// The choices as the template keeps them; "" for a project this user cannot write.
QByteArray ReportDialog::templateYaml() const
{
    if (m_project->isWriteProtected())
        return {};
    report::ReportTemplate t;
    if (!m_title->text().trimmed().isEmpty())
        t.title = m_title->text().trimmed().toStdString();
    if (!m_notes->toPlainText().trimmed().isEmpty())
        t.notes = m_notes->toPlainText().trimmed().toStdString();
    if (isSweep())
        t.baseline = m_keptBaseline;
    else if (m_baselineChosen && !m_baseline->currentData().toString().isEmpty())
        t.baseline = m_baseline->currentData().toString().toStdString();
    if (!m_logo->text().isEmpty())
        t.logo = m_logo->text().toStdString();
    t.buckets = m_buckets;
    // Every box, shown or not: the other kind's sections keep what the template said.
    for (auto it = m_sections.cbegin(); it != m_sections.cend(); ++it)
        if (it.key() != QLatin1String(report::sections::kProvenance)) // always on
            t.sections[it.key().toStdString()] = it.value()->isChecked();
    return QByteArray::fromStdString(report::reportTemplateYaml(t));
}

} // namespace seekbench::ui
