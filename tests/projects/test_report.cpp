// Reports (issue 24): the document built from a project's store, rendered as one
// self-contained HTML file and checked with a real HTML parser (check_report_html.py):
// config, metrics and run name in it, curves from the tiles with their band, checkpoints
// checked against their hashes (missing or damaged: a notice, the report still renders),
// untrusted names escaped, comparisons with deltas and the config differences only,
// templates with errors naming the file and the key.

#include "report_test_support.h"
#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_template.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using namespace testsupport;

namespace {

const char *const kBaseConfig = "name: base\nmodel:\n  layers: 2\n  width: 64\ntraining:\n  lr: 0.001\n"
                                "  max_steps: 3000\n";

struct RunSpec
{
    std::string name = "baseline run";
    std::string config = kBaseConfig;
    double finalLoss = 0.4321;
    double accuracy = 0.875;
    int ranks = 1;
    bool checkpoint = true;
};

// A finished run: loss, eval/accuracy and lr curves (3,000 points), a start event with the
// trainer's environment, system samples, final and best metrics and a checkpoint artifact.
std::string makeRun(const Project &p, const RunSpec &spec)
{
    RunStore store(p);
    NewRun n;
    n.name = spec.name;
    n.configYaml = spec.config;
    n.configHash = "hash-" + spec.name;
    n.ranks = spec.ranks;
    const std::string id = store.createRun(n);
    {
        MetricWriter w(p, id, 1);
        std::vector<MetricPoint> points;
        for (int rank = 0; rank < spec.ranks; ++rank)
            for (std::int64_t s = 1; s <= 3000; ++s) {
                const double t = 1000.0 + double(s);
                points.push_back({"loss", s, t, rank, spec.finalLoss + 5.0 / double(s) + 0.01 * std::sin(double(s))});
                points.push_back({"lr", s, t, rank, 0.001 * std::min(1.0, double(s) / 100.0)});
                if (s % 100 == 0)
                    points.push_back({"eval/accuracy", s, t, rank, spec.accuracy * double(s) / 3000.0});
            }
        w.addMetrics(points);
        RunEvent start{"start", 0, 1000.0, 0,
                       R"({"event":"start","name":"base","device":"cpu","precision":"fp32","environment":)"
                       R"({"torch_version":"1.13.1-test","host":"bench-host","intra_op_threads":4,"cores":8,)"
                       R"("seed":1234,"data_fingerprint":987654321,"blas":"openblas"}})"};
        w.addEvent(start);
        for (int i = 0; i < 10; ++i) {
            SystemSample sample;
            sample.wallTime = 1000.0 + i;
            sample.rssBytes = 100e6 + 1e6 * i;
            sample.cpuPercent = 150;
            w.addSystemSample(sample);
        }
        w.flush();
    }
    store.finishRun(id, RunStatus::Finished, "", {{"loss", spec.finalLoss}, {"eval/accuracy", spec.accuracy}},
                    {{"loss", spec.finalLoss - 0.01}, {"eval/accuracy", spec.accuracy + 0.005}});
    if (spec.checkpoint) {
        const auto dir = p.layout().runCheckpointsDir(id);
        std::filesystem::create_directories(dir);
        writeFile(dir / "step-3000.ckpt", "checkpoint bytes of " + spec.name);
        store.addArtifact(id, "checkpoint", p.relativePath(dir / "step-3000.ckpt"), 3000);
    }
    return id;
}

std::filesystem::path render(const QTemporaryDir &dir, const Report &r, const char *name = "report.html")
{
    const auto file = tempPath(dir, name);
    writeReportHtml(file, r);
    return file;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runReportHasConfigMetricsAndName()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        ReportRequest req;
        req.runIds = {id};
        req.notes = "Why this run: a first look.";
        req.chartBuckets = 100;
        const Report r = buildReport(p, req);
        QCOMPARE(r.kind, std::string("run"));
        QCOMPARE(r.title, std::string("baseline run"));
        for (const char *s :
             {"overview", "config", "curves", "metrics", "system", "checkpoints", "exports", "provenance"})
            QVERIFY2(r.section(s), s);

        // Curves come from the tiles: about 100 buckets for 3,000 points, each with its band.
        const auto charts = blocksOf<Chart>(r, "curves");
        QCOMPARE(charts.size(), std::size_t(3));
        QCOMPARE(charts.front()->title, std::string("loss")); // losses first
        for (const Chart *c : charts) {
            QCOMPARE(c->series.size(), std::size_t(1));
            QVERIFY(!c->series[0].points.empty());
            QVERIFY(c->series[0].points.size() <= 200);
            for (const auto &pt : c->series[0].points)
                QVERIFY(pt.min - 1e-12 <= pt.mean && pt.mean <= pt.max + 1e-12); // a sum's rounding
        }
        QVERIFY(charts.front()->logY == false || charts.front()->series[0].points.front().min > 0);
        const auto notices = blocksOf<MissingNotice>(r, "checkpoints");
        QVERIFY(notices.empty());

        const auto file = render(dir, r);
        const QString out
            = checkHtml(file, {QStringLiteral("baseline run"), QStringLiteral("lr: 0.001"), QStringLiteral("layers: 2"),
                               QStringLiteral("0.4321"), QStringLiteral("0.875"), QStringLiteral("eval/accuracy"),
                               QStringLiteral("Why this run: a first look."), QStringLiteral("1.13.1-test"),
                               QStringLiteral("987654321"), QStringLiteral("seekbench-cli train --config"),
                               QStringLiteral("verified"), QStringLiteral("Provenance")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
        const std::string html = readFile(file);
        QVERIFY(html.find("<svg") != std::string::npos);
        QVERIFY(html.find("fill-opacity") != std::string::npos); // the min/max band
        QVERIFY(!std::filesystem::exists(file.string() + ".tmp"));
    }

    // The checker itself: each of these breaks one of its rules.
    void checkerRejects_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("script") << QStringLiteral("<script>x()</script>");
        QTest::newRow("external image") << QStringLiteral("<img src=\"https://example.com/a.png\">");
        QTest::newRow("external link") << QStringLiteral("<a href=\"http://example.com\">x</a>");
        QTest::newRow("style sheet") << QStringLiteral("<link rel=\"stylesheet\" href=\"#x\">");
        QTest::newRow("unclosed") << QStringLiteral("<div><p>x</div>");
        QTest::newRow("handler") << QStringLiteral("<p onclick=\"x()\">x</p>");
    }
    void checkerRejects()
    {
        QFETCH(QString, body);
        if (!std::filesystem::exists("/usr/bin/python3"))
            QSKIP("no /usr/bin/python3");
        QTemporaryDir dir;
        const auto file = tempPath(dir, "bad.html");
        writeFile(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"x\">"
                        "<title>t</title><style>@media print{}</style></head><body>"
                            + body.toStdString() + "</body></html>");
        QVERIFY(!checkHtml(file, {}).startsWith(QStringLiteral("ok")));
        writeFile(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"x\">"
                        "<title>t</title><style>@media print{}</style></head><body><p>fine</p></body></html>");
        QVERIFY(checkHtml(file, {QStringLiteral("fine")}).startsWith(QStringLiteral("ok")));
    }

    // The renderer on a document of every block kind, with hostile text in each.
    void rendererCoversEveryBlock()
    {
        Report r;
        r.kind = "run";
        r.title = "every block";
        r.contentsTitle = "Contents";
        Chart chart{"a \"chart\"", "step", "<y>", true, true, {}};
        chart.series.push_back(
            {"<b>series</b>", 3, {{1, 10, 5, 20}, {2, NAN, NAN, NAN}, {3, 1, 0.5, 2}, {4, 0.1, 0.05, 1}}});
        r.sections.push_back(
            Section{"all\"><script>",
                    "All blocks",
                    {Paragraph{"line one\nline <two>"}, KeyValueList{"kv & co", {{"key <k>", "value\nnext"}}},
                     Table{"t",
                           {{"text"}, {"num", ColumnKind::Number}, {"delta", ColumnKind::Delta}},
                           {{{"a"}, {"1.5"}, {"+0.5", CellTone::Better}}, {{"b"}, {"2"}, {"-1", CellTone::Worse}}}},
                     CodeBlock{"config", "yaml", "a: 1\n</code></pre><script>x()</script>"}, std::move(chart),
                     Image{"a picture", "text/html", std::string("\x89PNG\r\n\x1a\n", 8)},
                     MissingNotice{"Checkpoint <x>", "gone & damaged"}}});
        QTemporaryDir dir;
        const auto file = render(dir, r);
        const QString out = checkHtml(file, {QStringLiteral("line <two>"),
                                             QStringLiteral("</code></pre><script>x()</script>"),
                                             QStringLiteral("<b>series</b>"), QStringLiteral("gone & damaged")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
        const std::string html = readFile(file);
        QVERIFY(html.find("src=\"data:image/png;base64,iVBORw0KGgo=\"") != std::string::npos);
        QVERIFY(html.find("<td class=\"num better\">+0.5</td>") != std::string::npos);
        QVERIFY(html.find("<td class=\"num worse\">-1</td>") != std::string::npos);
        QVERIFY(html.find("id=\"s-all___script_\"") != std::string::npos);
        QCOMPARE(std::count(html.begin(), html.end(), '\0'), std::ptrdiff_t(0));
        // Two runs of finite points: two lines and two bands.
        const std::string svg = renderChartSvg(
            r.sections[0].blocks.size() > 4 ? std::get<Chart>(r.sections[0].blocks[4]) : Chart{});
        std::size_t lines = 0;
        for (std::size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1))
            ++lines;
        QCOMPARE(lines, std::size_t(2));
    }

    void missingOrDamagedCheckpoint_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::addColumn<QString>("why");
        QTest::newRow("missing") << false << QStringLiteral("the file is not in the project folder");
        QTest::newRow("damaged") << true << QStringLiteral("not the recorded");
    }
    void missingOrDamagedCheckpoint()
    {
        QFETCH(bool, damaged);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        const auto ckpt = p.layout().runCheckpointsDir(id) / "step-3000.ckpt";
        if (damaged)
            writeFile(ckpt, "flipped bytes");
        else
            std::filesystem::remove(ckpt);
        ReportRequest req;
        req.runIds = {id};
        const Report r = buildReport(p, req);
        const auto notices = blocksOf<MissingNotice>(r, "checkpoints");
        QCOMPARE(notices.size(), std::size_t(1));
        QVERIFY(notices[0]->what.find("step-3000.ckpt") != std::string::npos);
        QVERIFY2(notices[0]->why.find(why.toStdString()) != std::string::npos, notices[0]->why.c_str());
        const QString out = checkHtml(render(dir, r), {why, QStringLiteral("step-3000.ckpt"),
                                                       damaged ? QStringLiteral("damaged") : QStringLiteral("missing")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    void untrustedTextIsEscaped()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        RunStore(p).setName(id, "<script>alert('x')</script> run");
        RunStore(p).setNotes(id, "<img src=\"http://example.com/x.png\"> & <a href=\"https://example.com\">link</a>");
        ReportRequest req;
        req.runIds = {id};
        req.title = "</title><script>bad()</script>";
        const auto file = render(dir, buildReport(p, req));
        const QString out = checkHtml(file, {QStringLiteral("<script>alert('x')</script> run"),
                                             QStringLiteral("<img src=\"http://example.com/x.png\">")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
        const std::string html = readFile(file);
        QVERIFY(html.find("<script") == std::string::npos);
        QVERIFY(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    }

    void comparisonHasDeltasAndConfigDifferencesOnly()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string a = makeRun(p, {});
        RunSpec other;
        other.name = "higher lr";
        other.config = "name: base\nmodel:\n  layers: 2\n  width: 64\ntraining:\n  lr: 0.003\n  max_steps: 3000\n";
        other.finalLoss = 0.3321;
        other.accuracy = 0.9;
        const std::string b = makeRun(p, other);
        ReportRequest req;
        req.runIds = {a, b};
        req.baselineId = a;
        req.chartBuckets = 50;
        const Report r = buildReport(p, req);
        QCOMPARE(r.kind, std::string("comparison"));
        const auto tables = blocksOf<Table>(r, "config");
        QCOMPARE(tables.size(), std::size_t(1));
        QCOMPARE(tables[0]->rows.size(), std::size_t(1)); // training.lr only
        QCOMPARE(tables[0]->rows[0][0].text, std::string("training.lr"));
        QCOMPARE(tables[0]->rows[0][1].text, std::string("0.001"));
        QCOMPARE(tables[0]->rows[0][2].text, std::string("0.003"));

        const auto metrics = blocksOf<Table>(r, "metrics");
        QCOMPARE(metrics.size(), std::size_t(2)); // final, best
        bool lossDelta = false, accuracyDelta = false;
        for (const auto &row : metrics[0]->rows) {
            if (row[0].text == "loss") {
                QCOMPARE(row[3].text, std::string("-0.1"));
                QCOMPARE(int(row[3].tone), int(CellTone::Better)); // lower loss is better
                lossDelta = true;
            }
            if (row[0].text == "eval/accuracy") {
                QCOMPARE(row[3].text, std::string("+0.025"));
                QCOMPARE(int(row[3].tone), int(CellTone::Better));
                accuracyDelta = true;
            }
        }
        QVERIFY(lossDelta && accuracyDelta);
        const auto charts = blocksOf<Chart>(r, "curves");
        QVERIFY(!charts.empty());
        QCOMPARE(charts[0]->series.size(), std::size_t(2)); // overlaid

        const QString out = checkHtml(render(dir, r),
                                      {QStringLiteral("training.lr"), QStringLiteral("-0.1"), QStringLiteral("+0.025"),
                                       QStringLiteral("higher lr")},
                                      {QStringLiteral("model.layers"), QStringLiteral("training.max_steps")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    void perRankCurvesAndLabels()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        RunSpec spec;
        spec.ranks = 2;
        const std::string id = makeRun(p, spec);
        ReportLabels labels;
        labels.finalValue = "最终";
        labels.rankSeries = "进程 %1";
        labels.language = "zh_CN";
        ReportRequest req;
        req.runIds = {id};
        const Report r = buildReport(p, req, labels);
        const auto charts = blocksOf<Chart>(r, "curves");
        QVERIFY(!charts.empty());
        QCOMPARE(charts[0]->series.size(), std::size_t(2));
        QCOMPARE(charts[0]->series[1].name, std::string("进程 1"));
        const auto file = render(dir, r);
        const QString out = checkHtml(file, {QStringLiteral("最终"), QStringLiteral("进程 0")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
        QVERIFY(readFile(file).find("lang=\"zh-CN\"") != std::string::npos);
    }

    void exportsListedWithHashes()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        const auto folder = p.runDir(id) / "exports" / "safetensors-step3000";
        std::filesystem::create_directories(folder);
        writeFile(folder / "model.safetensors", "weights");
        writeFile(folder / "stray.bin", "copied by hand");
        const ArtifactRecord model
            = RunStore(p).addArtifact(id, "model", p.relativePath(folder / "model.safetensors"), 3000, "safetensors",
                                      "seekbench-cli export --run " + id + " --format safetensors");
        ReportRequest req;
        req.runIds = {id};
        const Report r = buildReport(p, req);
        const auto tables = blocksOf<Table>(r, "exports");
        QCOMPARE(tables.size(), std::size_t(2)); // recorded, then found in the folder only
        QCOMPARE(tables[0]->rows.size(), std::size_t(1));
        QCOMPARE(tables[0]->rows[0][2].text, std::string("safetensors"));
        QCOMPARE(tables[0]->rows[0].back().text, std::string("verified"));
        QCOMPARE(tables[1]->rows.size(), std::size_t(1));
        QVERIFY(tables[1]->rows[0][0].text.find("stray.bin") != std::string::npos);
        const QString out = checkHtml(render(dir, r),
                                      {QString::fromStdString(model.sha256), QStringLiteral("stray.bin")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    void amlOutputs()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        AmlResultStore aml(p);
        AmlEvaluationRow e;
        e.runId = id;
        e.model = "graph";
        e.typology = "all";
        e.rows = 1000;
        e.positives = 25;
        e.prAuc = 0.6125;
        e.rocAuc = 0.9375;
        e.recallAtFpr = 0.55;
        aml.saveEvaluations({e});
        aml.saveCurve(id, "graph", "test", 30,
                      R"([{"threshold":0.9,"precision":0.8,"recall":0.2,"fpr":0.001,"alerts":10},)"
                      R"({"threshold":0.5,"precision":0.5,"recall":0.6,"fpr":0.01,"alerts":60}])");
        AmlThresholdRow t;
        t.runId = id;
        t.model = "graph";
        t.threshold = 0.7125;
        t.precision = 0.61;
        t.recall = 0.44;
        aml.saveThreshold(t);
        ReportRequest req;
        req.runIds = {id};
        const Report r = buildReport(p, req);
        QVERIFY(r.section("aml"));
        QCOMPARE(blocksOf<Chart>(r, "aml").size(), std::size_t(1));
        const QString out = checkHtml(render(dir, r), {QStringLiteral("0.6125"), QStringLiteral("0.7125"),
                                                       QStringLiteral("Precision-recall curve (graph, test)")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    void unknownRun_data()
    {
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("baseline");
        QTest::newRow("run") << QStringLiteral("no-such-run") << QString();
        QTest::newRow("baseline") << QString() << QStringLiteral("no-such-baseline");
    }
    void unknownRun()
    {
        QFETCH(QString, run);
        QFETCH(QString, baseline);
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        ReportRequest req;
        req.runIds = {run.isEmpty() ? id : run.toStdString()};
        req.baselineId = baseline.toStdString();
        const QString named = run.isEmpty() ? baseline : run;
        try {
            buildReport(p, req);
            QFAIL("no error");
        } catch (const ProjectError &e) {
            QCOMPARE(int(e.kind()), int(ProjectError::Kind::NotFound));
            QVERIFY2(QString::fromUtf8(e.what()).contains(named), e.what());
        }
    }

    void malformedTemplate_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("named");
        QTest::newRow("not yaml") << QStringLiteral("title: [unclosed\n") << QStringLiteral("line");
        QTest::newRow("a list") << QStringLiteral("- a\n- b\n") << QStringLiteral("must be a mapping");
        QTest::newRow("unknown key") << QStringLiteral("colour: red\n") << QStringLiteral("unknown key 'colour'");
        QTest::newRow("title a map") << QStringLiteral("title: {a: 1}\n") << QStringLiteral("title must be text");
        QTest::newRow("sections a list") << QStringLiteral("sections: [curves]\n") << QStringLiteral("sections must");
        QTest::newRow("unknown section") << QStringLiteral("sections: {curvez: true}\n")
                                         << QStringLiteral("sections.curvez is not a section");
        QTest::newRow("not a bool") << QStringLiteral("sections: {curves: maybe}\n")
                                    << QStringLiteral("sections.curves must be true or false");
        QTest::newRow("no provenance") << QStringLiteral("sections: {provenance: false}\n")
                                       << QStringLiteral("sections.provenance");
        QTest::newRow("buckets") << QStringLiteral("buckets: 3\n") << QStringLiteral("buckets must");
    }
    void malformedTemplate()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const auto file = tempPath(dir, "t.yaml");
        writeFile(file, yaml.toStdString());
        try {
            loadReportTemplate(file);
            QFAIL("no error");
        } catch (const std::invalid_argument &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QStringLiteral("t.yaml")) && what.contains(named), e.what());
        }
    }

    void templateTogglesSections()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const std::string id = makeRun(p, {});
        const ReportTemplate t = parseReportTemplate(
            "title: From the template\nnotes: template notes\nbuckets: 20\nsections:\n  curves: false\n  config: no\n",
            "t.yaml");
        QCOMPARE(parseReportTemplate(reportTemplateYaml(t), "again.yaml").sections, t.sections);
        ReportRequest req;
        req.runIds = {id};
        t.applyTo(req);
        const Report r = buildReport(p, req);
        QCOMPARE(r.title, std::string("From the template"));
        QVERIFY(!r.section("curves"));
        QVERIFY(!r.section("config"));
        QVERIFY(r.section("metrics"));
        // With the config section off, provenance carries the snapshot.
        QCOMPARE(blocksOf<CodeBlock>(r, "provenance").size(), std::size_t(1));
        QVERIFY(r.section("provenance"));
        const auto path = defaultReportPath(p, r, req.runIds);
        QCOMPARE(path.parent_path(), p.layout().reportsDir());
        writeReportHtml(path, r);
        QVERIFY(std::filesystem::is_regular_file(path));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "test_report.moc"
