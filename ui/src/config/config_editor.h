#pragma once

#include "common/run_list.h"
#include "seekbench/config/config_issue.h"
#include "seekbench/config/run_config.h"
#include "seekbench/config/validation.h"

#include <QHash>

#include <QWidget>
#include <functional>

class QAction;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QTabWidget;

namespace seekbench {
struct ConfigField;
}

namespace seekbench::ui {

class ConfigDiffModel;
class ConfigDiffView;
class ConfigDocument;
class EstimatesPanel;

// The hyperparameter editor: a form generated from core_api's config schema (grouped,
// with the schema's descriptions as tooltips) and a YAML view of the same config, kept
// in sync both ways; validation on every change with the same rules as
// `seekbench-cli validate`, each problem shown, translated, at its field; live
// estimates; undo/redo (one command per field change); and a diff against an earlier
// run's config. Launching is the host's job (LaunchDialog).
class ConfigEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ConfigEditor(QWidget *parent = nullptr);

    ConfigDocument *document() const { return m_doc; }
    EstimatesPanel *estimates() const { return m_estimates; }
    ConfigDiffModel *diffModel() const;
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }

    // What fp16 and CUDA validation assume; machineCapabilities() by default.
    void setCapabilities(const seekbench::BuildCapabilities &caps);
    seekbench::BuildCapabilities capabilities() const { return m_caps; }

    // Shows `yaml` in the YAML view and, when it parses, in the form. `undoable`: one
    // command on the stack; otherwise the editor starts over from it (stack cleared).
    void setYamlText(const QString &yaml, bool undoable);
    QString yamlText() const;
    // Replaces the model's architecture with a Hugging Face config.json's; the head,
    // data and training stay. `report` lists what was imported and what was not.
    bool importHfConfig(const QString &jsonText, QString *report);

    bool isValid() const { return m_valid; }
    // Every problem, translated, each prefixed with its key.
    QStringList problems() const;
    const seekbench::ConfigIssues &issues() const { return m_issues; }
    // The message shown at a field ("" when it has none), and the field's editor.
    QString fieldProblem(const QString &path) const;
    QWidget *fieldEditor(const QString &path) const;
    QString fieldText(const QString &path) const;

    // Earlier runs for the diff view; `configOf` reads a run's config snapshot when the
    // record has none (it is called for the run shown only).
    using ConfigReader = std::function<QString(const seekbench::projects::RunRecord &)>; // see ConfigDiffView
    void setEarlierRuns(const RunList &runs, const QString &selectRunId = {}, ConfigReader configOf = {});
    enum class View { Form, Yaml, Diff };
    void showView(View view);

    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void validityChanged(bool valid);
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct FieldRow
    {
        const seekbench::ConfigField *field = nullptr;
        QLabel *label = nullptr;
        QWidget *editor = nullptr;
        QLabel *problem = nullptr;
    };

    QWidget *buildForm();
    void addField(const seekbench::ConfigField &field, QFormLayout *form, QWidget *parent);
    void applyCapabilitiesToChoices();
    void retranslate();
    void onFieldEdited(const QString &path, const QString &text, bool closeEdit);
    void onDocumentChanged();
    void onYamlEdited();
    void showFieldValue(FieldRow &row, const QString &text);
    void setFormEnabled(bool enabled);
    void refresh();

    ConfigDocument *m_doc;
    seekbench::BuildCapabilities m_caps;
    QTabWidget *m_tabs = nullptr;
    QScrollArea *m_formScroll = nullptr;
    QWidget *m_form = nullptr;
    QLabel *m_formNotice = nullptr;
    QLabel *m_importReport = nullptr;
    QPlainTextEdit *m_yaml = nullptr;
    QLabel *m_yamlProblems = nullptr;
    EstimatesPanel *m_estimates = nullptr;
    ConfigDiffView *m_diffView = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QHash<QString, FieldRow> m_fields;
    QList<QPair<QString, QGroupBox *>> m_groups;
    seekbench::ConfigIssues m_yamlIssues;                // the YAML text does not parse
    QHash<QString, seekbench::ConfigIssue> m_textIssues; // a field holds text of the wrong type
    seekbench::ConfigIssues m_issues;
    QString m_editingPath; // the field the change comes from: not rewritten under the cursor
    quint64 m_changeSerial = 0;
    bool m_fromYaml = false;
    bool m_settingYaml = false;
    bool m_valid = false;
};

} // namespace seekbench::ui
