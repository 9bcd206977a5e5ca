// Reports recorded in the project's store (issue 24): what each covers, where it is, its
// size and SHA-256 as written; writing the same path again replaces the record; a file
// changed or gone is told apart from one as written; a report outside the project keeps
// its absolute path; forgetting a report leaves its runs; and tryRecordReportFile says why
// it cannot record in a project open read-only.

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

#include <fstream>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using namespace testsupport;

namespace {

std::string makeRun(const Project &p, const std::string &name)
{
    RunStore store(p);
    NewRun n;
    n.name = name;
    n.configYaml = "name: " + name + "\n";
    return store.createRun(n);
}

Report document(const std::string &kind, const std::string &title)
{
    Report r;
    r.kind = kind;
    r.title = title;
    r.language = "zh_CN";
    return r;
}

} // namespace

class TestReportStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsListsAndReplaces()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string a = makeRun(p, "a"), b = makeRun(p, "b");
        const auto file = p.dir() / "reports" / "compare.html";
        std::filesystem::create_directories(file.parent_path());
        writeFile(file, "<!DOCTYPE html><title>x</title>");
        const ReportRecord r = recordReportFile(p, document("comparison", "Side by side"), file, {a, b}, "",
                                                "seekbench-cli report --runs a b");
        QVERIFY(r.id > 0);
        QCOMPARE(r.path, std::string("reports/compare.html"));
        QCOMPARE(r.format, std::string("html"));
        QCOMPARE(r.language, std::string("zh_CN"));
        QCOMPARE(r.bytes, std::int64_t(31));
        QCOMPARE(r.sha256.size(), std::size_t(64));

        ReportStore store(p);
        auto all = store.reports();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].title, std::string("Side by side"));
        QCOMPARE(all[0].runIds, (std::vector<std::string>{a, b}));
        QCOMPARE(all[0].command, std::string("seekbench-cli report --runs a b"));
        QCOMPARE(store.reportsOfRun(b).size(), std::size_t(1));
        QCOMPARE(reportFileState(p, all[0]), ReportFileState::Present);

        // The same file written again: one record, the newer.
        writeFile(file, "<!DOCTYPE html><title>y</title><p>more</p>");
        recordReportFile(p, document("run", "Only a"), file, {a});
        all = store.reports();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].title, std::string("Only a"));
        QCOMPARE(all[0].runIds, std::vector<std::string>{a});
        QVERIFY(store.reportsOfRun(b).empty());
        QVERIFY(store.findByPath("reports/compare.html"));

        // Changed, then gone.
        writeFile(file, "<!DOCTYPE html><title>z</title><p>more</p>"); // same size, other bytes
        QCOMPARE(reportFileState(p, store.reports()[0]), ReportFileState::Changed);
        std::filesystem::remove(file);
        QCOMPARE(reportFileState(p, store.reports()[0]), ReportFileState::Missing);

        // Forgotten; the run stays.
        QVERIFY(store.remove(all[0].id));
        QVERIFY(!store.remove(all[0].id));
        QVERIFY(store.reports().empty());
        QVERIFY(RunStore(p).findRun(a));
    }

    void sweepReportAndOneOutsideTheProject()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const auto outside = std::filesystem::path(dir.path().toStdString()) / "elsewhere" / "sweep.pdf";
        std::filesystem::create_directories(outside.parent_path());
        writeFile(outside, "%PDF-1.4\n");
        const ReportRecord r = recordReportFile(p, document("sweep", "lr sweep"), outside, {}, "sw-1");
        QCOMPARE(r.path, outside.string());
        QCOMPARE(r.format, std::string("pdf"));
        QCOMPARE(r.sweepId, std::string("sw-1"));
        QCOMPARE(reportFilePath(p, r), outside);
        QCOMPARE(reportFileState(p, ReportStore(p).reports().at(0)), ReportFileState::Present);
    }

    void aFileThatCannotBeReadIsNamed()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const auto missing = p.dir() / "reports" / "never-written.html";
        try {
            recordReportFile(p, document("run", "x"), missing, {});
            QFAIL("recorded a file that does not exist");
        } catch (const std::exception &e) {
            QVERIFY2(std::string(e.what()).find("never-written.html") != std::string::npos, e.what());
        }
        QVERIFY(ReportStore(p).reports().empty());
    }

    // The CLI and the renderer write a report even where it cannot be recorded, and say why.
    void tryRecordSaysWhyItCannot()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const auto file = p.dir() / "reports" / "r.html";
        std::filesystem::create_directories(file.parent_path());
        writeFile(file, "<!DOCTYPE html>");
        QCOMPARE(tryRecordReportFile(p, document("run", "t"), file, {}), std::string());
        QCOMPARE(ReportStore(p).reports().size(), std::size_t(1));
        Project::OpenOptions options;
        options.readOnly = true;
        const Project readOnly = Project::open(p.dir(), options);
        const std::string why = tryRecordReportFile(readOnly, document("run", "u"), file, {});
        QVERIFY2(why.find("read-only") != std::string::npos, why.c_str());
        QCOMPARE(ReportStore(p).reports().at(0).title, std::string("t")); // unchanged
    }
};

QTEST_GUILESS_MAIN(TestReportStore)
#include "test_report_store.moc"
