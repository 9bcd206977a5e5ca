#include "config/config_editor.h"

#include "config/config_diff_model.h"
#include "config/config_diff_view.h"
#include "config/config_document.h"
#include "config/config_field_text.h"
#include "config/estimates_panel.h"
#include "config/issue_text.h"
#include "launch/machine_capabilities.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/config_schema.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPalette>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace seekbench::ui {

using seekbench::ConfigField;
using seekbench::ConfigIssue;

namespace {
QString messageOnly(ConfigIssue issue)
{
    issue.key.clear(); // the field shows where
    return IssueText::describe(issue);
}

QString rangeText(const ConfigField &f)
{
    auto num = [](double v) { return QLocale::c().toString(v, 'g', 12); };
    if (f.min && f.max)
        return ConfigEditor::tr("Range: %1 to %2").arg(num(*f.min), num(*f.max));
    if (f.min)
        return ConfigEditor::tr("At least %1").arg(num(*f.min));
    if (f.max)
        return ConfigEditor::tr("At most %1").arg(num(*f.max));
    return {};
}

// Issues that say nothing about the estimates (the CLI's estimate ignores them too).
bool machineOnly(const ConfigIssue &i)
{
    return i.code == "fp16_unavailable" || i.code == "cuda_unavailable" || i.code == "nccl_unavailable";
}
} // namespace

ConfigEditor::ConfigEditor(QWidget *parent)
    : QWidget(parent), m_doc(new ConfigDocument(this)), m_caps(machineCapabilities())
{
    setObjectName(QStringLiteral("configEditorWidget"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_importReport = new QLabel(this);
    m_importReport->setObjectName(QStringLiteral("importReport"));
    m_importReport->setWordWrap(true);
    m_importReport->hide();
    layout->addWidget(m_importReport);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));

    auto *formPage = new QWidget(m_tabs);
    auto *formLayout = new QVBoxLayout(formPage);
    m_formNotice = new QLabel(formPage);
    m_formNotice->setObjectName(QStringLiteral("formNotice"));
    m_formNotice->setWordWrap(true);
    m_formNotice->hide();
    formLayout->addWidget(m_formNotice);
    m_formScroll = new QScrollArea(formPage);
    m_formScroll->setWidgetResizable(true);
    m_form = buildForm();
    m_formScroll->setWidget(m_form);
    formLayout->addWidget(m_formScroll, 1);
    m_tabs->addTab(formPage, QString());

    auto *yamlPage = new QWidget(m_tabs);
    auto *yamlLayout = new QVBoxLayout(yamlPage);
    m_yaml = new QPlainTextEdit(yamlPage);
    m_yaml->setObjectName(QStringLiteral("configEditor"));
    m_yaml->setFont(QFont(QStringLiteral("monospace")));
    m_yaml->setUndoRedoEnabled(false); // the editor's undo stack is the only one
    m_yaml->installEventFilter(this);
    yamlLayout->addWidget(m_yaml, 1);
    m_yamlProblems = new QLabel(yamlPage);
    m_yamlProblems->setObjectName(QStringLiteral("yamlProblemsLabel"));
    m_yamlProblems->setWordWrap(true);
    m_yamlProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    yamlLayout->addWidget(m_yamlProblems);
    m_tabs->addTab(yamlPage, QString());

    m_diffView = new ConfigDiffView(m_tabs);
    m_tabs->addTab(m_diffView, QString());

    auto *estimatesBox = new QGroupBox(splitter);
    estimatesBox->setObjectName(QStringLiteral("estimatesBox"));
    auto *estimatesLayout = new QVBoxLayout(estimatesBox);
    m_estimates = new EstimatesPanel(estimatesBox);
    estimatesLayout->addWidget(m_estimates);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_undoAction = new QAction(this);
    m_undoAction->setObjectName(QStringLiteral("editorUndoAction"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_redoAction = new QAction(this);
    m_redoAction->setObjectName(QStringLiteral("editorRedoAction"));
    m_redoAction->setShortcuts(QKeySequence::Redo);
    m_redoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_undoAction);
    addAction(m_redoAction);
    QUndoStack *stack = m_doc->undoStack();
    m_undoAction->setEnabled(false);
    m_redoAction->setEnabled(false);
    connect(m_undoAction, &QAction::triggered, m_doc, &ConfigDocument::undo);
    connect(m_redoAction, &QAction::triggered, m_doc, &ConfigDocument::redo);
    connect(stack, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);

    connect(m_doc, &ConfigDocument::changed, this, &ConfigEditor::onDocumentChanged);
    connect(m_yaml, &QPlainTextEdit::textChanged, this, &ConfigEditor::onYamlEdited);

    m_estimates->setCapabilities(m_caps);
    applyCapabilitiesToChoices();
    retranslate();
    m_doc->reset(seekbench::RunConfig{});
}

QWidget *ConfigEditor::buildForm()
{
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("configForm"));
    auto *layout = new QVBoxLayout(form);
    QStringList groups = ConfigFieldText::groupOrder();
    for (const ConfigField &f : seekbench::configSchema())
        if (!groups.contains(QString::fromStdString(f.group)))
            groups << QString::fromStdString(f.group);
    for (const QString &group : groups) {
        QGroupBox *box = nullptr;
        QFormLayout *fl = nullptr;
        for (const ConfigField &f : seekbench::configSchema()) {
            // The run's name is the dialog's "Run name"; the form shows the hyperparameters.
            if (QString::fromStdString(f.group) != group || f.path == "name")
                continue;
            if (!box) {
                box = new QGroupBox(form);
                box->setObjectName(QStringLiteral("group_") + group);
                fl = new QFormLayout(box);
                fl->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
                layout->addWidget(box);
                m_groups.append({group, box});
            }
            addField(f, fl, box);
        }
    }
    layout->addStretch(1);
    return form;
}

