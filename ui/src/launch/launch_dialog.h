#pragma once

#include "common/run_list.h"

#include <QDialog>
#include <QTimer>

class QComboBox;
class QDialogButtonBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;

namespace seekbench::ui {

class ConfigEditor;
class LaunchTargetPicker;
struct LaunchTarget;

// The way to launch a run (also for clone-and-edit): the hyperparameter editor
// (ConfigEditor: form and YAML, live validation and estimates, undo, diff) with presets
// (tiny, small, base, moe), a YAML file or a Hugging Face config.json to start from.
// While the config has problems Launch is disabled and the reasons are listed,
// translated. Unsaved edits are kept as a draft in the project's drafts/ folder and
// offered the next time the dialog opens. On accept the config is saved in the
// project's configs/ folder, which is what the run starts from.
class LaunchDialog : public QDialog
{
    Q_OBJECT
public:
    LaunchDialog(const QString &projectDir, QWidget *parent = nullptr);

    void loadFile(const QString &path);
    void loadPreset(const QString &name);
    bool importHfFile(const QString &path);
    void setConfigText(const QString &yaml, const QString &runName);
    // Earlier runs of the project, for the diff view (the one given is shown first).
    void setEarlierRuns(const RunList &runs, const QString &selectRunId = {});
    QString runName() const;
    // The saved config to launch (valid after accept()).
    QString savedConfigPath() const { return m_savedPath; }
    bool isValid() const { return m_valid; }
    QString problemsText() const;
    ConfigEditor *editor() const { return m_editor; }
    // Where the run trains (this machine, N local processes, a Slurm cluster).
    LaunchTarget target() const;
    LaunchTargetPicker *targetPicker() const { return m_where; }

    // Drafts: saved every `ms` while there are unsaved edits (default 5 s).
    void setDraftInterval(int ms) { m_draftTimer.setInterval(ms); }
    bool saveDraftNow();
    bool draftOffered() const;
    void restoreDraft();
    void discardDraft();

    // Writes `yaml` to the project's configs/ folder under a name made from `runName`
    // and the time; the path is what `seekbench-cli train --config` gets.
    static bool saveConfig(const QString &projectDir, const QString &runName, const QString &yaml, QString *savedPath,
                           QString *error);
    static QStringList presetNames();
    // A run's config snapshot: runs/<id>/config.yaml in the project (the GUI's run
    // listing leaves the YAML out), or the record's own copy when it has one.
    static QString runConfigYaml(const QString &projectDir, const seekbench::projects::RunRecord &run);

    void accept() override;
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void sourceChosen(int index);
    void check();
    void showDraftBanner();

    QString m_projectDir;
    QComboBox *m_source = nullptr;
    QLineEdit *m_name = nullptr;
    ConfigEditor *m_editor = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    LaunchTargetPicker *m_where = nullptr;
    QLabel *m_whereLabel = nullptr;
    QFrame *m_draftBanner = nullptr;
    QLabel *m_draftLabel = nullptr;
    QPushButton *m_restoreDraft = nullptr;
    QPushButton *m_discardDraft = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_redo = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_launch = nullptr;
    QTimer m_draftTimer;
    QString m_savedPath;
    bool m_valid = false;
    bool m_nameAuto = true; // the name follows the loaded config until the user types one
    bool m_dirty = false;   // edits since the last draft
    bool m_loading = false; // programmatic loads are not edits
};

} // namespace seekbench::ui
