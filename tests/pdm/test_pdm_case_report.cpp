// The maintenance case report: loadPdmCase (pdm_case.h) on the fixture's real results and
// fleet file, the report document (pdm_case_document.h) and its HTML, and `seekbench-cli pdm
// report` end to end.

#include "pdm_results_fixture.h"

#include "seekbench/pdm/fleet_file.h"
#include "seekbench/projects/pdm_case.h"
#include "seekbench/projects/report/pdm_case_document.h"
#include "seekbench/projects/report/report_html.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <variant>

namespace fs = std::filesystem;
namespace pdm = seekbench::pdm;
namespace projects = seekbench::projects;
namespace report = seekbench::projects::report;

namespace {

template<typename T>
std::vector<const T *> blocksOf(const report::Report &r, const char *section)
{
    std::vector<const T *> out;
    if (const report::Section *s = r.section(section))
        for (const auto &b : s->blocks)
            if (const T *t = std::get_if<T>(&b))
                out.push_back(t);
    return out;
}

std::string allText(const report::Report &r, const char *section)
{
    std::string out;
    for (const auto *p : blocksOf<report::Paragraph>(r, section))
        out += p->text + "\n";
    for (const auto *m : blocksOf<report::MissingNotice>(r, section))
        out += m->what + ": " + m->why + "\n";
    for (const auto *kv : blocksOf<report::KeyValueList>(r, section))
        for (const auto &i : kv->items)
            out += i.key + ": " + i.value + "\n";
    return out;
}

QString cliPath()
{
#ifdef SEEKBENCH_CLI_PATH
    return QStringLiteral(SEEKBENCH_CLI_PATH);
#else
    // build/<preset>/tests/pdm/test_pdm_case_report -> build/<preset>/app/seekbench-cli
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/seekbench-cli");
#endif
}

} // namespace

class TestPdmCaseReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    PdmResultsFixture m_f;
    std::vector<pdm::AlertRecord> m_alerts;

    fs::path tmp(const char *name) const { return fs::path(m_tmp.path().toStdString()) / name; }
    projects::Project project() const { return projects::Project::open(m_f.dir); }
    // The first alert that preceded a failure and has contributions.
    const pdm::AlertRecord &trueAlert() const
    {
        for (const auto &a : m_alerts)
            if (a.alert.isTrue() && !a.explanation.top.empty())
                return a;
        throw std::runtime_error("the fixture has no true alert with contributions");
    }
    // A copy of the fixture's project, to damage.
    fs::path copyProject(const char *name) const
    {
        const fs::path to = tmp(name);
        fs::copy(m_f.dir, to, fs::copy_options::recursive);
        return to;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_f = makePdmResults(tmp("project"));
        m_alerts = projects::PdmResultStore(project()).alerts(m_f.runId);
        QVERIFY(!m_alerts.empty());
    }

    void alertCaseHasTheAlertsNumbers()
    {
        const pdm::AlertRecord &a = trueAlert();
        projects::PdmCaseRequest request;
        request.alertId = a.id;
        const projects::PdmCase c = projects::loadPdmCase(project(), request);
        QVERIFY(c.alert);
        QCOMPARE(c.alert->id, a.id);
        QCOMPARE(c.run.runId, m_f.runId);
        QCOMPARE(c.machine.machine, a.alert.machine);
        QCOMPARE(c.fleetState, projects::PdmFleetFileState::Read);

        // The machine's maintenance events and failures, as the fleet file has them.
        std::string error;
        const auto reader = pdm::FleetFileReader::open((m_f.dir / c.fleetFile).string(), error);
        QVERIFY2(reader, error.c_str());
        std::size_t maintenance = 0, failures = 0;
        for (const auto &e : reader->maintenance())
            maintenance += e.machine == a.alert.machine;
        for (const auto &f : reader->failures())
            failures += f.machine == a.alert.machine;
        QCOMPARE(c.maintenance.size(), maintenance);
        QCOMPARE(c.failures.size(), failures);
        QVERIFY(failures > 0); // a true alert's failure is in the log

        // The most-attended sensor's readings span the alert's window and the horizon.
        QVERIFY(!c.readingsSensor.empty());
        QVERIFY(!c.readingTime.empty());
        QCOMPARE(c.readingsAt, a.alert.time);
        QCOMPARE(c.readingsFrom, a.alert.time - c.run.history * c.run.step);
        QCOMPARE(c.readingsTo, a.alert.time + c.run.horizon);
        for (const double t : c.readingTime)
            QVERIFY(t > c.readingsFrom && t <= c.readingsTo);

        const report::Report r = report::buildPdmCaseReport(c);
        QCOMPARE(r.kind, std::string("pdm_case"));
        const std::string alertText = allText(r, report::pdmcase::kAlert);
        char score[32], threshold[32];
        std::snprintf(score, sizeof score, "%.3f", double(a.alert.score));
        std::snprintf(threshold, sizeof threshold, "%.3f", a.threshold);
        QVERIFY2(alertText.find(std::string(score) + " (threshold " + threshold + ")") != std::string::npos,
                 alertText.c_str());
        QVERIFY2(alertText.find("#" + std::to_string(a.id)) != std::string::npos, alertText.c_str());
        QVERIFY2(alertText.find("after the alert") != std::string::npos, alertText.c_str());

        // The contributions in the explanation's order.
        const auto tables = blocksOf<report::Table>(r, report::pdmcase::kWhy);
        QVERIFY(!tables.empty());
        const report::Table &contributions = *tables.front();
        QCOMPARE(contributions.rows.size(), a.explanation.top.size());
        for (std::size_t i = 0; i < contributions.rows.size(); ++i)
            QCOMPARE(contributions.rows[i][0].text, a.explanation.top[i].name);

        // The log: one row per maintenance event and failure, in time order.
        const auto log = blocksOf<report::Table>(r, report::pdmcase::kLog);
        QCOMPARE(log.size(), std::size_t(1));
        QCOMPARE(log.front()->rows.size(), maintenance + failures);
        // Two charts: the scores and the readings.
        QCOMPARE(blocksOf<report::Chart>(r, report::pdmcase::kCharts).size(), std::size_t(2));
        QVERIFY(allText(r, report::pdmcase::kAction).find("preceded") != std::string::npos);
    }

    void machineCaseWithoutAlertsSaysSo()
    {
        std::string name;
        for (const auto &m : projects::PdmResultStore(project()).machines(m_f.runId))
            if (m.alerts == 0) {
                name = m.name;
                break;
            }
        if (name.empty())
            QSKIP("every machine of the fixture has an alert");
        projects::PdmCaseRequest request;
        request.machineName = name; // runId '': the newest run with results
        const projects::PdmCase c = projects::loadPdmCase(project(), request);
        QVERIFY(!c.alert);
        QCOMPARE(c.run.runId, m_f.runId);
        QCOMPARE(c.machine.name, name);
        QVERIFY(c.machineAlerts.empty());
        const report::PdmCaseLabels l;
        const report::Report r = report::buildPdmCaseReport(c, l);
        QVERIFY(allText(r, report::pdmcase::kAlert).find(l.noAlert) != std::string::npos);
        QVERIFY(allText(r, report::pdmcase::kOtherAlerts).find(l.noMachineAlerts) != std::string::npos);
        QCOMPARE(r.title, "Maintenance case: machine " + name);
    }

    void unknownThingsAreNamed_data()
    {
        QTest::addColumn<qint64>("alert");
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("machine");
        QTest::addColumn<QString>("named");
        QTest::newRow("alert") << qint64(987654) << QString() << QString() << QStringLiteral("no alert 987654");
        QTest::newRow("run") << qint64(-1) << QStringLiteral("no-such-run") << QStringLiteral("m000")
                             << QStringLiteral("'no-such-run'");
        QTest::newRow("machine") << qint64(-1) << QString() << QStringLiteral("ghost-7")
                                 << QStringLiteral("no machine 'ghost-7'");
        QTest::newRow("neither") << qint64(-1) << QString() << QString() << QStringLiteral("an alert or a machine");
    }

    void unknownThingsAreNamed()
    {
        QFETCH(qint64, alert);
        QFETCH(QString, run);
        QFETCH(QString, machine);
        QFETCH(QString, named);
        projects::PdmCaseRequest request;
        if (alert >= 0)
            request.alertId = alert;
        request.runId = run.toStdString();
        request.machineName = machine.toStdString();
        try {
            projects::loadPdmCase(project(), request);
            QFAIL("no error");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(named), e.what());
        }
    }

    void missingOrChangedFleetFileStillReports_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::addColumn<int>("state");
        QTest::newRow("missing") << true << int(projects::PdmFleetFileState::Missing);
        QTest::newRow("changed") << false << int(projects::PdmFleetFileState::Changed);
    }

    void missingOrChangedFleetFileStillReports()
    {
        QFETCH(bool, remove);
        QFETCH(int, state);
        const fs::path dir = copyProject(remove ? "missing-fleet" : "changed-fleet");
        const projects::Project p = projects::Project::open(dir);
        const fs::path file = projects::fleetFilePath(p, m_f.fleet);
        if (remove)
            fs::remove(file);
        else
            std::ofstream(file, std::ios::app) << 'x';
        projects::PdmCaseRequest request;
        request.alertId = trueAlert().id;
        const projects::PdmCase c = projects::loadPdmCase(p, request);
        QCOMPARE(int(c.fleetState), state);
        QVERIFY(c.readingTime.empty());
        QVERIFY(c.maintenance.empty() && c.failures.empty());
        const report::Report r = report::buildPdmCaseReport(c);
        const std::string charts = allText(r, report::pdmcase::kCharts);
        QVERIFY2(charts.find(remove ? "is missing" : "changed after") != std::string::npos, charts.c_str());
        QVERIFY2(charts.find("readings") != std::string::npos, charts.c_str());
        QVERIFY(allText(r, report::pdmcase::kLog).find("not available") != std::string::npos);
        QCOMPARE(blocksOf<report::Chart>(r, report::pdmcase::kCharts).size(), std::size_t(1)); // the scores still
        const std::string html = report::renderReportHtml(r);
        QVERIFY(html.find("<div class=\"missing\"") != std::string::npos);
    }

    void htmlHasTheSectionsInOrder()
    {
        projects::PdmCaseRequest request;
        request.alertId = trueAlert().id;
        const std::string html = report::renderReportHtml(
            report::buildPdmCaseReport(projects::loadPdmCase(project(), request)));
        std::size_t at = 0;
        for (const char *id : {report::pdmcase::kOverview, report::pdmcase::kAlert, report::pdmcase::kWhy,
                               report::pdmcase::kHealth, report::pdmcase::kCharts, report::pdmcase::kLog,
                               report::pdmcase::kOtherAlerts, report::pdmcase::kAction, report::pdmcase::kProvenance}) {
            const std::size_t found = html.find("<section id=\"s-" + std::string(id) + "\"", at);
            QVERIFY2(found != std::string::npos, id);
            at = found;
        }
        QVERIFY(html.find("<svg") != std::string::npos); // charts are inline SVG
    }

    void cliWritesTheReportAndRefusesABadAlert()
    {
        const QString cli = cliPath();
#ifdef SEEKBENCH_CLI_PATH
        QVERIFY2(QFile::exists(cli), qPrintable(cli)); // CMake builds it before this test
#else
        if (!QFile::exists(cli))
            QSKIP("seekbench-cli is not built next to this test");
#endif
        const QString out = QString::fromStdString(tmp("case.html").string());
        const auto run = [&](const QStringList &args, QByteArray *err) {
            QProcess p;
            p.start(cli, QStringList{QStringLiteral("pdm"), QStringLiteral("report"), QStringLiteral("--project"),
                                     QString::fromStdString(m_f.dir.string())}
                             + args);
            p.waitForFinished(120000);
            *err = p.readAllStandardError();
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        QByteArray err;
        const qint64 id = trueAlert().id;
        QCOMPARE(run({QStringLiteral("--alert"), QString::number(id), QStringLiteral("--out"), out}, &err), 0);
        QVERIFY2(err.contains("wrote"), err.constData());
        QFile html(out);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray text = html.readAll();
        QVERIFY(text.contains(QByteArray("Maintenance case: alert #") + QByteArray::number(id)));
        QVERIFY(text.contains("<section id=\"s-maintenance-log\""));

        QCOMPARE(run({QStringLiteral("--alert"), QStringLiteral("987654"), QStringLiteral("--out"), out}, &err), 2);
        QVERIFY2(err.contains("no alert 987654"), err.constData());
        QCOMPARE(run({QStringLiteral("--alert"), QStringLiteral("abc"), QStringLiteral("--out"), out}, &err), 2);
        QVERIFY2(err.contains("--alert"), err.constData());
        QCOMPARE(run({QStringLiteral("--machine"), QStringLiteral("ghost-7"), QStringLiteral("--out"), out}, &err), 2);
        QVERIFY2(err.contains("ghost-7"), err.constData());
    }
};

QTEST_MAIN(TestPdmCaseReport)
#include "test_pdm_case_report.moc"