void ConfigEditor::addField(const ConfigField &f, QFormLayout *form, QWidget *parent)
{
    const QString path = QString::fromStdString(f.path);
    FieldRow row;
    row.field = &f;
    row.label = new QLabel(QString::fromStdString(f.path.substr(f.path.find('.') + 1)), parent);
    auto *cell = new QWidget(parent);
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(1);
    if (f.type == ConfigField::Type::Bool) {
        auto *box = new QCheckBox(cell);
        connect(box, &QCheckBox::toggled, this, [this, path](bool on) {
            onFieldEdited(path, on ? QStringLiteral("true") : QStringLiteral("false"), true);
        });
        row.editor = box;
    } else if (!f.choices.empty()) {
        auto *combo = new QComboBox(cell);
        for (const std::string &c : f.choices)
            combo->addItem(QString::fromStdString(c));
        connect(combo, &QComboBox::activated, this,
                [this, path, combo](int index) { onFieldEdited(path, combo->itemText(index), true); });
        row.editor = combo;
    } else {
        auto *edit = new QLineEdit(cell);
        connect(edit, &QLineEdit::textEdited, this,
                [this, path](const QString &text) { onFieldEdited(path, text, false); });
        connect(edit, &QLineEdit::editingFinished, m_doc, &ConfigDocument::closeMerge);
        row.editor = edit;
    }
    row.editor->setObjectName(QStringLiteral("field_") + path);
    row.editor->installEventFilter(this);
    row.label->setBuddy(row.editor);
    row.problem = new QLabel(cell);
    row.problem->setObjectName(QStringLiteral("problem_") + path);
    row.problem->setWordWrap(true);
    // A palette, not a style sheet: 60 style-sheet proxies slow every relayout.
    QPalette red = row.problem->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    row.problem->setPalette(red);
    row.problem->hide();
    v->addWidget(row.editor);
    v->addWidget(row.problem);
    form->addRow(row.label, cell);
    m_fields.insert(path, row);
}

void ConfigEditor::setCapabilities(const seekbench::BuildCapabilities &caps)
{
    m_caps = caps;
    m_estimates->setCapabilities(caps);
    applyCapabilitiesToChoices();
    refresh();
}

