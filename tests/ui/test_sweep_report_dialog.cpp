// Sweeps > Report… (issue 24): the Report dialog on a sweep shows the sweep's section
// toggles, the number of best trials and no baseline; the live preview draws its pages;
// unticking a section takes it out of the report; Save writes a PDF that names the sweep
// and records it in the store with the sweep's id; the template keeps the runs' choices;
// the Sweeps mode's Report… opens the dialog. The sweep is written through SweepStore
// directly (sweep_fixture.h): no training.
#include "reports/report_dialog.h"
#include "reports/report_preview.h"
#include "reports/report_writing.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/report/report_template.h"
#include "shell/app_setup.h"
#include "shell/main_window.h"
#include "sweep_fixture.h"
#include "sweeps/sweep_actions.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweeps_mode.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace seekbench;
using namespace seekbench::ui;

namespace report = projects::report;

class TestSweepReportDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir, m_sweepId;
    std::shared_ptr<const projects::Project> m_project;

    static bool settle(ReportDialog &d) { return !d.preview()->isBusy() && !d.isSaving(); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        AppSetup::installTranslator(QStringLiteral("en"));
        m_dir = m_tmp.filePath(QStringLiteral("p"));
        {
            const projects::Project p = test::makeSweepProject(m_dir);
            m_sweepId = QString::fromStdString(test::addFixtureSweep(p, {.trials = 12, .running = 0}));
        }
        m_project = std::make_shared<const projects::Project>(projects::Project::open(m_dir.toStdString()));
    }

    void init() { QFile::remove(ReportDialog::templatePath(m_dir)); }

    void showsTheSweepsSectionsAndNoBaseline()
    {
        ReportDialog d(m_project, m_sweepId, QStringLiteral("lr-search"));
        d.show();
        QVERIFY(d.isSweep());
        QVERIFY(!d.isComparison());
        QVERIFY(!d.baselineBox()->isVisibleTo(&d));
        QVERIFY(d.topTrialsBox()->isVisibleTo(&d));
        QCOMPARE(d.topTrialsBox()->value(), 10);
        QCOMPARE(d.topTrialsBox()->minimum(), 1);
        QCOMPARE(d.topTrialsBox()->maximum(), 100);
        QCOMPARE(d.titleEdit()->placeholderText(), QStringLiteral("Default: the sweep's name"));
        const auto &mine = report::sections::ofKind("sweep");
        for (const std::string &id : report::sections::all()) {
            const bool shown = std::find(mine.begin(), mine.end(), id) != mine.end();
            QVERIFY2(d.sectionBox(QString::fromStdString(id))->isVisibleTo(&d) == shown, id.c_str());
        }
        QVERIFY(d.sectionBox(QStringLiteral("provenance"))->isChecked());
        QVERIFY(!d.sectionBox(QStringLiteral("provenance"))->isEnabled());
        QVERIFY2(d.outputEdit()->text().startsWith(QStringLiteral("reports/sweep-") + m_sweepId + QLatin1Char('-')),
                 qPrintable(d.outputEdit()->text()));
        QVERIFY(d.subject().sweep);
        QCOMPARE(QString::fromStdString(d.subject().sweep->sweepId), m_sweepId);
    }

    void previewFollowsTheToggles()
    {
        ReportDialog d(m_project, m_sweepId, QStringLiteral("lr-search"));
        d.show();
        QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
        QVERIFY2(d.preview()->error().isEmpty(), qPrintable(d.preview()->error()));
        const report::Report all = buildReportOf(*m_project, d.subject(), {});
        QCOMPARE(all.kind, std::string("sweep"));
        QVERIFY(all.section("parallel-coordinates"));

        QSignalSpy updated(d.preview(), &ReportPreview::updated);
        d.sectionBox(QStringLiteral("parallel-coordinates"))->setChecked(false);
        QVERIFY(d.preview()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1 && settle(d), 30000);
        QVERIFY2(d.preview()->error().isEmpty(), qPrintable(d.preview()->error()));
        QVERIFY(d.preview()->pageCount() > 0);
        const report::Report fewer = buildReportOf(*m_project, d.subject(), {});
        QVERIFY(!fewer.section("parallel-coordinates"));
        QVERIFY(fewer.section("best-trials"));

        d.topTrialsBox()->setValue(3);
        QCOMPARE(d.subject().sweep->topTrials, 3);
    }

    void savesAPdfRecordedWithTheSweep()
    {
        // A runs' template: its baseline and run sections stay as they are.
        {
            std::ofstream(ReportDialog::templatePath(m_dir).toStdString())
                << "baseline: some-run\nsections: {curves: false, importance: false}\n";
        }
        ReportDialog d(m_project, m_sweepId, QStringLiteral("lr-search"));
        d.show();
        QVERIFY(!d.sectionBox(QStringLiteral("importance"))->isChecked()); // from the template
        d.sectionBox(QStringLiteral("importance"))->setChecked(true);
        d.sectionBox(QStringLiteral("best-so-far"))->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(settle(d), 30000);
        QSignalSpy saved(&d, &ReportDialog::saved);
        d.outputEdit()->setText(QStringLiteral("reports/the-sweep.pdf"));
        d.save();
        QTRY_VERIFY_WITH_TIMEOUT(!d.isSaving(), 60000);
        QCOMPARE(saved.count(), 1);
        const QString pdf = saved.front().front().toString();
        QCOMPARE(pdf, QDir(m_dir).filePath(QStringLiteral("reports/the-sweep.pdf")));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (!pdftotext.isEmpty()) {
            QProcess p;
            p.start(pdftotext, {pdf, QStringLiteral("-")});
            QVERIFY(p.waitForFinished(30000));
            const QString text = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY2(text.contains(QStringLiteral("lr-search")), qPrintable(text.left(400)));
        } else {
            qWarning("pdftotext not found: the PDF's text is not checked");
        }

        bool found = false;
        for (const report::ReportRecord &r : report::ReportStore(*m_project, true).reports())
            if (r.path == "reports/the-sweep.pdf") {
                found = true;
                QCOMPARE(r.kind, std::string("sweep"));
                QCOMPARE(QString::fromStdString(r.sweepId), m_sweepId);
                QVERIFY(r.runIds.empty());
                QCOMPARE(r.format, std::string("pdf"));
            }
        QVERIFY(found);

        const report::ReportTemplate t = report::loadReportTemplate(ReportDialog::templatePath(m_dir).toStdString());
        QCOMPARE(t.baseline.value_or(""), std::string("some-run")); // kept for the runs
        QCOMPARE(t.sections.at("curves"), false);                   // the runs' choice, kept
        QCOMPARE(t.sections.at("importance"), true);
        QCOMPARE(t.sections.at("best-so-far"), false);
        // The next dialog on the sweep comes back with these choices.
        ReportDialog again(m_project, m_sweepId, QStringLiteral("lr-search"));
        QVERIFY(!again.sectionBox(QStringLiteral("best-so-far"))->isChecked());
        QVERIFY(again.sectionBox(QStringLiteral("importance"))->isChecked());
    }

    void sweepsModeReportOpensTheDialog()
    {
        MainWindow w;
        w.setCloseChoice(MainWindow::CloseChoice::LeaveRunning);
        QVERIFY(w.openProject(m_dir));
        SweepsMode *mode = w.sweepsMode();
        QSignalSpy loaded(mode, &SweepsMode::loaded);
        mode->refresh();
        QVERIFY(loaded.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(mode->sweepList()->rowCount(), 1, 10000);
        mode->selectSweep(m_sweepId);
        QAction *report = mode->actions()->report();
        QTRY_VERIFY(report->isEnabled());
        QVERIFY(report->toolTip().contains(QStringLiteral("preview")));
        report->trigger();
        ReportDialog *d = nullptr;
        QTRY_VERIFY((d = w.findChild<ReportDialog *>()) && d->isVisible());
        QVERIFY(d->isSweep());
        QCOMPARE(QString::fromStdString(d->subject().sweep->sweepId), m_sweepId);
        QVERIFY(d->windowTitle().contains(QStringLiteral("Sweep")));
        QTRY_VERIFY_WITH_TIMEOUT(settle(*d), 30000);
        d->close();
        QTRY_VERIFY(!w.findChild<ReportDialog *>());
    }
};

QTEST_MAIN(TestSweepReportDialog)
#include "test_sweep_report_dialog.moc"
