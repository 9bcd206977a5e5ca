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

    void torchScriptIsRefusedForAModelItDoesNotCover()
    {
        projects::RunRecord run;
        run.id = "20260101-000000-aaaaaaaa";
        run.name = "aml";
        run.params["data.kind"] = "aml_transactions";
        ExportModelDialog dialog(m_dir, run);
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("torchscript")));
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(
            dialog.findChild<QLabel *>(QStringLiteral("exportHint"))->text().contains(QStringLiteral("safetensors")));
        dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("safetensors")));
        QVERIFY(dialog.exportButton()->isEnabled());
    }

    // ONNX: offered for the transformer, without INT8; refused for another family, named
    // in the hint, before anything runs.
    void onnxIsOfferedForTheTransformerOnly()
    {
        projects::RunRecord run;
        run.id = "20260101-000000-bbbbbbbb";
        run.name = "transformer";
        run.params["data.kind"] = "synthetic_text";
        ExportModelDialog dialog(m_dir, run);
        const int onnx = dialog.formatBox()->findData(QStringLiteral("onnx"));
        QVERIFY(onnx >= 0);
        QVERIFY(!dialog.formatBox()->itemText(onnx).isEmpty());
        dialog.formatBox()->setCurrentIndex(onnx);
        QVERIFY(dialog.exportButton()->isEnabled());
        QVERIFY(!dialog.int8Box()->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("exportHint"))->text().contains(QStringLiteral("model.onnx")));

        run.params["data.kind"] = "fashion_mnist_pairs";
        ExportModelDialog refused(m_dir, run);
        refused.formatBox()->setCurrentIndex(refused.formatBox()->findData(QStringLiteral("onnx")));
        QVERIFY(!refused.exportButton()->isEnabled());
        const QString hint = refused.findChild<QLabel *>(QStringLiteral("exportHint"))->text();
        QVERIFY2(hint.contains(QStringLiteral("ONNX")) && hint.contains(QStringLiteral("safetensors")),
                 qPrintable(hint));
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
