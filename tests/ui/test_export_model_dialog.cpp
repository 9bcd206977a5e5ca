// Runs > Export model… (issue 23): the dialog exports a trained run's model through
// seekbench-cli and says what it wrote; the run view's Files tab lists the files with their
// format and the command; a format the run's model cannot take is refused before anything
// runs; the CLI's error (a folder outside the project) is shown as it says it.
#include "export/export_model_dialog.h"
#include "project/project_session.h"
#include "runs/run_files_view.h"
#include "seekbench/projects/project.h"
#include "shell/app_setup.h"
#include "shot_look.h"
#include "tiny_run.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::ui;

namespace {

const projects::RunRecord *findRun(const ProjectSession &s, const QString &id)
{
    for (const projects::RunRecord &r : s.runs())
        if (QString::fromStdString(r.id) == id)
            return &r;
    return nullptr;
}

} // namespace

class TestExportModelDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir, m_run;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
        AppSetup::installTranslator(QStringLiteral("en"));
        m_dir = m_tmp.filePath(QStringLiteral("p"));
        m_run = test::trainTinyRun(m_dir, m_tmp.path());
        QVERIFY(!m_run.isEmpty());
    }

    void exportsAndTheFilesTabListsThem()
    {
        ProjectSession session(m_dir);
        QTRY_VERIFY(findRun(session, m_run));
        ExportModelDialog dialog(m_dir, *findRun(session, m_run));
        QSignalSpy exported(&dialog, &ExportModelDialog::exported);
        QVERIFY(dialog.exportButton()->isEnabled());
        dialog.exportButton()->click();
        QVERIFY(dialog.isExporting());
        QVERIFY(!dialog.exportButton()->isEnabled()); // one export at a time
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 120000);
        QCOMPARE(exported.count(), 1);
        const QString result = dialog.resultLabel()->text();
        QVERIFY2(result.contains(QStringLiteral("Exported step 4")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("exports/safetensors-step4/model.safetensors")), qPrintable(result));
        QVERIFY(QFile::exists(m_dir + QStringLiteral("/runs/") + m_run
                              + QStringLiteral("/exports/safetensors-step4/config.json")));

        RunFilesView files;
        QSignalSpy refreshed(&files, &RunFilesView::refreshed);
        files.setRun(std::make_shared<const projects::Project>(projects::Project::open(m_dir.toStdString())), m_run);
        QTRY_VERIFY(refreshed.count() >= 1);
        QTableWidget *t = files.table();
        int models = 0;
        for (int row = 0; row < t->rowCount(); ++row)
            if (t->item(row, 0)->text() == QLatin1String("model")) {
                ++models;
                QCOMPARE(t->item(row, 1)->text(), QStringLiteral("safetensors"));
                QCOMPARE(t->item(row, 2)->text(), QStringLiteral("4"));
                QVERIFY(t->item(row, 0)->toolTip().contains(QStringLiteral("seekbench-cli export --run ")));
            }
        QCOMPARE(models, 2);
    }

    // A Triton repository with INT8 through the dialog: the comparison with fp32 is shown;
    // INT8 is offered only where the engine does it (not for safetensors).
    void exportsATritonRepositoryWithInt8()
    {
        ProjectSession session(m_dir);
        QTRY_VERIFY(findRun(session, m_run));
        ExportModelDialog dialog(m_dir, *findRun(session, m_run));
        QVERIFY(!dialog.int8Box()->isEnabled()); // safetensors first
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("triton")));
        QVERIFY(dialog.int8Box()->isEnabled());
        dialog.int8Box()->setChecked(true);
        dialog.exportButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 120000);
        const QString result = dialog.resultLabel()->text();
        QVERIFY2(result.contains(QStringLiteral("/config.pbtxt")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("kubernetes/serving.yaml")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("INT8 against fp32 on the run's eval data: accuracy")),
                 qPrintable(result));
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("safetensors")));
        QVERIFY(!dialog.int8Box()->isEnabled());
        QVERIFY(!dialog.int8Box()->isChecked());
    }

    // Every family this build trains exports in every format, each with its own hint; a
    // run of a model this build does not know is refused in every format, named in the
    // hint, before anything runs.
    void eachFamilyHasItsHint_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("hint");
        QTest::newRow("transformer onnx") << QStringLiteral("synthetic_text") << QStringLiteral("onnx")
                                          << QStringLiteral("input_ids [batch, sequence]");
        QTest::newRow("images onnx") << QStringLiteral("fashion_mnist_pairs") << QStringLiteral("onnx")
                                     << QStringLiteral("image [batch, 1, 28, 28]");
        QTest::newRow("images torchscript") << QStringLiteral("fashion_mnist_pairs") << QStringLiteral("torchscript")
                                            << QStringLiteral("forward(image)");
        QTest::newRow("graph onnx") << QStringLiteral("aml_transactions") << QStringLiteral("onnx")
                                    << QStringLiteral("opset 16");
        QTest::newRow("graph torchscript")
            << QStringLiteral("aml_transactions") << QStringLiteral("torchscript") << QStringLiteral("eight tensors");
        QTest::newRow("graph triton") << QStringLiteral("aml_transactions") << QStringLiteral("triton")
                                      << QStringLiteral("not batched");
    }

    void eachFamilyHasItsHint()
    {
        QFETCH(QString, kind);
        QFETCH(QString, format);
        QFETCH(QString, hint);
        projects::RunRecord run;
        run.id = "20260101-000000-bbbbbbbb";
        run.name = "model";
        run.params["data.kind"] = kind.toStdString();
        ExportModelDialog dialog(m_dir, run);
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(format));
        QVERIFY(dialog.exportButton()->isEnabled());
        QCOMPARE(dialog.int8Box()->isEnabled(), format != QLatin1String("onnx"));
        const QString text = dialog.findChild<QLabel *>(QStringLiteral("exportHint"))->text();
        QVERIFY2(text.contains(hint), qPrintable(text));
    }

    void aModelThisBuildDoesNotKnowIsRefused()
    {
        projects::RunRecord run;
        run.id = "20260101-000000-aaaaaaaa";
        run.name = "from a newer Seekbench";
        run.params["data.kind"] = "tabular_forecast";
        ExportModelDialog dialog(m_dir, run);
        for (const char *format : {"safetensors", "torchscript", "onnx", "triton"}) {
            dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QString::fromLatin1(format)));
            QVERIFY2(!dialog.exportButton()->isEnabled(), format);
            QVERIFY(!dialog.int8Box()->isEnabled());
            QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("exportHint"))
                        ->text()
                        .contains(QStringLiteral("data.kind 'tabular_forecast'")));
        }
    }

    void theCliErrorIsShown()
    {
        ProjectSession session(m_dir);
        QTRY_VERIFY(findRun(session, m_run));
        ExportModelDialog dialog(m_dir, *findRun(session, m_run));
        QSignalSpy exported(&dialog, &ExportModelDialog::exported);
        dialog.findChild<QLineEdit *>(QStringLiteral("exportFolder"))->setText(QStringLiteral("../outside"));
        dialog.exportButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 120000);
        QCOMPARE(exported.count(), 0);
        QVERIFY2(dialog.resultLabel()->text().contains(QStringLiteral("leaves the project folder")),
                 qPrintable(dialog.resultLabel()->text()));
        QVERIFY(dialog.exportButton()->isEnabled()); // the user may mend it and try again
    }

    // Pictures for review, with SEEKBENCH_SWEEP_SHOTS=DIR only: the dialog after an export
    // and the Files tab, in English and Chinese, light and dark.
    void screenshots_data() { test::addLookRows(); }

    void screenshots()
    {
        SEEKBENCH_SHOT_LOOK();
        ProjectSession session(m_dir);
        QTRY_VERIFY(findRun(session, m_run));
        ExportModelDialog dialog(m_dir, *findRun(session, m_run));
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("triton")));
        dialog.int8Box()->setChecked(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.exportButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isExporting(), 120000);
        QTest::qWait(100);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/export-dialog") + look.suffix() + QStringLiteral(".png")));
        // ONNX chosen: INT8 greys out (the ONNX file is fp32).
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("onnx")));
        QTest::qWait(50);
        QVERIFY(
            dialog.grab().save(out + QStringLiteral("/export-dialog-onnx") + look.suffix() + QStringLiteral(".png")));
        RunFilesView files;
        files.resize(1100, 260);
        QSignalSpy refreshed(&files, &RunFilesView::refreshed);
        files.setRun(std::make_shared<const projects::Project>(projects::Project::open(m_dir.toStdString())), m_run);
        QTRY_VERIFY(refreshed.count() >= 1);
        files.show();
        QVERIFY(QTest::qWaitForWindowExposed(&files));
        QVERIFY(files.grab().save(out + QStringLiteral("/run-files") + look.suffix() + QStringLiteral(".png")));
    }
};

QTEST_MAIN(TestExportModelDialog)
#include "test_export_model_dialog.moc"
