#pragma once

// Run > Export model…: a run's checkpoint written as model files through `seekbench-cli
// export` (issue 23), with a busy bar while it runs, Cancel, and the files it wrote (or
// the CLI's error) when it ends. The files are recorded as the run's artifacts, which the
// run view's Files tab lists.

#include "seekbench/projects/run_record.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace seekbench::ui {

class CliCall;
class CliClient;

class ExportModelDialog : public QDialog
{
    Q_OBJECT
public:
    ExportModelDialog(const QString &projectDir, const projects::RunRecord &run, QWidget *parent = nullptr);

    QComboBox *formatBox() const { return m_format; }
    QCheckBox *int8Box() const { return m_int8; }
    QComboBox *checkpointBox() const { return m_checkpoint; }
    QPushButton *exportButton() const { return m_exportButton; }
    QLabel *resultLabel() const { return m_result; }
    bool isExporting() const;

Q_SIGNALS:
    // The export ended and wrote its files (the run's artifacts changed).
    void exported(const QString &runId);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    void retranslate();
    void startExport();
    void updateHint();
    QString int8Summary(const QByteArray &json) const;

    QString m_projectDir;
    projects::RunRecord m_run;
    CliClient *m_cli;
    QPointer<CliCall> m_call;
    QLabel *m_intro, *m_formatLabel, *m_checkpointLabel, *m_folderLabel, *m_hint, *m_result;
    QComboBox *m_format, *m_checkpoint;
    QCheckBox *m_int8;
    QLineEdit *m_folder;
    QProgressBar *m_busy;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
};

} // namespace seekbench::ui
