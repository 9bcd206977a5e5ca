// Sweep reports (issue 24): the document built from a sweep's trials in the store
// (recorded with ask/tell, no training): its sections, the best trials in the
// objective's direction, a monotone best so far, parallel coordinates with the best
// trial highlighted, importance shares that sum to one, a sweep with no complete trial
// still rendered with notices, the HTML checked with a real parser, an unknown sweep named.

#include "report_test_support.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/sweep_report.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/sweep_store.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using namespace testsupport;
using seekbench::tuning::Trial;
using seekbench::tuning::TrialParams;
using seekbench::tuning::TrialState;

namespace {

std::string spaceYaml(const char *direction)
{
    return std::string("base: configs/tiny.yaml\n"
                       "objective: {metric: eval/loss, direction: ")
           + direction
           + ", at: end}\n"
             "sampler: {kind: random, seed: 3}\n"
             "pruner: {kind: median}\n"
             "trials: 30\n"
             "params:\n"
             "  training.lr: {log_uniform: [1.0e-4, 3.0e-2]}\n"
             "  model.hidden_size: {choices: [64, 128, 256]}\n"
             "  training.warmup_steps: {int: [0, 200], step: 10}\n"
             "  training.optimizer: {choices: [adamw, sgd]}\n"
             "  training.momentum: {uniform: [0.5, 0.99], when: {training.optimizer: sgd}}\n";
}

// The objective of a trial: driven by the learning rate, a little by the width.
double objectiveOf(double lr, int hidden) { return std::pow(std::log10(lr) + 2.5, 2) + 0.01 * hidden / 64.0 + 0.1; }

struct Fixture
{
    std::string sweepId;
    std::string bestRunId;
    int complete = 0;
};

// A sweep with `complete` complete trials (values from objectiveOf), then a pruned, a
// failed and a running one; the trials' runs recorded for the best few.
Fixture makeSweep(const Project &p, const std::string &name, const char *direction, int complete)
{
    SweepStore store(p);
    Fixture f;
    f.sweepId = store.createSweep(name, spaceYaml(direction));
    f.complete = complete;
    RunStore runs(p);
    for (int i = 0; i < complete + 3; ++i) {
        const double lr = 1e-4 * std::pow(300.0, double((i * 7) % 17) / 16.0);
        const int hidden = 64 << (i % 3);
        TrialParams params{{"training.lr", std::to_string(lr)},
                           {"model.hidden_size", std::to_string(hidden)},
                           {"training.warmup_steps", std::to_string(10 * (i % 21))},
                           {"training.optimizer", i % 2 ? "sgd" : "adamw"}};
        if (i % 2)
            params["training.momentum"] = "0.9";
        const auto t = store.ask(f.sweepId, [&](const std::vector<Trial> &, int) { return std::optional(params); });
        NewRun n;
        n.name = name + "-trial-" + std::to_string(t->number);
        n.configYaml = "training:\n  lr: " + std::to_string(lr) + "\n";
        n.configHash = "h" + std::to_string(i);
        const std::string runId = runs.createRun(n);
        store.setTrialRun(f.sweepId, t->number, runId);
        if (i < complete) {
            store.report(f.sweepId, t->number, 100, objectiveOf(lr, hidden) + 0.5);
            store.tell(f.sweepId, t->number, TrialState::Complete, objectiveOf(lr, hidden));
            runs.finishRun(runId, RunStatus::Finished, "", {{"eval/loss", objectiveOf(lr, hidden)}}, {});
        } else if (i == complete) {
            store.tell(f.sweepId, t->number, TrialState::Pruned, std::nullopt, "below the median");
        } else if (i == complete + 1) {
            store.tell(f.sweepId, t->number, TrialState::Failed, std::nullopt, "crashed");
        } // the last stays running
    }
    return f;
}

SweepReportRequest requestFor(const std::string &sweep)
{
    SweepReportRequest r;
    r.sweepId = sweep;
    return r;
}

double cellNumber(const TableCell &c) { return std::stod(c.text); }

// The tables show 6 significant digits.
bool near(double a, double b) { return std::abs(a - b) <= 1e-5 * std::max(1.0, std::abs(b)); }

} // namespace

class TestSweepReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hasEverySection()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const Fixture f = makeSweep(p, "lr-sweep", "minimize", 12);
        const Report r = buildSweepReport(p, requestFor(f.sweepId));
        QCOMPARE(r.kind, std::string("sweep"));
        QCOMPARE(r.title, std::string("lr-sweep"));
        for (const char *id : {sections::kOverview, sections::kSearchSpace, sections::kBestTrials, sections::kBestSoFar,
                               sections::kParallel, sections::kImportance, sections::kConfig, sections::kProvenance})
            QVERIFY2(r.section(id), id);
        // The overview counts the trials by state and names the objective.
        const auto overview = blocksOf<KeyValueList>(r, sections::kOverview);
        QCOMPARE(overview.size(), std::size_t(1));
        std::string all;
        for (const auto &kv : overview.front()->items)
            all += kv.key + "=" + kv.value + "\n";
        QVERIFY2(all.find("12 complete, 1 pruned, 1 failed, 0 infeasible, 1 running (15 in all)") != std::string::npos,
                 all.c_str());
        QVERIFY2(all.find("eval/loss, minimize") != std::string::npos, all.c_str());
        QVERIFY2(all.find("Sampler=random") != std::string::npos, all.c_str());
        QVERIFY2(all.find("Pruner=median") != std::string::npos, all.c_str());
        // The space: one row per param, the condition shown.
        const auto space = blocksOf<Table>(r, sections::kSearchSpace);
        QCOMPARE(space.front()->rows.size(), std::size_t(5));
        QCOMPARE(space.front()->rows[4][3].text, std::string("training.optimizer = sgd"));
        // The definition as created, and the command that reproduces the sweep.
        const auto code = blocksOf<CodeBlock>(r, sections::kConfig);
        QVERIFY(!code.empty() && code.front()->text.find("log_uniform") != std::string::npos);
        std::string provenance;
        for (const auto *kv : blocksOf<KeyValueList>(r, sections::kProvenance))
            for (const auto &i : kv->items)
                provenance += i.value + "\n";
        QVERIFY2(provenance.find("seekbench-cli sweep create --space sweeps/lr-sweep.yaml") != std::string::npos,
                 provenance.c_str());
        QVERIFY2(provenance.find("seekbench-cli sweep run --sweep lr-sweep") != std::string::npos, provenance.c_str());
        QCOMPARE(r.provenance.runs.size(), std::size_t(1)); // the best trial's run
    }

    void bestTrialsFollowTheDirection_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::newRow("minimize") << "minimize";
        QTest::newRow("maximize") << "maximize";
    }

    void bestTrialsFollowTheDirection()
    {
        QFETCH(QString, direction);
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const bool minimize = direction == QLatin1String("minimize");
        const Fixture f = makeSweep(p, "dir", minimize ? "minimize" : "maximize", 12);
        SweepReportRequest request = requestFor(f.sweepId);
        request.topTrials = 5;
        const Report r = buildSweepReport(p, request);
        const auto tables = blocksOf<Table>(r, sections::kBestTrials);
        QCOMPARE(tables.size(), std::size_t(1));
        const Table &t = *tables.front();
        QCOMPARE(t.rows.size(), std::size_t(5));
        QCOMPARE(t.columns[1].header, std::string("eval/loss"));
        QCOMPARE(t.columns.back().header, std::string("Run id"));
        for (std::size_t i = 1; i < t.rows.size(); ++i) {
            const double a = cellNumber(t.rows[i - 1][1]), b = cellNumber(t.rows[i][1]);
            QVERIFY2(minimize ? a <= b : a >= b, (std::to_string(a) + " then " + std::to_string(b)).c_str());
        }
        // The best trial's run id is in its row and is the provenance's run.
        QCOMPARE(t.rows.front().back().text, r.provenance.runs.front().runId);

        // Best so far: a dot per complete trial, and a monotone line.
        const auto charts = blocksOf<Chart>(r, sections::kBestSoFar);
        QCOMPARE(charts.size(), std::size_t(1));
        QCOMPARE(charts.front()->series.size(), std::size_t(2));
        const ChartSeries &dots = charts.front()->series[0], &best = charts.front()->series[1];
        QVERIFY(dots.dots && best.stepped);
        QCOMPARE(dots.points.size(), std::size_t(f.complete));
        QCOMPARE(best.points.size(), dots.points.size());
        for (std::size_t i = 1; i < best.points.size(); ++i) {
            QVERIFY(best.points[i].x > best.points[i - 1].x);
            QVERIFY(minimize ? best.points[i].mean <= best.points[i - 1].mean
                             : best.points[i].mean >= best.points[i - 1].mean);
        }
        QVERIFY(near(best.points.back().mean, cellNumber(t.rows.front()[1])));

        // Parallel coordinates: an axis per param and the objective, a line per complete
        // trial, the best one highlighted.
        const auto pcs = blocksOf<ParallelCoordinates>(r, sections::kParallel);
        QCOMPARE(pcs.size(), std::size_t(1));
        const ParallelCoordinates &pc = *pcs.front();
        QCOMPARE(pc.axes.size(), std::size_t(6));
        QVERIFY(pc.axes[0].log);                                // the log-uniform learning rate
        QCOMPARE(pc.axes[1].categories.size(), std::size_t(3)); // the widths
        QCOMPARE(pc.lines.size(), std::size_t(f.complete));
        QCOMPARE(pc.lowerIsBetter, minimize);
        int highlighted = 0;
        for (const auto &line : pc.lines) {
            QCOMPARE(line.values.size(), pc.axes.size());
            if (line.highlighted) {
                ++highlighted;
                QVERIFY(near(line.objective, cellNumber(t.rows.front()[1])));
            }
            for (std::size_t i = 0; i + 1 < line.values.size(); ++i)
                if (!std::isnan(line.values[i])) {
                    const double pos = parallelPosition(pc.axes[i], line.values[i]);
                    QVERIFY2(pos >= 0 && pos <= 1, pc.axes[i].name.c_str());
                }
        }
        QCOMPARE(highlighted, 1);
    }

    void importanceSumsToOne()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const Fixture f = makeSweep(p, "imp", "minimize", 16);
        const Report r = buildSweepReport(p, requestFor(f.sweepId));
        const auto tables = blocksOf<Table>(r, sections::kImportance);
        QCOMPARE(tables.size(), std::size_t(1));
        double sum = 0;
        for (const auto &row : tables.front()->rows) {
            const double share = cellNumber(row[1]);
            QVERIFY(share >= 0 && share <= 1);
            sum += share;
        }
        QVERIFY2(std::abs(sum - 1) < 0.01, std::to_string(sum).c_str());
        // The objective follows the learning rate: it comes first.
        QCOMPARE(tables.front()->rows.front()[0].text, std::string("training.lr"));
        // Fewer complete trials than the forest needs: a notice, not a table.
        const Fixture few = makeSweep(p, "few", "minimize", 3);
        const Report small = buildSweepReport(p, requestFor(few.sweepId));
        QVERIFY(blocksOf<Table>(small, sections::kImportance).empty());
        QCOMPARE(blocksOf<MissingNotice>(small, sections::kImportance).size(), std::size_t(1));
    }

    void noCompleteTrialStillRenders()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const Fixture f = makeSweep(p, "empty", "minimize", 0);
        const Report r = buildSweepReport(p, requestFor(f.sweepId));
        for (const char *id : {sections::kBestTrials, sections::kBestSoFar, sections::kParallel, sections::kImportance})
            QVERIFY2(!blocksOf<MissingNotice>(r, id).empty(), id);
        QVERIFY(r.provenance.runs.empty());
        const auto file = tempPath(dir, "empty.html");
        writeReportHtml(file, r);
        const QString out = checkHtml(file, {QStringLiteral("empty"), QStringLiteral("no trial of this sweep")});
        QVERIFY2(!out.startsWith(QLatin1String("FAILED")), qPrintable(out));
    }

    void htmlParsesAndIsSelfContained()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const Fixture f = makeSweep(p, "html-sweep", "minimize", 12);
        const Report r = [&] {
            auto request = requestFor(f.sweepId);
            request.title = "Learning-rate <sweep> & co";
            request.notes = "notes";
            return buildSweepReport(p, request);
        }();
        const auto file = tempPath(dir, "sweep.html");
        writeReportHtml(file, r);
        const QString out = checkHtml(file, {QStringLiteral("Learning-rate <sweep> & co"), QStringLiteral("html-sweep"),
                                             QStringLiteral("Parallel coordinates"), QStringLiteral("Best so far"),
                                             QStringLiteral("Parameter importance"), QStringLiteral("training.lr"),
                                             QStringLiteral("eval/loss (darker: better)")});
        QVERIFY2(!out.startsWith(QLatin1String("FAILED")), qPrintable(out));
        std::ifstream in(file);
        const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QVERIFY(html.find("<circle") != std::string::npos);                                 // the trials as dots
        QVERIFY(html.find("stroke=\"#d62728\" stroke-width=\"2.4\"") != std::string::npos); // the best trial
        QVERIFY(html.find("Learning-rate <sweep>") == std::string::npos);                   // escaped
    }

    void unknownSweepIsNamed()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        try {
            buildSweepReport(p, requestFor("sw-nope"));
            QFAIL("built a report of an unknown sweep");
        } catch (const ProjectError &e) {
            QCOMPARE(e.exitCode(), 2);
            QVERIFY2(std::string(e.what()).find("sw-nope") != std::string::npos, e.what());
        }
        const Fixture f = makeSweep(p, "top", "minimize", 2);
        SweepReportRequest bad = requestFor(f.sweepId);
        bad.topTrials = 0;
        QVERIFY_THROWS_EXCEPTION(ProjectError, buildSweepReport(p, bad));
    }

    void sectionsCanBeHidden()
    {
        QTemporaryDir dir;
        const Project p = makeProject(tempPath(dir));
        const Fixture f = makeSweep(p, "hide", "minimize", 6);
        SweepReportRequest request = requestFor(f.sweepId);
        request.sections[sections::kParallel] = false;
        request.sections[sections::kImportance] = false;
        const Report r = buildSweepReport(p, request);
        QVERIFY(!r.section(sections::kParallel) && !r.section(sections::kImportance));
        QVERIFY(r.section(sections::kBestTrials) && r.section(sections::kProvenance));
    }
};

QTEST_GUILESS_MAIN(TestSweepReport)
#include "test_sweep_report.moc"
