// `seekbench-cli report` as a user runs it (issue 24): a run report and a comparison as
// HTML files, the default file in the project's reports/ folder, a template's choices, and
// the errors (unknown run, a bad paper or language, a malformed template, no runs) with exit code 2 and a
// message naming what is wrong.

#include "cli_test_support.h"

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "seekbench/projects/sweep_store.h"
#include "test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

std::string makeRun(const Project &p, const std::string &name, const std::string &lr)
{
    RunStore store(p);
    NewRun n;
    n.name = name;
    n.configYaml = "name: " + name + "\ntraining:\n  lr: " + lr + "\n  max_steps: 500\n";
    const std::string id = store.createRun(n);
    {
        MetricWriter w(p, id, 1);
        std::vector<MetricPoint> points;
        for (std::int64_t s = 1; s <= 500; ++s)
            points.push_back({"loss", s, 1000.0 + double(s), 0, 2.0 / double(s)});
        w.addMetrics(points);
        w.flush();
    }
    store.finishRun(id, RunStatus::Finished, "", {{"loss", 0.004}}, {{"loss", 0.004}});
    return id;
}

// The project's record of a report file (a path relative to the project, or absolute).
std::optional<report::ReportRecord> recorded(const QString &projectDir, const QString &path)
{
    const Project p = Project::open(projectDir.toStdString());
    return report::ReportStore(p).findByPath(path.toStdString());
}

QString readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

} // namespace

class TestReportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    QString m_a, m_b;

    std::optional<report::ReportRecord> recorded(const QString &path) const { return ::recorded(m_project, path); }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.path() + QStringLiteral("/project");
        ProjectManifest m;
        m.name = "report cli";
        const Project p = Project::create(m_project.toStdString(), m);
        m_a = QString::fromStdString(makeRun(p, "first run", "0.001"));
        m_b = QString::fromStdString(makeRun(p, "second run", "0.002"));
    }

    void runReport()
    {
        const QString out = m_dir.path() + QStringLiteral("/run.html");
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), m_project,
                                          QStringLiteral("--runs"), m_a, QStringLiteral("--notes"),
                                          QStringLiteral("seen on the CLI"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("wrote run report"));
        const QString html = readAll(out);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("first run")));
        QVERIFY(html.contains(QStringLiteral("seen on the CLI")));
        QVERIFY(html.contains(QStringLiteral("lr: 0.001")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        // Recorded in the project, outside its folder by its absolute path, with the
        // command that writes it again.
        const auto record = recorded(out);
        QVERIFY(record);
        QCOMPARE(record->kind, std::string("run"));
        QCOMPARE(record->format, std::string("html"));
        QCOMPARE(record->language, std::string("en"));
        QCOMPARE(record->runIds, std::vector<std::string>{m_a.toStdString()});
        QCOMPARE(record->bytes, QFileInfo(out).size());
        QVERIFY2(record->command.find("seekbench-cli report --project") == 0, record->command.c_str());
        QVERIFY2(record->command.find("--notes 'seen on the CLI'") != std::string::npos, record->command.c_str());
    }

    void comparisonWithTemplateIntoReportsFolder()
    {
        const QString tmpl = m_dir.path() + QStringLiteral("/compare.yaml");
        QFile f(tmpl);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("title: Learning rates side by side\nsections:\n  system: false\n");
        f.close();
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), m_project,
                                          QStringLiteral("--runs"), m_a, m_b, QStringLiteral("--baseline"), m_b,
                                          QStringLiteral("--template"), tmpl});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("wrote comparison report"));
        const QStringList written
            = QDir(m_project + QStringLiteral("/reports")).entryList({QStringLiteral("comparison-*.html")}, QDir::Files);
        QCOMPARE(written.size(), 1);
        const QString html = readAll(m_project + QStringLiteral("/reports/") + written.front());
        QVERIFY(html.contains(QStringLiteral("Learning rates side by side")));
        QVERIFY(html.contains(QStringLiteral("training.lr")));
        QVERIFY(html.contains(QStringLiteral("second run — Baseline")));
        const auto record = recorded(QStringLiteral("reports/") + written.front());
        QVERIFY(record);
        QCOMPARE(record->kind, std::string("comparison"));
        QCOMPARE(record->title, std::string("Learning rates side by side"));
        QCOMPARE(record->runIds, (std::vector<std::string>{m_a.toStdString(), m_b.toStdString()}));
    }

    // A project whose store predates recorded reports (schema 11) is migrated by the report
    // verb, as by any writer, and the report recorded; it is not refused as a read-only
    // open would refuse it.
    void olderStoreIsMigratedAndTheReportRecorded()
    {
        const QString old = m_dir.path() + QStringLiteral("/older");
        ProjectManifest m;
        m.name = "older";
        std::string run;
        {
            const Project p = Project::create(old.toStdString(), m);
            run = makeRun(p, "old run", "0.001");
        }
        testsupport::execSql(old.toStdString() + "/seekbench.db",
                             "DROP TABLE report_runs; DROP TABLE reports; DROP TABLE pdm_fleets; DROP TABLE pdm_runs; "
                             "DROP TABLE pdm_machines; DROP TABLE pdm_machine_scores; DROP TABLE pdm_alerts; "
                             "DROP TABLE kg_graphs; DROP TABLE kg_nodes; DROP TABLE kg_forms; DROP TABLE kg_edges; "
                             "DROP TABLE kg_evidence; DROP TABLE kg_sentences; DROP TABLE kg_rejected; "
                             "PRAGMA user_version = 11;");
        const QString out = old + QStringLiteral("/reports/old.html");
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), old,
                                          QStringLiteral("--runs"), QString::fromStdString(run),
                                          QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // no "not recorded" note
        QCOMPARE(testsupport::queryInt(old.toStdString() + "/seekbench.db", "PRAGMA user_version"),
                 std::int64_t(Schema::kLatest));
        QVERIFY(::recorded(old, QStringLiteral("reports/old.html")));
    }

    // A PDF and a Chinese report go through seekbench-report, the Qt renderer beside
    // seekbench-cli; a build without the GUI says what is missing instead.
    void pdfAndChineseThroughTheRenderer()
    {
        const QString pdf = m_dir.path() + QStringLiteral("/run letter.pdf"); // a space: argv, no shell
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), m_project,
                                          QStringLiteral("--runs"), m_a, m_b, QStringLiteral("--paper"),
                                          QStringLiteral("letter"), QStringLiteral("--out"), pdf});
