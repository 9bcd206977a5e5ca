// Runs > Report… (issue 24): the dialog's live preview follows the section toggles; Save
// writes a PDF (pdfinfo reads it) and an HTML file off the GUI thread; the choices come
// back from the project's report template, a malformed template says so and keeps the
// defaults; a logo outside the project is copied into reports/, a file that is not an
// image is refused; two runs make a comparison; the Reports panel lists what was saved,
// opens it and deletes it; the Runs menu's Report… opens the dialog.
#include "reports/report_dialog.h"
#include "reports/report_file_list.h"
#include "reports/report_preview.h"
#include "reports/reports_panel.h"
#include "runs/run_actions.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_view.h"
#include "screenshot_fixture.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/report/report_template.h"
#include "seekbench/projects/run_store.h"
#include "shell/app_setup.h"
#include "shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::ui;

// Receives the URLs QDesktopServices would hand to the desktop.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void openUrl(const QUrl &url) { urls << url; }
};

class TestReportDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir, m_done, m_other;
    std::shared_ptr<const projects::Project> m_project;

    RunList runs() const
    {
        RunList out;
        for (const auto &r : projects::RunStore(*m_project).listRuns())
            out << r;
        return out;
    }

    static bool settle(ReportDialog &d) { return !d.preview()->isBusy() && !d.isSaving(); }

    QString readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    // Saves through the dialog and waits for it; the file written.
    QString saveAs(ReportDialog &d, const QString &file)
    {
        QSignalSpy saved(&d, &ReportDialog::saved);
        d.outputEdit()->setText(file);
        d.save();
        if (!QTest::qWaitFor([&] { return !d.isSaving(); }, 60000) || saved.count() != 1)
            return QString();
        return saved.front().front().toString();
    }

    static void answerNextQuestion(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, qApp, [button] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->button(button)->click();
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        AppSetup::installTranslator(QStringLiteral("en"));
        m_dir = m_tmp.filePath(QStringLiteral("p"));
        auto fixture = shotfixture::makeRunsProject(m_dir.toStdString(), SEEKBENCH_SOURCE_DIR,
                                                    QDateTime::currentMSecsSinceEpoch() / 1000.0);
        fixture.liveWriter.reset();
        projects::RunStore(*fixture.project)
            .finishRun(fixture.liveRun, RunStatus::Finished, "", {{"eval/loss", 0.47}}, {{"eval/loss", 0.45}});
        m_done = QString::fromStdString(fixture.finishedRun);
        m_other = QString::fromStdString(fixture.liveRun);
        fixture.project.reset();
        m_project = std::make_shared<const projects::Project>(projects::Project::open(m_dir.toStdString()));
    }

    void init() { QFile::remove(ReportDialog::templatePath(m_dir)); }

    void previewFollowsTheToggles()
    {
        ReportDialog d(m_project, runs(), {m_done});
        d.show();
        QVERIFY(!d.isComparison());
        QCOMPARE(d.baselineBox()->currentData().toString(), QString()); // no baseline by default
        QVERIFY(d.sectionBox(QStringLiteral("provenance"))->isChecked());
        QVERIFY(!d.sectionBox(QStringLiteral("provenance"))->isEnabled());
        QVERIFY(d.outputEdit()->text().startsWith(QStringLiteral("reports/run-") + m_done)); // in the project
        QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
        QVERIFY2(d.preview()->error().isEmpty(), qPrintable(d.preview()->error()));
        const int all = d.preview()->pageCount();
        const QImage first = d.preview()->pages().front();

        QSignalSpy updated(d.preview(), &ReportPreview::updated);
        for (const char *id : {"curves", "system", "config", "metrics", "checkpoints", "exports"})
            d.sectionBox(QLatin1String(id))->setChecked(false);
        QVERIFY(d.preview()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1 && settle(d), 30000);
        QVERIFY2(d.preview()->pageCount() < all,
                 qPrintable(QStringLiteral("%1 pages, %2 before").arg(d.preview()->pageCount()).arg(all)));

        // The title shows on the first page.
        d.sectionBox(QStringLiteral("curves"))->setChecked(true);
        d.titleEdit()->setText(QStringLiteral("A different title, long enough to change the first page"));
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 2 && settle(d), 30000);
        QVERIFY(d.preview()->pages().front() != first);
    }

    void savesPdfAndHtmlAndKeepsTheTemplate()
    {
        {
            ReportDialog d(m_project, runs(), {m_done});
            d.titleEdit()->setText(QStringLiteral("Baseline, week 49"));
            d.notesEdit()->setPlainText(QStringLiteral("Read before the review."));
            d.sectionBox(QStringLiteral("system"))->setChecked(false);
            d.baselineBox()->setCurrentIndex(d.baselineBox()->findData(m_other));
            Q_EMIT d.baselineBox()->activated(d.baselineBox()->currentIndex()); // as a user's choice
            QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
            const int previewPages = d.preview()->pageCount();

            const QString pdf = saveAs(d, m_tmp.filePath(QStringLiteral("out/report.pdf")));
            QCOMPARE(pdf, m_tmp.filePath(QStringLiteral("out/report.pdf")));
            QVERIFY(readAll(pdf).startsWith(QLatin1String("%PDF")));
            QVERIFY2(d.messageLabel()->text().contains(QStringLiteral("Saved")), qPrintable(d.messageLabel()->text()));
            QVERIFY(d.openButton()->isVisibleTo(&d));
            const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
            if (!pdfinfo.isEmpty()) {
                QProcess info;
                info.start(pdfinfo, {pdf});
                QVERIFY(info.waitForFinished(30000) && info.exitCode() == 0);
                const QString out = QString::fromUtf8(info.readAllStandardOutput());
                QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(previewPages))),
                         qPrintable(out));
                QVERIFY2(out.contains(QStringLiteral("Baseline, week 49")), qPrintable(out));
            }
            QCOMPARE(reportFileTitle(pdf), QStringLiteral("Baseline, week 49"));

            d.formatBox()->setCurrentIndex(int(ReportDialog::Format::Html));
            QVERIFY(d.outputEdit()->text().endsWith(QLatin1String("report.html")));
            const QString html = saveAs(d, d.outputEdit()->text());
            QCOMPARE(html, m_tmp.filePath(QStringLiteral("out/report.html")));
            const QString text = readAll(html);
            QVERIFY(text.startsWith(QLatin1String("<!DOCTYPE html>")));
            QVERIFY(text.contains(QStringLiteral("Read before the review.")));
            QCOMPARE(reportFileTitle(html), QStringLiteral("Baseline, week 49"));
        }
        // The choices, as the CLI's --template reads them.
        const auto t = projects::report::loadReportTemplate(ReportDialog::templatePath(m_dir).toStdString());
        QCOMPARE(t.title.value_or(""), std::string("Baseline, week 49"));
        QCOMPARE(t.baseline.value_or(""), m_other.toStdString());
        QCOMPARE(t.sections.at("system"), false);
        QCOMPARE(t.sections.at("curves"), true);

        ReportDialog again(m_project, runs(), {m_done});
        QCOMPARE(again.titleEdit()->text(), QStringLiteral("Baseline, week 49"));
        QCOMPARE(again.notesEdit()->toPlainText(), QStringLiteral("Read before the review."));
        QCOMPARE(again.baselineBox()->currentData().toString(), m_other);
        QVERIFY(!again.sectionBox(QStringLiteral("system"))->isChecked());
        QVERIFY(again.sectionBox(QStringLiteral("curves"))->isChecked());
        QVERIFY(again.messageLabel()->text().isEmpty());
    }

    // A file that cannot be written: the dialog says so, naming it; nothing is kept.
    void savingErrorNamesTheFile()
    {
        const QString blocker = m_tmp.filePath(QStringLiteral("not-a-folder"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ReportDialog d(m_project, runs(), {m_done});
        QSignalSpy saved(&d, &ReportDialog::saved);
        const QString file = blocker + QStringLiteral("/report.pdf");
        d.outputEdit()->setText(file);
        d.save();
        QVERIFY(d.isSaving());
        QVERIFY(!d.saveButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isSaving(), 60000);
        QCOMPARE(saved.count(), 0);
        QVERIFY(d.saveButton()->isEnabled());
        const QString message = d.messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("not saved")) && message.contains(file), qPrintable(message));
        QVERIFY(!d.openButton()->isVisibleTo(&d));
        QVERIFY(!QFile::exists(ReportDialog::templatePath(m_dir)));
    }

    void malformedTemplateKeepsTheDefaults()
    {
        QDir().mkpath(m_dir + QStringLiteral("/reports"));
        QFile f(ReportDialog::templatePath(m_dir));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("title: kept?\ncolour: red\n");
        f.close();
        ReportDialog d(m_project, runs(), {m_done});
        const QString message = d.messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("report-template.yaml")) && message.contains(QStringLiteral("colour")),
                 qPrintable(message));
        QVERIFY(d.titleEdit()->text().isEmpty());
        for (const std::string &id : projects::report::sections::all())
            QVERIFY(d.sectionBox(QString::fromStdString(id))->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
    }

    void logoIsConfinedToTheProject()
    {
        const QString outside = m_tmp.filePath(QStringLiteral("brand.png"));
        QImage logo(64, 64, QImage::Format_RGB32);
        logo.fill(QColor(0x1f, 0x77, 0xb4));
        QVERIFY(logo.save(outside));
        const QString notImage = m_tmp.filePath(QStringLiteral("brand.txt"));
        QFile text(notImage);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not an image");
        text.close();

        ReportDialog d(m_project, runs(), {m_done});
        QVERIFY(!d.chooseLogo(notImage));
        QVERIFY2(d.messageLabel()->text().contains(QStringLiteral("not an image")),
                 qPrintable(d.messageLabel()->text()));
        QVERIFY(d.logoEdit()->text().isEmpty());

        QVERIFY(d.chooseLogo(outside));
        QCOMPARE(d.logoEdit()->text(), QStringLiteral("reports/brand.png"));
        QVERIFY(QFile::exists(m_dir + QStringLiteral("/reports/brand.png")));
        QVERIFY2(d.messageLabel()->text().contains(QStringLiteral("copied into the project")),
                 qPrintable(d.messageLabel()->text()));
        QVERIFY(d.chooseLogo(outside)); // the same bytes again: the copy is reused
        QCOMPARE(d.logoEdit()->text(), QStringLiteral("reports/brand.png"));

        // Inside the project: kept where it is.
        QDir().mkpath(m_dir + QStringLiteral("/assets"));
        QVERIFY(logo.save(m_dir + QStringLiteral("/assets/mark.png")));
        QVERIFY(d.chooseLogo(m_dir + QStringLiteral("/assets/mark.png")));
        QCOMPARE(d.logoEdit()->text(), QStringLiteral("assets/mark.png"));
        QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
        QVERIFY2(d.preview()->error().isEmpty(), qPrintable(d.preview()->error()));
        const QString pdf = saveAs(d, m_tmp.filePath(QStringLiteral("out/logo.pdf")));
        QVERIFY(readAll(pdf).startsWith(QLatin1String("%PDF")));
        QCOMPARE(projects::report::loadReportTemplate(ReportDialog::templatePath(m_dir).toStdString()).logo,
                 std::optional<std::string>("assets/mark.png"));
        // HTML reports carry no logo: its controls are off.
        d.formatBox()->setCurrentIndex(int(ReportDialog::Format::Html));
        QVERIFY(!d.logoEdit()->isEnabled());

        // A template whose logo leaves the project: said, and left out.
        QFile t(ReportDialog::templatePath(m_dir));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("logo: ../brand.png\n");
        t.close();
        ReportDialog escaped(m_project, runs(), {m_done});
        QVERIFY(escaped.logoEdit()->text().isEmpty());
        QVERIFY2(escaped.messageLabel()->text().contains(QStringLiteral("leaves the project folder")),
                 qPrintable(escaped.messageLabel()->text()));
    }

    void comparesTwoRuns()
    {
        ReportDialog d(m_project, runs(), {m_other, m_done});
        QVERIFY(d.isComparison());
        QCOMPARE(d.baselineBox()->currentData().toString(), m_other);      // the first run
        QVERIFY(!d.sectionBox(QStringLiteral("system"))->isVisibleTo(&d)); // a run report's only
        QVERIFY(d.outputEdit()->text().startsWith(QStringLiteral("reports/comparison-") + m_other));
        QTRY_VERIFY_WITH_TIMEOUT(settle(d) && d.preview()->pageCount() > 0, 30000);
        QVERIFY2(d.preview()->error().isEmpty(), qPrintable(d.preview()->error()));
        d.formatBox()->setCurrentIndex(int(ReportDialog::Format::Html));
        const QString html = saveAs(d, d.outputEdit()->text());
        QVERIFY(QFileInfo(html).fileName().startsWith(QStringLiteral("comparison-")));
        QVERIFY(readAll(html).contains(QStringLiteral("baseline")));
        QCOMPARE(listReportFiles(m_dir + QStringLiteral("/reports")).front().kind, QStringLiteral("comparison"));
        const auto recorded = projects::report::ReportStore(*m_project).reports();
        QVERIFY(!recorded.empty());
        QCOMPARE(recorded.front().kind, std::string("comparison"));
        QCOMPARE(recorded.front().runIds, (std::vector<std::string>{m_other.toStdString(), m_done.toStdString()}));
    }

    void reportsPanelListsOpensAndDeletes()
    {
        ReportDialog d(m_project, runs(), {m_done});
        const QString pdf = saveAs(d, d.outputEdit()->text()); // reports/run-<id>-<time>.pdf
        QVERIFY(pdf.startsWith(m_dir + QStringLiteral("/reports/run-")));
        // The dialog recorded it in the store, with the run it covers and its hash.
        const auto record
            = projects::report::ReportStore(*m_project).findByPath(m_project->relativePath(pdf.toStdString()));
        QVERIFY(record);
        QCOMPARE(record->kind, std::string("run"));
        QCOMPARE(record->format, std::string("pdf"));
        QCOMPARE(record->runIds, std::vector<std::string>{m_done.toStdString()});
        QCOMPARE(record->bytes, QFileInfo(pdf).size());
        QCOMPARE(record->sha256.size(), std::size_t(64));

        ReportsPanel panel;
        QSignalSpy refreshed(&panel, &ReportsPanel::refreshed);
        panel.setProject(m_project);
        QTRY_VERIFY(refreshed.count() >= 1 && !panel.reports().empty());
        const auto entry = [&](const QString &file) -> const ReportFileEntry * {
            for (const auto &e : panel.reports())
                if (e.path == file)
                    return &e;
            return nullptr;
        };
        const auto listed = [&](const QString &file) { return entry(file) != nullptr; };
        QVERIFY(listed(pdf));
        QCOMPARE(entry(pdf)->state, ReportFileState::Recorded);
        QCOMPARE(entry(pdf)->runIds, QStringList{m_done});
        const int before = int(panel.reports().size());
        QCOMPARE(panel.table()->rowCount(), before);
        QCOMPARE(panel.reports().front().path, pdf); // newest first
        QCOMPARE(panel.table()->item(0, 3)->text(), QStringLiteral("PDF"));
        // What it covers: the run's name, its id beside it in the tooltip.
        const auto done = projects::RunStore(*m_project).findRun(m_done.toStdString());
        QCOMPARE(panel.table()->item(0, 2)->text(), QString::fromStdString(done->name));
        QVERIFY(panel.table()->item(0, 2)->toolTip().contains(m_done));

        // A file written meanwhile comes in through the folder watcher, as unrecorded.
        const QString copy = m_dir + QStringLiteral("/reports/copy.pdf");
        QFile::copy(pdf, copy);
        QTRY_VERIFY_WITH_TIMEOUT(listed(copy), 10000);
        QCOMPARE(entry(copy)->state, ReportFileState::Unrecorded);

        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "openUrl");
        panel.selectFile(pdf);
        QCOMPARE(panel.selectedFile(), pdf);
        panel.openSelected();
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(catcher.urls, QList<QUrl>{QUrl::fromLocalFile(pdf)});

        answerNextQuestion(QMessageBox::No);
        QVERIFY(!panel.deleteSelected());
        QVERIFY(QFile::exists(pdf));
        answerNextQuestion(QMessageBox::Yes);
        QVERIFY(panel.deleteSelected());
        QVERIFY(!QFile::exists(pdf));
        QTRY_VERIFY_WITH_TIMEOUT(!listed(pdf), 10000);
        QCOMPARE(panel.table()->rowCount(), int(panel.reports().size()));
        QVERIFY(!projects::report::ReportStore(*m_project).findByPath(m_project->relativePath(pdf.toStdString())));

        // A recorded report whose file changed, then went: the panel says so; Delete forgets it.
        ReportDialog again(m_project, runs(), {m_done});
        const QString second = saveAs(again, again.outputEdit()->text());
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(listed(second) && entry(second)->state == ReportFileState::Recorded, 10000);
        {
            QFile f(second);
            QVERIFY(f.open(QIODevice::Append));
            f.write("% edited\n");
        }
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(entry(second) && entry(second)->state == ReportFileState::Changed, 10000);
        QVERIFY(QFile::remove(second));
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(entry(second) && entry(second)->state == ReportFileState::Missing, 10000);
        panel.selectFile(second);
        QVERIFY(!panel.findChild<QToolButton *>(QStringLiteral("reportOpenButton"))->isEnabled());
        answerNextQuestion(QMessageBox::Yes);
        QVERIFY(panel.deleteSelected());
        QTRY_VERIFY_WITH_TIMEOUT(!listed(second), 10000);
    }

    // Runs > Report… on the selected runs opens the dialog; the Reports dock is in the window.
    void runsMenuOpensTheDialog()
    {
        MainWindow w;
        w.setCloseChoice(MainWindow::CloseChoice::LeaveRunning);
        QVERIFY(w.openProject(m_dir));
        RunsMode *mode = w.runsMode();
        QVERIFY(mode->docks().contains(qobject_cast<QDockWidget *>(mode->reportsPanel()->parentWidget())));
        QTRY_VERIFY_WITH_TIMEOUT(mode->table()->selectedRunIds().isEmpty() && !w.session()->runs().isEmpty(), 10000);
        QAction *report = mode->actions()->reportAction();
        QVERIFY(mode->actions()->actions().contains(report));
        mode->table()->selectRun(m_done);
        QTRY_VERIFY(report->isEnabled());
        report->trigger();
        ReportDialog *d = nullptr;
        QTRY_VERIFY((d = w.findChild<ReportDialog *>()) && d->isVisible());
        QVERIFY(!d->isComparison());
        d->close();
        QTRY_VERIFY(!w.findChild<ReportDialog *>());
    }
};

QTEST_MAIN(TestReportDialog)
#include "test_report_dialog.moc"
