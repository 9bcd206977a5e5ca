#pragma once

// Runs > Report… and Sweeps > Report… (issue 24): a run report for one run, a comparison
// report for several, a sweep report for a sweep. Title, notes, baseline (runs) or the
// number of best trials (a sweep), section toggles, logo, format (PDF A4 or Letter, HTML)
// and the output file, with a live preview of the pages drawn by the PDF renderer. The
// report is built and written off the GUI thread. The choices are kept per project as a
// report template (reports/report-template.yaml, the same YAML `seekbench-cli report
// --template` reads), written when a report is saved and read back when the dialog opens;
// runs and sweeps share it, each keeping the choices the other kind's sections make.
// The form and the template: report_dialog_form.cpp.

#include "common/run_list.h"
#include "reports/report_pdf.h"
#include "reports/report_writing.h"

#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QMap>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QSplitter;
class QPushButton;
class QSpinBox;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class ReportPreview;

class ReportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Format { PdfA4, PdfLetter, Html };

    // `runIds`: one run (a run report) or several (a comparison); `projectRuns` fills the
    // baseline choice.
    ReportDialog(std::shared_ptr<const projects::Project> project, const RunList &projectRuns,
                 const QStringList &runIds, QWidget *parent = nullptr);
    // A sweep report on the sweep `sweepId` (named `sweepName` in the dialog's intro).
    ReportDialog(std::shared_ptr<const projects::Project> project, const QString &sweepId, const QString &sweepName,
                 QWidget *parent = nullptr);

    static QString templatePath(const QString &projectDir);

    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QComboBox *baselineBox() const { return m_baseline; }
    QSpinBox *topTrialsBox() const { return m_topTrials; } // a sweep's best trials
    QCheckBox *sectionBox(const QString &id) const { return m_sections.value(id); }
    QLineEdit *logoEdit() const { return m_logo; }
    QComboBox *formatBox() const { return m_format; }
    QLineEdit *outputEdit() const { return m_output; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *openButton() const { return m_open; }
    QLabel *messageLabel() const { return m_message; }
    ReportPreview *preview() const { return m_preview; }
    bool isComparison() const { return !isSweep() && m_runIds.size() > 1; }
    bool isSweep() const { return !m_sweepId.isEmpty(); }
    // What the report is of, with the choices made: what the preview and Save build.
    ReportSubject subject() const;
    bool isSaving() const;

    // Takes `file` as the logo (what Browse… does once a file is chosen): an image inside
    // the project is kept where it is, one outside is copied into reports/ first. False,
    // with the reason in the message line, when it is refused.
    bool chooseLogo(const QString &file);
    // Writes the report to the output file (what Save does).
    void save();

Q_SIGNALS:
    void saved(const QString &file);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    void buildForm(); // report_dialog_form.cpp, with the template's two
    void retranslate();
    void loadTemplate();
    QByteArray templateYaml() const;
    std::string kind() const; // run | comparison | sweep
    void schedulePreview();
    void previewUpdated(int pages, const QString &error, qint64 elapsedMs);
    void formatChanged();
    void updateLogoControls();
    void browseLogo();
    void browseOutput();
    void saveFinished();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool problem);
    QString outputFile() const;
    QString shownPath(const QString &file) const;
    Format format() const;
    ReportPdfOptions pdfOptions() const;

    std::shared_ptr<const projects::Project> m_project;
    QString m_projectDir;
    RunList m_runs;
    QStringList m_runIds;
    QString m_sweepId, m_sweepName; // a sweep report's
    projects::report::ReportLabels m_labels;
    std::optional<int> m_buckets;              // from the template, kept as it was
    bool m_baselineChosen = false;             // by the user or the template: the template keeps it
    std::optional<std::string> m_keptBaseline; // a sweep's template keeps the runs' baseline
    QString m_templateProblem;
    QLabel *m_intro, *m_titleLabel, *m_notesLabel, *m_baselineLabel, *m_topTrialsLabel, *m_logoLabel, *m_formatLabel,
        *m_outputLabel;
    QLabel *m_previewStatus, *m_message;
    QLineEdit *m_title, *m_logo, *m_output;
    QPlainTextEdit *m_notes;
    QComboBox *m_baseline, *m_format;
    QSpinBox *m_topTrials;
    QGroupBox *m_sectionsBox;
    QSplitter *m_split;
    QMap<QString, QCheckBox *> m_sections;
    QPushButton *m_logoBrowse, *m_logoClear, *m_outputBrowse, *m_save, *m_open;
    QProgressBar *m_busy;
    QDialogButtonBox *m_buttons;
    ReportPreview *m_preview;
    QFutureWatcher<ReportSaveResult> *m_saver;
    bool m_saving = false; // from save() until saveFinished() handled the result
    QString m_savedFile;
};

} // namespace seekbench::ui