#ifdef SEEKBENCH_HAS_REPORT_RENDERER
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("wrote comparison report"));
        QVERIFY(r.out.contains("pages"));
        QVERIFY(readAll(pdf).startsWith(QStringLiteral("%PDF-")));
        const QString zh = m_dir.path() + QStringLiteral("/run-zh.html");
        const CliOutput c = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), m_project,
                                          QStringLiteral("--runs"), m_a, QStringLiteral("--language"),
                                          QStringLiteral("zh_CN"), QStringLiteral("--out"), zh});
        QVERIFY2(c.code == 0, c.err.constData());
        const QString html = readAll(zh);
        QVERIFY(html.contains(QStringLiteral("概览")));
        QVERIFY(html.contains(QStringLiteral("first run")));
        // The renderer records what it writes, as the CLI does.
        const auto pdfRecord = recorded(pdf);
        QVERIFY(pdfRecord);
        QCOMPARE(pdfRecord->format, std::string("pdf"));
        QVERIFY2(pdfRecord->command.find("--paper letter") != std::string::npos, pdfRecord->command.c_str());
        const auto zhRecord = recorded(zh);
        QVERIFY(zhRecord);
        QCOMPARE(zhRecord->language, std::string("zh_CN"));
        const CliOutput bad = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), m_project,
                                            QStringLiteral("--runs"), QStringLiteral("no-such-run"),
                                            QStringLiteral("--out"), pdf});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("no-such-run"));
#else
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains("seekbench-report"));
#endif
    }

    // A sweep report: --sweep instead of --runs, to HTML here and to PDF and Chinese
    // through the renderer; the two options exclusive, an unknown sweep named.
    void sweepReport()
    {
        const QString dir = m_dir.path() + QStringLiteral("/sweep-project");
        ProjectManifest m;
        m.name = "sweep report cli";
        const Project p = Project::create(dir.toStdString(), m);
        SweepStore store(p);
        const std::string id = store.createSweep("lr-sweep", "base: configs/tiny.yaml\n"
                                                             "params:\n"
                                                             "  training.lr: {log_uniform: [1.0e-4, 1.0e-1]}\n"
                                                             "  model.hidden_size: {choices: [64, 128]}\n");
        for (int i = 0; i < 8; ++i) {
            const double lr = 1e-4 * std::pow(10.0, i * 3.0 / 7.0);
            const auto t = store.ask(id, [&](const std::vector<tuning::Trial> &, int) {
                return std::optional<tuning::TrialParams>(
                    tuning::TrialParams{{"training.lr", std::to_string(lr)},
                                        {"model.hidden_size", i % 2 ? "64" : "128"}});
            });
            store.tell(id, t->number, tuning::TrialState::Complete, std::abs(std::log10(lr) + 2.5) + 0.1);
        }
        const QString sweepId = QString::fromStdString(id);
        const QString out = m_dir.path() + QStringLiteral("/sweep.html");
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                          QStringLiteral("--sweep"), sweepId, QStringLiteral("--top"),
                                          QStringLiteral("3"), QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("wrote sweep report"), r.out.constData());
        const QString html = readAll(out);
        for (const char *text : {"lr-sweep", "Parallel coordinates", "Best trials", "Best so far",
                                 "Parameter importance", "seekbench-cli sweep run --sweep lr-sweep"})
            QVERIFY2(html.contains(QString::fromUtf8(text)), text);

        const CliOutput both = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                             QStringLiteral("--sweep"), sweepId, QStringLiteral("--runs"), m_a});
        QCOMPARE(both.code, 2);
        QVERIFY2(both.err.contains("--sweep and --runs are exclusive"), both.err.constData());
        const CliOutput unknown = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                                QStringLiteral("--sweep"), QStringLiteral("sw-no-such"),
                                                QStringLiteral("--out"), out});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("sw-no-such"), unknown.err.constData());

        const QString pdf = m_dir.path() + QStringLiteral("/sweep.pdf");
        const CliOutput rp = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                           QStringLiteral("--sweep"), QStringLiteral("lr-sweep"),
                                           QStringLiteral("--out"), pdf});
