// A run in a plain folder (train --out DIR): rank 0's snapshot and metrics file, the other
// ranks' metrics files beside it.

#include "seekbench/config/config_io.h"
#include "seekbench/projects/folder_run.h"
#include "test_support.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

std::string readAll(const std::filesystem::path &p)
{
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace

class TestFolderRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void ranksWriteTheirFiles_data()
    {
        QTest::addColumn<int>("rank");
        QTest::addColumn<QString>("metricsFile");
        QTest::addColumn<bool>("snapshot"); // config.yaml written
        QTest::newRow("rank 0") << 0 << "metrics.jsonl" << true;
        QTest::newRow("rank 1") << 1 << "metrics.rank1.jsonl" << false;
        QTest::newRow("rank 3") << 3 << "metrics.rank3.jsonl" << false;
    }

    void ranksWriteTheirFiles()
    {
        QFETCH(int, rank);
        QFETCH(QString, metricsFile);
        QFETCH(bool, snapshot);
        const auto dir = testsupport::tempPath(m_tmp, QTest::currentDataTag()) / "nested";
        RunConfig config;
        config.name = "folder-run";
        {
            auto sink = openFolderRun(dir, config, rank);
            RunEvent ev;
            ev.kind = "start";
            ev.json = "{\"event\":\"start\"}";
            sink->addEvent(ev);
            sink->flush();
        }
        QCOMPARE(std::filesystem::exists(dir / "config.yaml"), snapshot);
        if (snapshot)
            QCOMPARE(readAll(dir / "config.yaml"), toYaml(config));
        const std::string metrics = readAll(dir / metricsFile.toStdString());
        QVERIFY2(metrics.find("\"start\"") != std::string::npos, metrics.c_str());
    }

    void unwritableFolderThrows()
    {
        const auto file = testsupport::tempPath(m_tmp, "a-file");
        std::ofstream(file) << "x";
        QVERIFY_THROWS_EXCEPTION(std::exception, openFolderRun(file / "run", RunConfig{}, 0));
    }
};

QTEST_GUILESS_MAIN(TestFolderRun)
#include "test_folder_run.moc"
