// The hyperparameter editor: form and YAML in sync both ways, invalid edits shown
// (translated) at their field with Launch disabled, exact undo/redo, crash drafts,
// estimates equal to `seekbench-cli estimate`, Hugging Face import and the diff view.
#include "seekbench/config/config_io.h"
#include "seekbench/config/config_schema.h"
#include "config/config_diff_model.h"
#include "config/config_document.h"
#include "config/config_draft.h"
#include "config/config_editor.h"
#include "config/config_field_text.h"
#include "config/estimates_panel.h"
#include "config/issue_text.h"
#include "launch/launch_dialog.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/main_window.h"
#include "project/project_session.h"
#include "runs/run_actions.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTranslator>
#include <QUndoStack>
#include <QtTest>

using namespace seekbench::ui;
using seekbench::RunConfig;

namespace {
QString exampleText(const QString &name)
{
    QFile f(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/") + name + QStringLiteral(".yaml"));
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

RunConfig example(const QString &name)
{
    return seekbench::parseRunConfig(exampleText(name).toStdString()).config;
}

// Types into a field's line edit as a user would: select all, then the keys.
void typeInto(ConfigEditor &editor, const QString &path, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(editor.fieldEditor(path));
    QVERIFY2(edit, qPrintable(path));
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
    Q_EMIT edit->editingFinished();
}

void choose(ConfigEditor &editor, const QString &path, const QString &choice)
{
    auto *combo = qobject_cast<QComboBox *>(editor.fieldEditor(path));
    QVERIFY2(combo, qPrintable(path));
    const int i = combo->findText(choice);
    QVERIFY(i >= 0);
    combo->setCurrentIndex(i);
    Q_EMIT combo->activated(i);
}

bool hasChinese(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

QStringList fieldsWithProblems(const ConfigEditor &editor)
{
    QStringList out;
    for (const auto &f : seekbench::configSchema())
        if (!editor.fieldProblem(QString::fromStdString(f.path)).isEmpty())
            out << QString::fromStdString(f.path);
    return out;
}
} // namespace

class TestConfigEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("SeekbenchTest"));
    }

    void everyDescriptionTranslatable()
    {
        QStringList missing;
        QVERIFY2(ConfigFieldText::coversSchema(&missing), qPrintable(missing.join(QStringLiteral(", "))));
    }

    void formShowsEverySchemaFieldWithTooltip()
    {
        ConfigEditor editor;
        editor.setYamlText(exampleText(QStringLiteral("moe")), false);
        for (const auto &f : seekbench::configSchema()) {
            const QString path = QString::fromStdString(f.path);
            if (path == QLatin1String("name"))
                continue;
            QWidget *w = editor.fieldEditor(path);
            QVERIFY2(w, qPrintable(path));
            QVERIFY(w->toolTip().startsWith(QString::fromStdString(f.description)));
            QCOMPARE(editor.fieldText(path), QString::fromStdString(f.get(editor.document()->config())));
        }
        for (const char *group : {"model", "moe", "head", "training", "precision", "data", "checkpoints"})
            QVERIFY(editor.findChild<QWidget *>(QStringLiteral("group_") + QLatin1String(group)));
    }

