// Export of runs and curves to CSV and JSON.

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_exporter.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

#include <nlohmann/json.hpp>
#include <sstream>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

class TestRunExporter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void runsAndCurves()
    {
        auto p = makeProject(tempPath(m_tmp));
        RunStore store(p);
        NewRun r;
        r.name = "=cmd(), \"quoted\"";
        r.tags = {"a", "b"};
        const auto id = store.createRun(r);
        {
            MetricWriter w(p, id, 1);
            std::vector<MetricPoint> pts;
            for (int s = 0; s < 1000; ++s)
                pts.push_back({"train/loss", s, 1.0 * s, 0, 1.0 / (s + 1)});
            w.addMetrics(pts);
        }
        store.finishRun(id, seekbench::RunStatus::Finished, "", {{"eval/loss", 0.25}}, {});
        RunExporter ex(p);
        std::ostringstream csv;
        ex.writeRuns(csv, store.listRuns(), ExportFormat::Csv);
        const std::string text = csv.str();
        QVERIFY(text.find("final:eval/loss") != std::string::npos);
        QVERIFY(text.find("\"'=cmd(), \"\"quoted\"\"\"") != std::string::npos); // quoted, not a formula
        QVERIFY(text.find(",0.25,") != std::string::npos);

        std::ostringstream js;
        ex.writeRuns(js, store.listRuns(), ExportFormat::Json);
        const auto runs = nlohmann::json::parse(js.str());
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs[0]["metrics"]["eval/loss"]["final"].get<double>(), 0.25);
        QCOMPARE(runs[0]["tags"].size(), std::size_t(2));

        std::ostringstream raw;
        ex.writeCurves(raw, id, "train/loss", ExportFormat::Csv);
        const std::string rawText = raw.str();
        QCOMPARE(std::count(rawText.begin(), rawText.end(), '\n'), std::ptrdiff_t(1001));
        std::ostringstream dec;
        ex.writeCurves(dec, id, "train/loss", ExportFormat::Json, 10);
        const auto curves = nlohmann::json::parse(dec.str());
        std::int64_t count = 0;
        for (const auto &b : curves[0]["buckets"])
            count += b["count"].get<std::int64_t>();
        QCOMPARE(count, std::int64_t(1000));

        const auto file = ex.exportRun(id, ExportFormat::Json);
        QVERIFY(std::filesystem::exists(file));
        const auto arts = store.artifacts(id);
        QCOMPARE(arts.size(), std::size_t(1));
        QCOMPARE(arts[0].kind, std::string("export"));
        QCOMPARE(arts[0].sha256.size(), std::size_t(64));
        QCOMPARE(arts[0].path, "runs/" + id + "/exports/curves.json");
    }

    void badFormat()
    {
        try {
            RunExporter::parseFormat("xml");
            QFAIL("accepted xml");
        } catch (const ProjectError &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("'xml' is not csv or json")));
        }
    }
};

QTEST_GUILESS_MAIN(TestRunExporter)
#include "test_run_exporter.moc"
