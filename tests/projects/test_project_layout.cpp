// ProjectLayout: the project folder's paths, and the run-id check every run path passes.

#include "seekbench/projects/project_error.h"
#include "seekbench/projects/project_layout.h"
#include "test_support.h"

#include <QtTest>

using seekbench::projects::ProjectError;
using seekbench::projects::ProjectLayout;
namespace fs = std::filesystem;

class TestProjectLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths()
    {
        const ProjectLayout l("/p");
        QCOMPARE(l.configsDir(), fs::path("/p/configs"));
        QCOMPARE(l.clustersDir(), fs::path("/p/clusters"));
        QCOMPARE(l.trashDir(), fs::path("/p/trash"));
        QCOMPARE(l.launchingDir(), fs::path("/p/runs/.launching"));
        QCOMPARE(l.runDir("r1"), fs::path("/p/runs/r1"));
        QCOMPARE(l.runConfigPath("r1"), fs::path("/p/runs/r1/config.yaml"));
        QCOMPARE(l.rankLogPath("r1", 3), fs::path("/p/runs/r1/logs/rank-3.log"));
        QCOMPARE(l.sbatchScriptPath("r1", 2), fs::path("/p/runs/r1/job-2.sbatch"));
        QCOMPARE(l.resumeOutLog("r1"), fs::path("/p/runs/r1/resume.out.log"));
        QCOMPARE(l.trainErrLog("r1"), fs::path("/p/runs/r1/train.err.log"));
        QCOMPARE(l.runCheckpointsDir("r1"), fs::path("/p/runs/r1/checkpoints"));
        QCOMPARE(l.xgboostModelPath("r1"), fs::path("/p/runs/r1/xgboost.json"));
        QCOMPARE(l.draftsDir(), fs::path("/p/drafts"));
        QCOMPARE(l.launchLogPath("0f1e", "out"), fs::path("/p/runs/.launching/0f1e.out.log"));
        QCOMPARE(l.trashedRunDir("r1", "20261202-101500"), fs::path("/p/trash/r1-20261202-101500"));
        QCOMPARE(l.trashedRunMetaPath("r1", "20261202-101500"), fs::path("/p/trash/r1-20261202-101500/run.yaml"));
        // An empty folder gives the relative form the store records.
        QCOMPARE(ProjectLayout().rankLogPath("r1", 0), fs::path("runs/r1/logs/rank-0.log"));
    }

    void projectExposesIt()
    {
        QTemporaryDir tmp;
        auto p = testsupport::makeProject(testsupport::tempPath(tmp));
        QCOMPARE(p.layout().dir(), p.dir());
        QCOMPARE(p.runDir("abc"), p.layout().runDir("abc"));
    }

    void badRunIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("parent") << "../x";
        QTest::newRow("slash") << "a/b";
        QTest::newRow("empty") << "";
        QTest::newRow("dot dot") << "..";
        QTest::newRow("hidden") << ".launching";
        QTest::newRow("option-like") << "-rf";
        QTest::newRow("absolute") << "/etc";
        QTest::newRow("space") << "a b";
        QTest::newRow("too long") << QString(65, QLatin1Char('a'));
    }

    void badRunIds()
    {
        QFETCH(QString, id);
        const std::string runId = id.toStdString();
        const ProjectLayout l("/p");
        // Every accessor that names a run refuses it, naming the id.
        const std::function<fs::path()> accessors[] = {
            [&] { return l.runDir(runId); },
            [&] { return l.runConfigPath(runId); },
            [&] { return l.rankLogPath(runId, 0); },
            [&] { return l.sbatchScriptPath(runId, 1); },
            [&] { return l.resumeErrLog(runId); },
            [&] { return l.runCheckpointsDir(runId); },
            [&] { return l.trashedRunDir(runId, "20261202-101500"); },
            [&] { return l.launchLogPath(runId, "out"); },
        };
        for (const auto &accessor : accessors) {
            try {
                const fs::path p = accessor();
                QFAIL(qPrintable(QStringLiteral("accepted '%1' as %2").arg(id, QString::fromStdString(p.string()))));
            } catch (const ProjectError &e) {
                QCOMPARE(e.kind(), ProjectError::Kind::BadInput);
                QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("'%1' is not a run id").arg(id)),
                         e.what());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestProjectLayout)
#include "test_project_layout.moc"