    void formToYaml()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        typeInto(editor, QStringLiteral("model.hidden_size"), QStringLiteral("96"));
        choose(editor, QStringLiteral("training.precision"), QStringLiteral("bf16"));
        auto *bias = qobject_cast<QCheckBox *>(editor.fieldEditor(QStringLiteral("model.attention_bias")));
        bias->click();
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("2.5e-4"));

        const auto load = seekbench::parseRunConfig(editor.yamlText().toStdString());
        QVERIFY(load.ok());
        RunConfig expected = example(QStringLiteral("tiny"));
        expected.model.hidden_size = 96;
        expected.training.precision = "bf16";
        expected.model.attention_bias = true;
        expected.training.lr = 2.5e-4;
        QVERIFY(load.config == expected);
        QVERIFY(editor.document()->config() == expected);
        // The field being typed in keeps what the user typed; the others are canonical.
        QCOMPARE(editor.fieldText(QStringLiteral("training.lr")), QStringLiteral("2.5e-4"));
        QVERIFY(editor.yamlText().contains(QStringLiteral("lr: 0.00025")));
    }

    void yamlToForm()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        auto *yaml = editor.findChild<QPlainTextEdit *>(QStringLiteral("configEditor"));
        QString text = yaml->toPlainText();
        text.replace(QStringLiteral("lr: 0.003"), QStringLiteral("lr: 0.0007"));
        text.replace(QStringLiteral("precision: fp32"), QStringLiteral("precision: bf16"));
        text.replace(QStringLiteral("num_hidden_layers: 2"), QStringLiteral("num_hidden_layers: 3"));
        yaml->setPlainText(text);
        QCOMPARE(editor.document()->config().training.lr, 0.0007);
        QCOMPARE(editor.fieldText(QStringLiteral("training.lr")),
                 QString::fromStdString(seekbench::findConfigField("training.lr")->get(editor.document()->config())));
        QCOMPARE(editor.fieldText(QStringLiteral("training.precision")), QStringLiteral("bf16"));
        QCOMPARE(editor.fieldText(QStringLiteral("model.num_hidden_layers")), QStringLiteral("3"));
        // The text stays as the user wrote it (comments kept), not rewritten under the cursor.
        QCOMPARE(yaml->toPlainText(), text);

        // Broken YAML: the form keeps the last valid config, disabled, and says why.
        yaml->setPlainText(text + QStringLiteral("\nmodel: [unclosed\n"));
        QVERIFY(!editor.isValid());
        QVERIFY(!editor.findChild<QWidget *>(QStringLiteral("configForm"))->isEnabled());
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("formNotice"))->isVisible());
        QVERIFY(!editor.findChild<QLabel *>(QStringLiteral("yamlProblemsLabel"))->text().isEmpty());
        yaml->setPlainText(text);
        QVERIFY(editor.isValid());
        QVERIFY(editor.findChild<QWidget *>(QStringLiteral("configForm"))->isEnabled());
        // Typing in the YAML view is one undoable command.
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        editor.document()->undo();
        QVERIFY(editor.document()->config() == example(QStringLiteral("tiny")));
        QCOMPARE(editor.fieldText(QStringLiteral("training.lr")), QStringLiteral("0.003"));
    }

    void invalidEditShownAtField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problemAt");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("args");
        auto row = [](const char *name, const char *path, const char *text, const char *at, const char *code,
                      QStringList args) {
            QTest::newRow(name) << QString::fromLatin1(path) << QString::fromLatin1(text) << QString::fromLatin1(at)
                                << QString::fromLatin1(code) << args;
        };
        auto L = [](std::initializer_list<const char *> items) {
            QStringList l;
            for (const char *i : items)
                l << QString::fromUtf8(i);
            return l;
        };
        row("heads do not divide hidden", "model.hidden_size", "66", "model.hidden_size", "not_divisible",
            L({"66", "model.num_attention_heads", "4"}));
        row("odd head dim", "model.hidden_size", "60", "model.num_attention_heads", "head_dim_odd", L({"15"}));
        row("kv heads exceed heads", "model.num_key_value_heads", "8", "model.num_key_value_heads", "exceeds",
            L({"8", "model.num_attention_heads", "4"}));
        row("not an integer", "model.hidden_size", "6x4", "model.hidden_size", "wrong_type", L({"integer", "6x4"}));
        row("empty number", "training.lr", "", "training.lr", "wrong_type", L({"number", ""}));
        row("lr out of range", "training.lr", "0", "training.lr", "out_of_range", L({"0", "1e-12", "100"}));
        row("layers out of range", "model.num_hidden_layers", "0", "model.num_hidden_layers", "out_of_range",
            L({"0", "1", "1024"}));
        row("seq longer than positions", "data.seq_len", "100", "data.seq_len", "exceeds",
            L({"100", "model.max_position_embeddings", "64"}));
        row("warmup past the end", "training.warmup_steps", "500", "training.warmup_steps", "exceeds",
            L({"500", "training.max_steps", "200"}));
        row("labels do not match classes", "model.num_labels", "5", "model.num_labels", "mismatch",
            L({"5", "data.num_classes", "4"}));
        row("batch larger than the data", "training.batch_size", "5000", "training.batch_size", "exceeds",
            L({"5000", "data.train_samples", "4096"}));
        row("vocabulary too small", "model.vocab_size", "40", "model.vocab_size", "out_of_range", L({"40", "48", ""}));
        row("negative seed", "training.seed", "-1", "training.seed", "wrong_type", L({"unsigned integer", "-1"}));
    }

    void invalidEditShownAtField()
    {
        QFETCH(QString, path);
        QFETCH(QString, text);
        QFETCH(QString, problemAt);
        QFETCH(QString, code);
        QFETCH(QStringList, args);

        // In Chinese: the message at the field is the translation of core's code.
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/seekbench_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        {
            QTemporaryDir project;
            LaunchDialog dialog(project.path());
            dialog.show();
            ConfigEditor &editor = *dialog.editor();
            auto *launch = dialog.findChild<QPushButton *>(QStringLiteral("launchButton"));
            QVERIFY(launch->isEnabled());
            typeInto(editor, path, text);

            seekbench::ConfigIssue issue{"", code.toStdString(), {}};
            for (const QString &a : args)
                issue.args.push_back(a.toStdString());
            const QString expected = IssueText::describe(issue);
            QVERIFY2(hasChinese(expected), qPrintable(expected));
            QCOMPARE(editor.fieldProblem(problemAt), expected);
            // Only there, and for a rule between two fields also at the other one.
            QStringList where{problemAt};
            if ((code == QLatin1String("not_divisible") || code == QLatin1String("exceeds") || code == QLatin1String("mismatch"))
                && seekbench::findConfigField(args[1].toStdString()))
                where << args[1];
            where.sort();
            QStringList found = fieldsWithProblems(editor);
            found.sort();
            QCOMPARE(found, where);
            QVERIFY(editor.findChild<QLabel *>(QStringLiteral("problem_") + problemAt)->isVisible());
            QVERIFY(!editor.isValid());
            QVERIFY(!launch->isEnabled());
            // The disabled button says why, and so does the dialog.
            QVERIFY2(launch->toolTip().contains(expected), qPrintable(launch->toolTip()));
            QVERIFY(dialog.problemsText().contains(problemAt + QStringLiteral(": ") + expected));
            launch->click();
            QVERIFY(dialog.result() != QDialog::Accepted);

            // Undo makes it valid again.
            if (editor.document()->undoStack()->canUndo())
                editor.document()->undo();
            else // wrong-type text never reached the config: retype the value
                typeInto(editor, path, QString::fromStdString(seekbench::findConfigField(path.toStdString())->get(editor.document()->config())));
            QVERIFY(fieldsWithProblems(editor).isEmpty());
            QVERIFY(launch->isEnabled());
        }
        QCoreApplication::removeTranslator(&zh);
    }

    void fp16OfferedOnlyWithCuda()
    {
        ConfigEditor editor;
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        auto *combo = qobject_cast<QComboBox *>(editor.fieldEditor(QStringLiteral("training.precision")));
        auto *items = qobject_cast<QStandardItemModel *>(combo->model());
        const int fp16 = combo->findText(QStringLiteral("fp16"));

        editor.setCapabilities({false, false});
        QVERIFY(!items->item(fp16)->isEnabled());
        QVERIFY(!items->item(fp16)->toolTip().isEmpty());
        // Its estimate is still shown.
        QVERIFY(editor.estimates()->hasEstimates());
        QVERIFY(editor.estimates()->row(QStringLiteral("fp16")).memory.totalBytes > 0);
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("estimate_fp16"))->text().contains(QStringLiteral("CUDA")));
        // A config that asks for it anyway is refused at the field.
        QString text = exampleText(QStringLiteral("tiny"));
        text.replace(QStringLiteral("precision: fp32"), QStringLiteral("precision: fp16"));
        editor.setYamlText(text, true);
        QVERIFY(editor.fieldProblem(QStringLiteral("training.precision")).contains(QStringLiteral("fp16")));
        QVERIFY(!editor.isValid());

        editor.setCapabilities({true, true});
        QVERIFY(items->item(fp16)->isEnabled());
        text.replace(QStringLiteral("precision: fp16"), QStringLiteral("precision: fp16\n  device: cuda"));
        editor.setYamlText(text, true);
        QVERIFY2(editor.isValid(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
    }

    void undoRedoRestoreExactValues()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("small")), false);
        ConfigDocument *doc = editor.document();
        QVERIFY(doc->undoStack()->isClean());
        QList<RunConfig> states{doc->config()};
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.00031622776601683794"));
        states << doc->config();
        typeInto(editor, QStringLiteral("model.hidden_size"), QStringLiteral("384"));
        states << doc->config();
        choose(editor, QStringLiteral("training.schedule"), QStringLiteral("linear"));
        states << doc->config();
        qobject_cast<QCheckBox *>(editor.fieldEditor(QStringLiteral("training.keep_best")))->click();
        states << doc->config();
        typeInto(editor, QStringLiteral("data.difficulty"), QStringLiteral("0.1"));
        states << doc->config();
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("1e-3")); // a second, separate edit of lr
        states << doc->config();
        // One command per field change: typing "384" is one command, not three.
        QCOMPARE(doc->undoStack()->count(), int(states.size()) - 1);
        QCOMPARE(doc->config().training.lr, 1e-3);
        QCOMPARE(states[1].training.lr, 0.00031622776601683794);

        for (int i = int(states.size()) - 2; i >= 0; --i) {
            editor.undoAction()->trigger();
            QVERIFY2(doc->config() == states[i], qPrintable(QStringLiteral("undo to state %1").arg(i)));
            QCOMPARE(seekbench::toYaml(seekbench::parseRunConfig(editor.yamlText().toStdString()).config),
                     seekbench::toYaml(states[i]));
            for (const auto &f : seekbench::configSchema())
                if (f.path != "name")
                    QCOMPARE(editor.fieldText(QString::fromStdString(f.path)), QString::fromStdString(f.get(states[i])));
        }
        QVERIFY(doc->undoStack()->isClean());
        for (int i = 1; i < states.size(); ++i) {
            editor.redoAction()->trigger();
            QVERIFY2(doc->config() == states[i], qPrintable(QStringLiteral("redo to state %1").arg(i)));
        }
        // Ctrl+Z in a line edit reaches the editor's stack, not the line edit's own undo.
        auto *edit = qobject_cast<QLineEdit *>(editor.fieldEditor(QStringLiteral("data.difficulty")));
        QApplication::setActiveWindow(&editor);
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(doc->config() == states[states.size() - 2]);
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(doc->config() == states.back());
    }

    void crashDraftOfferedOnNextStart()
    {
        QTemporaryDir project;
        RunConfig edited;
        {
            auto dialog = std::make_unique<LaunchDialog>(project.path());
            dialog->show();
            QVERIFY(!dialog->draftOffered());
            dialog->setDraftInterval(20);
            typeInto(*dialog->editor(), QStringLiteral("model.num_hidden_layers"), QStringLiteral("5"));
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("runNameEdit"));
            name->selectAll();
            QTest::keyClicks(name, QStringLiteral("deeper"));
            edited = dialog->editor()->document()->config();
            // Saved periodically while edits are unsaved.
            QTRY_VERIFY(ConfigDraft(project.path()).exists());
            QTRY_COMPARE(ConfigDraft(project.path()).load()->runName, QStringLiteral("deeper"));
            // A crash: no accept, no reject; the dialog is simply gone.
        }
        LaunchDialog next(project.path());
        QVERIFY(next.draftOffered());
        QVERIFY(next.findChild<QWidget *>(QStringLiteral("draftBanner"))->isVisibleTo(&next));
        QVERIFY(!(next.editor()->document()->config() == edited));
        next.findChild<QPushButton *>(QStringLiteral("restoreDraftButton"))->click();
        QVERIFY(!next.draftOffered());
        QVERIFY(next.editor()->document()->config() == edited);
        QCOMPARE(next.runName(), QStringLiteral("deeper"));
        // Cancel drops it: nothing is offered afterwards.
        next.reject();
        QVERIFY(!ConfigDraft(project.path()).exists());
        LaunchDialog after(project.path());
        QVERIFY(!after.draftOffered());
    }

    void malformedDraftIgnored_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not json") << QByteArray("yaml: [");
        QTest::newRow("array") << QByteArray("[1, 2]");
        QTest::newRow("yaml not a string") << QByteArray(R"({"yaml": 5, "run_name": "x"})");
        QTest::newRow("empty file") << QByteArray();
    }

    void malformedDraftIgnored()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir project;
        QDir().mkpath(project.filePath(QStringLiteral("drafts")));
        QFile f(ConfigDraft(project.path()).path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        LaunchDialog dialog(project.path());
        QVERIFY(!dialog.draftOffered());
        QVERIFY(dialog.isValid());
    }

    void estimatesEqualCli_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<double>("budgetGb");
        for (const char *name : {"tiny", "small", "base", "moe"}) {
            QTest::newRow(name) << QString::fromLatin1(name) << 24.0;
            QTest::newRow(qPrintable(QStringLiteral("%1 at 0.5 GB").arg(QLatin1String(name))))
                << QString::fromLatin1(name) << 0.5;
        }
    }

    void estimatesEqualCli()
    {
        QFETCH(QString, config);
        QFETCH(double, budgetGb);
        const QString path = QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/") + config + QStringLiteral(".yaml");
        QProcess cli;
        cli.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                  {QStringLiteral("estimate"), QStringLiteral("--config"), path, QStringLiteral("--json"),
                   QStringLiteral("--budget-gb"), QString::number(budgetGb)});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QVERIFY(!out.isEmpty());

        LaunchDialog dialog(m_tmp.path());
        dialog.loadPreset(config);
        QVERIFY2(dialog.isValid(), qPrintable(dialog.problemsText()));
        EstimatesPanel *panel = dialog.editor()->estimates();
        panel->setBudgetGb(budgetGb);
        QVERIFY(panel->hasEstimates());
        QCOMPARE(qint64(panel->parameters().total), out.value(QStringLiteral("parameters")).toInteger());
        QCOMPARE(qint64(panel->parameters().activePerToken), out.value(QStringLiteral("active_parameters_per_token")).toInteger());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("parameterCount"))->property("count").toLongLong(),
                 out.value(QStringLiteral("parameters")).toInteger());
        const QJsonObject memory = out.value(QStringLiteral("memory")).toObject();
        for (const QString &p : EstimatesPanel::precisions()) {
            const QJsonObject m = memory.value(p).toObject();
            const auto row = panel->row(p);
            QCOMPARE(row.memory.weightsBytes, m.value(QStringLiteral("weights_bytes")).toDouble());
            QCOMPARE(row.memory.gradientsBytes, m.value(QStringLiteral("gradients_bytes")).toDouble());
            QCOMPARE(row.memory.optimizerBytes, m.value(QStringLiteral("optimizer_bytes")).toDouble());
            QCOMPARE(row.memory.activationsBytes, m.value(QStringLiteral("activations_bytes")).toDouble());
            QCOMPARE(row.memory.totalBytes, m.value(QStringLiteral("total_bytes")).toDouble());
            QCOMPARE(row.largestBatch, m.value(QStringLiteral("largest_batch_in_budget")).toInt());
            // What the user reads is that number.
            auto *total = dialog.findChild<QLabel *>(QStringLiteral("estimate_%1_total").arg(p));
            QCOMPARE(total->text(), EstimatesPanel::formatBytes(m.value(QStringLiteral("total_bytes")).toDouble()));
            QCOMPARE(total->property("bytes").toDouble(), m.value(QStringLiteral("total_bytes")).toDouble());
            auto *batch = dialog.findChild<QLabel *>(QStringLiteral("estimate_%1_largest_batch").arg(p));
            QCOMPARE(batch->property("batch").toInt(), m.value(QStringLiteral("largest_batch_in_budget")).toInt());
        }
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("estimateBatchLabel"))
                    ->text()
                    .contains(QString::number(out.value(QStringLiteral("batch_size")).toInt())));
    }

    void estimatesFollowEdits()
    {
        ConfigEditor editor;
        editor.show();
        editor.setYamlText(exampleText(QStringLiteral("small")), false);
        const double before = editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes;
        typeInto(editor, QStringLiteral("training.batch_size"), QStringLiteral("64"));
        QCOMPARE(editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes,
                 seekbench::estimateTrainingMemory(editor.document()->config(), "fp32", 64).totalBytes);
        QVERIFY(editor.estimates()->row(QStringLiteral("fp32")).memory.totalBytes > before);
        // bf16 fits a larger batch in the same budget (the article's question).
        QVERIFY(editor.estimates()->row(QStringLiteral("bf16")).largestBatch
                > editor.estimates()->row(QStringLiteral("fp32")).largestBatch);
        // A broken model shows no numbers rather than wrong ones.
        typeInto(editor, QStringLiteral("model.num_attention_heads"), QStringLiteral("3"));
        QVERIFY(!editor.estimates()->hasEstimates());
    }

    void hfImport()
    {
        ConfigEditor editor;
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        const RunConfig before = editor.document()->config();
        const QString json = QStringLiteral(R"({"model_type": "deepseek_v2", "hidden_size": 128, "num_attention_heads": 8,
            "num_key_value_heads": 8, "intermediate_size": 344, "num_hidden_layers": 3, "vocab_size": 1000,
            "max_position_embeddings": 256, "n_routed_experts": 4, "num_experts_per_tok": 2, "n_shared_experts": 1,
            "moe_intermediate_size": 64, "first_k_dense_replace": 1, "kv_lora_rank": 512, "torch_dtype": "bfloat16"})");
        QString report;
        QVERIFY(editor.importHfConfig(json, &report));
        const RunConfig &c = editor.document()->config();
        QCOMPARE(c.model.hidden_size, 128);
        QCOMPARE(c.model.n_routed_experts, 4);
        QCOMPARE(c.model.head, before.model.head);
        QCOMPARE(c.model.num_labels, before.model.num_labels);
        QVERIFY(c.training == before.training && c.data == before.data);
        QVERIFY2(report.contains(QStringLiteral("kv_lora_rank")), qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("torch_dtype")));
        QVERIFY2(editor.isValid(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
        QVERIFY(editor.yamlText().contains(QStringLiteral("n_routed_experts: 4")));
        editor.document()->undo();
        QVERIFY(editor.document()->config() == before);

        QString error;
        QVERIFY(!editor.importHfConfig(QStringLiteral("{\"hidden_size\": "), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(editor.document()->config() == before);
    }

    void diffAgainstEarlierRun()
    {
        ConfigEditor editor;
        editor.setYamlText(exampleText(QStringLiteral("tiny")), false);
        RunList runs;
        seekbench::projects::RunRecord same;
        same.id = "r1";
        same.name = "tiny";
        same.configYaml = exampleText(QStringLiteral("tiny")).toStdString();
        seekbench::projects::RunRecord other = same;
        other.id = "r2";
        RunConfig otherConfig = example(QStringLiteral("tiny"));
        otherConfig.training.lr = 0.01;
        otherConfig.model.num_hidden_layers = 4;
        other.configYaml = seekbench::toYaml(otherConfig);
        seekbench::projects::RunRecord broken = same;
        broken.id = "r3";
        broken.configYaml = "model: {hidden_size: wide}";
        runs << same << other << broken;

        QAbstractItemModelTester tester(editor.diffModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        editor.setEarlierRuns(runs, QStringLiteral("r2"));
        QCOMPARE(editor.diffModel()->differingKeys(),
                 (QStringList{QStringLiteral("model.num_hidden_layers"), QStringLiteral("training.lr")}));
        QCOMPARE(editor.diffModel()->index(1, ConfigDiffModel::Earlier).data().toString(), QStringLiteral("0.01"));
        QCOMPARE(editor.diffModel()->index(1, ConfigDiffModel::Current).data().toString(), QStringLiteral("0.003"));
        // The diff follows edits.
        typeInto(editor, QStringLiteral("training.lr"), QStringLiteral("0.01"));
        QCOMPARE(editor.diffModel()->differingKeys(), QStringList{QStringLiteral("model.num_hidden_layers")});

        auto *combo = editor.findChild<QComboBox *>(QStringLiteral("diffRunCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("r1")));
        QCOMPARE(editor.diffModel()->differingKeys(), QStringList{QStringLiteral("training.lr")});
        combo->setCurrentIndex(combo->findData(QStringLiteral("r3")));
        QCOMPARE(editor.diffModel()->rowCount(), 0);
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("diffSummary"))->text().contains(QStringLiteral("hidden_size")));
    }

    void everyPresetValid()
    {
        LaunchDialog dialog(m_tmp.path());
        QCOMPARE(LaunchDialog::presetNames().mid(0, 4),
                 (QStringList{QStringLiteral("tiny"), QStringLiteral("small"), QStringLiteral("base"), QStringLiteral("moe")}));
        for (const QString &name : LaunchDialog::presetNames()) {
            dialog.loadPreset(name);
            QVERIFY2(dialog.isValid(), qPrintable(name + QLatin1Char(' ') + dialog.problemsText()));
            QCOMPARE(dialog.runName(), name);
            QVERIFY(dialog.editor()->document()->config() == example(name));
        }
        // Each preset load is undoable.
        dialog.editor()->document()->undo();
        QVERIFY(!(dialog.editor()->document()->config() == example(LaunchDialog::presetNames().back())));
    }

    void acceptSavesTheEditedConfig()
    {
        QTemporaryDir project;
        LaunchDialog dialog(project.path());
        typeInto(*dialog.editor(), QStringLiteral("training.max_steps"), QStringLiteral("70"));
        dialog.findChild<QPushButton *>(QStringLiteral("launchButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.savedConfigPath().startsWith(project.path() + QStringLiteral("/configs/")));
        const auto load = seekbench::loadRunConfig(dialog.savedConfigPath().toStdString());
        QVERIFY(load.ok());
        QCOMPARE(load.config.training.max_steps, 70);
    }

    // "Re-run exactly" beside "Clone and edit": a new run from the snapshot, byte for
    // byte, through the real seekbench-cli.
    void rerunExactly()
    {
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
        const QString dir = m_tmp.filePath(QStringLiteral("rerun-project"));
        ProjectSession::create(dir, QStringLiteral("rerun"), QString());
        RunConfig c = example(QStringLiteral("tiny"));
        c.model.hidden_size = 32;
        c.model.intermediate_size = 64;
        c.model.num_hidden_layers = 1;
        c.data.train_samples = 64;
        c.data.eval_samples = 16;
        c.data.seq_len = 16;
        c.training.batch_size = 8;
        c.training.max_steps = 3;
        c.training.warmup_steps = 1;
        c.training.eval_every = 0;
        c.training.threads = 1;
        std::string firstId;
        {
            auto project = seekbench::projects::Project::open(dir.toStdString());
            seekbench::projects::RunStore store(project);
            seekbench::projects::NewRun run;
            run.name = "first";
            run.configYaml = seekbench::toYaml(c);
            run.configHash = seekbench::configHash(c);
            run.status = seekbench::RunStatus::Finished;
            firstId = store.createRun(run);
            store.finishRun(firstId, seekbench::RunStatus::Finished, "", {{"train/loss", 1.0}});
        }
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(dir));
        QTRY_COMPARE(window.runsMode()->model()->runs().size(), 1);
        window.runsMode()->table()->selectRun(QString::fromStdString(firstId));
        // Clone and edit opens the editor on the run's snapshot, diffed against it.
        QAction *clone = nullptr;
        for (QAction *a : window.runsMode()->actions()->actions())
            if (a->objectName() == QLatin1String("cloneAction"))
                clone = a;
        QVERIFY(clone);
        window.runsMode()->actions()->updateEnabled();
        bool cloneChecked = false;
        QTimer::singleShot(0, &window, [&] {
            auto *dialog = qobject_cast<LaunchDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            cloneChecked = dialog->editor()->document()->config() == c
                           && dialog->runName() == QStringLiteral("first (clone)")
                           && dialog->findChild<QComboBox *>(QStringLiteral("diffRunCombo"))->currentData().toString()
                                  == QString::fromStdString(firstId)
                           && dialog->editor()->diffModel()->rowCount() == 0;
            dialog->reject();
        });
        clone->trigger();
        QVERIFY(cloneChecked);

        QAction *rerun = window.runsMode()->actions()->rerunAction();
        QVERIFY(window.runsMode()->actions()->actions().contains(rerun));
        window.runsMode()->actions()->updateEnabled();
        QVERIFY(rerun->isEnabled());
        rerun->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.runsMode()->model()->runs().size() == 2, 30000);
        for (const auto &r : window.runsMode()->model()->runs()) {
            // The listing leaves the YAML out; the snapshot in the run's folder is read.
            QVERIFY(r.configYaml.empty());
            const auto load = seekbench::parseRunConfig(LaunchDialog::runConfigYaml(dir, r).toStdString());
            QVERIFY(load.ok());
            // Everything equal but the name the CLI writes into the snapshot (--name):
            // hyperparameters, the training seed, the data seed and so the data.
            RunConfig same = load.config;
            QCOMPARE(same.training.seed, c.training.seed);
            QCOMPARE(same.data.seed, c.data.seed);
            same.name = c.name;
            QVERIFY(same == c);
            if (r.id != firstId)
                QCOMPARE(QString::fromStdString(r.name), QStringLiteral("first (re-run)"));
        }
        // Let it end before the project folder goes.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(window.runsMode()->model()->runs().begin(),
                                             window.runsMode()->model()->runs().end(),
                                             [](const auto &r) { return r.status != seekbench::RunStatus::Running; }),
                                 60000);
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestConfigEditor)
#include "test_config_editor.moc"