#ifdef SEEKBENCH_HAS_REPORT_RENDERER
        QVERIFY2(rp.code == 0, rp.err.constData());
        QVERIFY2(rp.out.contains("wrote sweep report"), rp.out.constData());
        QVERIFY(readAll(pdf).startsWith(QStringLiteral("%PDF-")));
        const QString zh = m_dir.path() + QStringLiteral("/sweep-zh.html");
        const CliOutput c = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                          QStringLiteral("--sweep"), sweepId, QStringLiteral("--language"),
                                          QStringLiteral("zh_CN"), QStringLiteral("--out"), zh});
        QVERIFY2(c.code == 0, c.err.constData());
        // Labels already in the .ts are Chinese; the sweep's own ones follow at the next
        // lupdate (their Chinese is in translations/zh_CN/report_labels.json).
        QVERIFY(readAll(zh).contains(QStringLiteral("概览")));
        const CliOutput badPdf = runCliOutput({QStringLiteral("report"), QStringLiteral("--project"), dir,
                                               QStringLiteral("--sweep"), QStringLiteral("sw-no-such"),
                                               QStringLiteral("--out"), pdf});
        QCOMPARE(badPdf.code, 2);
        QVERIFY(badPdf.err.contains("sw-no-such"));
#else
        QCOMPARE(rp.code, 3);
        QVERIFY(rp.err.contains("seekbench-report"));
#endif
    }

    void help()
    {
        const CliOutput r = runCliOutput({QStringLiteral("report"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char *name :
             {"--project", "--runs", "--baseline", "--title", "--notes", "--template", "--out", "example"})
            QVERIFY2(r.out.contains(name), name);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown run") << QStringList{QStringLiteral("--runs"), QStringLiteral("no-such-run"),
                                                    QStringLiteral("--out"), QStringLiteral("x.html")}
                                     << QStringLiteral("no run 'no-such-run'");
        QTest::newRow("paper") << QStringList{QStringLiteral("--runs"),  QStringLiteral("A"),
                                              QStringLiteral("--out"),   QStringLiteral("x.pdf"),
                                              QStringLiteral("--paper"), QStringLiteral("a3")}
                               << QStringLiteral("--paper a3");
        QTest::newRow("language") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                 QStringLiteral("--language"), QStringLiteral("fr")}
                                  << QStringLiteral("--language fr");
        QTest::newRow("logo on html") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                     QStringLiteral("--out"),  QStringLiteral("x.html"),
                                                     QStringLiteral("--logo"), QStringLiteral("l.png")}
                                      << QStringLiteral("--logo");
        QTest::newRow("other extension") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                        QStringLiteral("--out"), QStringLiteral("x.txt")}
                                         << QStringLiteral("x.txt");
        QTest::newRow("no runs") << QStringList{QStringLiteral("--out"), QStringLiteral("x.html")}
                                 << QStringLiteral("--runs");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                       QStringLiteral("--colour"), QStringLiteral("red")}
                                        << QStringLiteral("unknown option --colour");
        QTest::newRow("--out twice") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                    QStringLiteral("--out"),  QStringLiteral("x.html"),
                                                    QStringLiteral("--out"),  QStringLiteral("x.html")}
                                     << QStringLiteral("--out");
        QTest::newRow("bad template") << QStringList{QStringLiteral("--runs"), QStringLiteral("A"),
                                                     QStringLiteral("--template"), QStringLiteral("BAD")}
                                      << QStringLiteral("sections.curvez is not a section");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString bad = m_dir.path() + QStringLiteral("/bad-template.yaml");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("sections:\n  curvez: true\n");
        f.close();
        for (QString &a : args) {
            if (a == QStringLiteral("A"))
                a = m_a;
            else if (a == QStringLiteral("BAD"))
                a = bad;
            else if (a.startsWith(QStringLiteral("x.")))
                a = m_dir.path() + QLatin1Char('/') + a;
        }
        const CliOutput r = runCliOutput(QStringList{QStringLiteral("report"), QStringLiteral("--project"), m_project}
                                         + args);
        QCOMPARE(r.code, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("seekbench-cli report: ")), r.err.constData());
        QVERIFY2(err.contains(message), r.err.constData());
        if (message.contains(QStringLiteral("sections.")))
            QVERIFY2(err.contains(QStringLiteral("bad-template.yaml")), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "test_report_cli.moc"
