// What `project info` shows: the manifest, the store, the runs by status, and its JSON keys.

#include "seekbench/projects/project_overview.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seekbench;
using namespace seekbench::projects;

class TestProjectOverview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void countsRunsByStatus()
    {
        auto p = testsupport::makeProject(testsupport::tempPath(m_tmp, "counts"));
        RunStore store(p);
        for (const RunStatus status : {RunStatus::Finished, RunStatus::Finished, RunStatus::Failed}) {
            NewRun r;
            r.name = "r";
            r.status = status;
            store.createRun(r);
        }
        const ProjectOverview o = overview(p);
        QCOMPARE(o.name, std::string("test project"));
        QCOMPARE(o.scenario, std::string("text_classification"));
        QCOMPARE(o.storage, std::string("local"));
        QCOMPARE(o.runs, std::size_t(3));
        QCOMPARE(o.byStatus.at("finished"), 2);
        QCOMPARE(o.byStatus.at("failed"), 1);
        QVERIFY(o.byStatus.find("running") == o.byStatus.end());
        QVERIFY(o.databaseBytes > 0);
        QVERIFY(!o.readOnly);
        QVERIFY(o.schemaVersion > 0);
    }

    void jsonKeys_data()
    {
        QTest::addColumn<QString>("key");
        for (const char *k : {"project", "name", "scenario", "description", "storage", "filesystem", "schema_version",
                              "runs", "by_status", "database_bytes", "read_only", "read_only_reason", "marked_crashed"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }

    void jsonKeys()
    {
        QFETCH(QString, key);
        auto p = testsupport::makeProject(testsupport::tempPath(m_tmp, qPrintable(key)));
        const auto j = nlohmann::json::parse(overview(p).toJson());
        QVERIFY2(j.contains(key.toStdString()), j.dump().c_str());
        QCOMPARE(j.size(), std::size_t(13));
        QCOMPARE(j["runs"].get<int>(), 0);
        QCOMPARE(j["storage"].get<std::string>(), std::string("local"));
    }
};

QTEST_GUILESS_MAIN(TestProjectOverview)
#include "test_project_overview.moc"