void ConfigEditor::applyCapabilitiesToChoices()
{
    // fp16 and the CUDA device are offered only where this build and machine have them;
    // a config that asks for them anyway is shown and refused with the reason.
    const bool cuda = m_caps.cudaBuild && m_caps.cudaDevice;
    const QString reason = !m_caps.cudaBuild ? tr("This build's LibTorch has no CUDA.")
                                             : tr("No CUDA device is present on this machine.");
    auto gate = [&](const QString &path, const QString &choice) {
        auto *combo = qobject_cast<QComboBox *>(fieldEditor(path));
        auto *model = combo ? qobject_cast<QStandardItemModel *>(combo->model()) : nullptr;
        const int i = combo ? combo->findText(choice) : -1;
        if (!model || i < 0)
            return;
        model->item(i)->setEnabled(cuda);
        model->item(i)->setToolTip(cuda ? QString() : reason);
    };
    gate(QStringLiteral("training.precision"), QStringLiteral("fp16"));
    gate(QStringLiteral("training.device"), QStringLiteral("cuda"));
}

void ConfigEditor::retranslate()
{
    m_tabs->setTabText(0, tr("Form"));
    m_tabs->setTabText(1, tr("YAML"));
    m_tabs->setTabText(2, tr("Diff"));
    if (auto *box = qobject_cast<QGroupBox *>(m_estimates->parentWidget()))
        box->setTitle(tr("Estimates"));
    m_undoAction->setText(tr("&Undo"));
    m_redoAction->setText(tr("&Redo"));
    m_formNotice->setText(tr("The YAML text has problems; the form shows the last valid config. Fix the text in the "
                             "YAML view."));
    for (const auto &[group, box] : std::as_const(m_groups))
        box->setTitle(ConfigFieldText::groupTitle(group));
    for (FieldRow &row : m_fields) {
        QString tip = ConfigFieldText::description(row.field->description);
        const QString range = rangeText(*row.field);
        if (!range.isEmpty())
            tip += QLatin1Char('\n') + range;
        tip += QLatin1Char('\n') + QString::fromStdString(row.field->path);
        row.label->setToolTip(tip);
        row.editor->setToolTip(tip);
    }
    applyCapabilitiesToChoices();
    refresh();
}

void ConfigEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool ConfigEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Line edits and the text view have an undo of their own; Ctrl+Z must reach the
    // editor's stack instead, so the override is refused and the shortcut fires.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->ignore();
            return true;
        }
    }
    if (watched == m_yaml && event->type() == QEvent::FocusOut)
        m_doc->closeMerge();
    return QWidget::eventFilter(watched, event);
}

QString ConfigEditor::yamlText() const { return m_yaml->toPlainText(); }

void ConfigEditor::setYamlText(const QString &yaml, bool undoable)
{
    m_settingYaml = true;
    m_yaml->setPlainText(yaml);
    m_settingYaml = false;
    const seekbench::ConfigLoad load = seekbench::parseRunConfig(yaml.toStdString());
    if (load.ok()) {
        m_yamlIssues.clear();
        setFormEnabled(true);
        m_fromYaml = true; // keep the text as written, comments included
        if (undoable)
            m_doc->replaceConfig(load.config, tr("Load config"));
        else
            m_doc->reset(load.config);
        m_fromYaml = false;
    } else {
        m_yamlIssues = load.issues;
        setFormEnabled(false);
        if (!undoable)
            m_doc->undoStack()->clear();
    }
    refresh();
}

