#pragma once

#include "launch/run_launcher.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace seekbench::ui {

class CliClient;

// "Where": this machine, N data-parallel processes on it, or a Slurm cluster from a
// profile saved in the project's clusters/ folder, with the job script shown before
// anything is submitted (`seekbench-cli slurm script --json`, run off the GUI thread).
class LaunchTargetPicker : public QWidget
{
    Q_OBJECT
public:
    // `configText` gives the YAML to preview a job script for.
    LaunchTargetPicker(const QString &projectDir, std::function<QString()> configText, QWidget *parent = nullptr);

    LaunchTarget target() const;
    void setTarget(const LaunchTarget &target);
    // Empty when the choice can launch; else why not (translated).
    QString problem() const;
    // The last script preview (the sbatch arguments and the script), for tests.
    QString lastPreview() const { return m_lastPreview; }

public Q_SLOTS:
    void previewScript();

Q_SIGNALS:
    void changed();
    void previewReady(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateVisibility();

    QString m_projectDir;
    std::function<QString()> m_configText;
    CliClient *m_cli;
    QComboBox *m_kind = nullptr;
    QSpinBox *m_processes = nullptr;
    QComboBox *m_profile = nullptr;
    QPushButton *m_preview = nullptr;
    QLabel *m_hint = nullptr;
    QString m_lastPreview;
};

} // namespace seekbench::ui