bool ConfigEditor::importHfConfig(const QString &jsonText, QString *report)
{
    const seekbench::HfImport imp = seekbench::importHfConfig(jsonText.toStdString());
    QStringList lines;
    if (!imp.issues.empty()) {
        for (const ConfigIssue &i : imp.issues)
            lines << IssueText::describe(i);
        if (report)
            *report = lines.join(QLatin1Char('\n'));
        return false;
    }
    seekbench::RunConfig c = m_doc->config();
    const seekbench::ModelConfig before = c.model;
    c.model = imp.model;
    // A Hugging Face config describes the transformer; the task head is this project's.
    c.model.head = before.head;
    c.model.pooling = before.pooling;
    c.model.causal = before.causal;
    if (std::find(imp.imported.begin(), imp.imported.end(), "num_labels") == imp.imported.end())
        c.model.num_labels = before.num_labels;
    auto join = [](const std::vector<std::string> &keys) {
        QStringList l;
        for (const auto &k : keys)
            l << QString::fromStdString(k);
        return l.join(QStringLiteral(", "));
    };
    lines << tr("Imported %n key(s) from the Hugging Face config.", "", int(imp.imported.size()));
    if (!imp.unsupported.empty())
        lines << tr("Not supported by Seekbench, so the model differs from the original: %1").arg(join(imp.unsupported));
    if (!imp.informational.empty())
        lines << tr("Ignored (no effect here): %1").arg(join(imp.informational));
    if (report)
        *report = lines.join(QLatin1Char('\n'));
    m_importReport->setText(lines.join(QLatin1Char('\n')));
    m_importReport->setVisible(true);
    m_doc->replaceConfig(c, tr("Import Hugging Face config"));
    return true;
}

void ConfigEditor::onFieldEdited(const QString &path, const QString &text, bool closeEdit)
{
    const FieldRow row = m_fields.value(path);
    if (!row.field)
        return;
    seekbench::RunConfig probe = m_doc->config();
    if (!row.field->set(probe, text.toStdString())) {
        m_textIssues.insert(path, {row.field->path, "wrong_type", {typeName(row.field->type), text.toStdString()}});
        refresh();
        return;
    }
    m_textIssues.remove(path);
    const quint64 serial = m_changeSerial;
    m_editingPath = path;
    m_doc->setField(path, text);
    m_editingPath.clear();
    if (closeEdit)
        m_doc->closeMerge();
    if (serial == m_changeSerial) // the same value: nothing pushed, but a text issue may be gone
        refresh();
}

void ConfigEditor::showFieldValue(FieldRow &row, const QString &text)
{
    if (auto *box = qobject_cast<QCheckBox *>(row.editor)) {
        const QSignalBlocker block(box);
        box->setChecked(text == QLatin1String("true"));
    } else if (auto *combo = qobject_cast<QComboBox *>(row.editor)) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(combo->findText(text));
    } else if (auto *edit = qobject_cast<QLineEdit *>(row.editor)) {
        if (edit->text() != text) {
            const QSignalBlocker block(edit);
            edit->setText(text);
        }
    }
}

void ConfigEditor::onDocumentChanged()
{
    ++m_changeSerial;
    const seekbench::RunConfig &c = m_doc->config();
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        if (it.key() == m_editingPath)
            continue;
        m_textIssues.remove(it.key());
        showFieldValue(it.value(), QString::fromStdString(it->field->get(c)));
    }
    if (!m_fromYaml) {
        // The form (or undo) changed the config: the text follows, in canonical form.
        m_settingYaml = true;
        m_yaml->setPlainText(QString::fromStdString(seekbench::toYaml(c)));
        m_settingYaml = false;
        m_yamlIssues.clear();
        setFormEnabled(true);
    }
    refresh();
}

void ConfigEditor::onYamlEdited()
{
    if (m_settingYaml)
        return;
    const seekbench::ConfigLoad load = seekbench::parseRunConfig(m_yaml->toPlainText().toStdString());
    if (!load.ok()) {
        m_yamlIssues = load.issues;
        setFormEnabled(false);
        refresh();
        return;
    }
    const bool wasBroken = !m_yamlIssues.empty();
    m_yamlIssues.clear();
    setFormEnabled(true);
    if (load.config == m_doc->config()) {
        if (wasBroken)
            refresh();
        return;
    }
    m_fromYaml = true;
    m_doc->replaceConfig(load.config, tr("Edit YAML"), true);
    m_fromYaml = false;
}

void ConfigEditor::setFormEnabled(bool enabled)
{
    m_form->setEnabled(enabled);
    m_formNotice->setVisible(!enabled);
}

QString ConfigEditor::fieldProblem(const QString &path) const
{
    const FieldRow row = m_fields.value(path);
    return row.problem && !row.problem->isHidden() ? row.problem->text() : QString();
}

QWidget *ConfigEditor::fieldEditor(const QString &path) const { return m_fields.value(path).editor; }

QString ConfigEditor::fieldText(const QString &path) const
{
    QWidget *w = fieldEditor(path);
    if (auto *box = qobject_cast<QCheckBox *>(w))
        return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto *combo = qobject_cast<QComboBox *>(w))
        return combo->currentText();
    if (auto *edit = qobject_cast<QLineEdit *>(w))
        return edit->text();
    return {};
}

QStringList ConfigEditor::problems() const
{
    QStringList out;
    if (m_yaml->toPlainText().trimmed().isEmpty())
        out << tr("The config is empty.");
    for (const ConfigIssue &i : m_issues)
        out << IssueText::describe(i);
    return out;
}

void ConfigEditor::refresh()
{
    const seekbench::RunConfig &c = m_doc->config();
    seekbench::ConfigIssues validation = seekbench::validate(c, m_caps);
    // A field whose text is not of its type ("32x" for the batch size) leaves the config
    // behind the form stale: the estimates say so instead of using the old value.
    const bool modelUsable = m_yamlIssues.empty() && m_textIssues.isEmpty()
                             && std::all_of(validation.begin(), validation.end(), machineOnly);
    if (!m_yamlIssues.empty()) {
        m_issues = m_yamlIssues; // the config behind the form is stale; only the text counts
    } else {
        m_issues.clear();
        for (const ConfigIssue &i : std::as_const(m_textIssues))
            m_issues.push_back(i);
        // A field with text of the wrong type shows that; the stale value's checks would confuse.
        for (ConfigIssue &i : validation)
            if (!m_textIssues.contains(QString::fromStdString(i.key)))
                m_issues.push_back(std::move(i));
    }

    QHash<QString, QStringList> atField;
    for (const ConfigIssue &i : std::as_const(m_issues)) {
        const QString key = QString::fromStdString(i.key);
        if (m_fields.contains(key))
            atField[key] << messageOnly(i);
        // A rule between two fields is shown at both: the user may be typing in either.
        const bool twoFields = i.code == "not_divisible" || i.code == "exceeds" || i.code == "mismatch";
        const QString other = twoFields && i.args.size() > 1 ? QString::fromStdString(i.args[1]) : QString();
        if (m_fields.contains(other) && other != key)
            atField[other] << IssueText::describe(i);
    }
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        const QStringList msgs = atField.value(it.key());
        it->problem->setText(msgs.join(QLatin1Char('\n')));
        it->problem->setVisible(!msgs.isEmpty());
    }
    QStringList yamlLines;
    for (const ConfigIssue &i : std::as_const(m_yamlIssues))
        yamlLines << IssueText::describe(i);
    m_yamlProblems->setText(yamlLines.isEmpty() ? tr("The YAML text is valid YAML for a run config.")
                                                : yamlLines.join(QLatin1Char('\n')));

    m_estimates->recompute(c, modelUsable);
    m_diffView->setCurrent(c);

    const bool valid = m_issues.empty() && !m_yaml->toPlainText().trimmed().isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
    Q_EMIT edited();
}

void ConfigEditor::setEarlierRuns(const RunList &runs, const QString &selectRunId, ConfigReader configOf)
{
    m_diffView->setEarlierRuns(runs, selectRunId, std::move(configOf));
}

ConfigDiffModel *ConfigEditor::diffModel() const { return m_diffView->model(); }

void ConfigEditor::showView(View view) { m_tabs->setCurrentIndex(view == View::Form ? 0 : view == View::Yaml ? 1 : 2); }

} // namespace seekbench::ui
