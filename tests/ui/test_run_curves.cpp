// Curves of a distributed run: rank 0's by default, every rank's on request, live tails
// included; series ids and labels name the rank. Curves of several runs: each run in its
// own colour in every chart, train solid and eval dashed (issue 21).
#include "project/store_watcher.h"
#include "runs/run_curve_provider.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/widgets/run_palette.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;

class TestRunCurves : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::shared_ptr<projects::Project> m_project;
    std::string m_run;
    int m_next = 50; // the next step to stream

    void write(int fromStep, int toStep)
    {
        projects::MetricWriter w(*m_project, m_run, 1);
        std::vector<MetricPoint> pts;
        for (int s = fromStep; s < toStep; ++s)
            for (int rank = 0; rank < 2; ++rank)
                pts.push_back({"train/samples_per_s", s, 1000.0 + s, rank, 100.0 + rank});
        w.addMetrics(pts);
        w.flush();
    }

    static QStringList ids(const QVector<widgets::PlotSeries> &series)
    {
        QStringList out;
        for (const auto &s : series)
            out << s.id;
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        projects::ProjectManifest m;
        m.name = "ranks";
        m_project = std::make_shared<projects::Project>(
            projects::Project::create(m_tmp.filePath(QStringLiteral("p")).toStdString(), m));
        projects::NewRun run;
        run.name = "two ranks";
        m_run = projects::RunStore(*m_project).createRun(run);
        write(0, 50);
    }

    void rankZeroUnlessAsked_data()
    {
        QTest::addColumn<bool>("allRanks");
        QTest::addColumn<int>("series");
        QTest::newRow("rank 0") << false << 1;
        QTest::newRow("every rank") << true << 2;
    }

    void rankZeroUnlessAsked()
    {
        QFETCH(bool, allRanks);
        QFETCH(int, series);
        ui::StoreWatcher watcher(m_project);
        const QString run = QString::fromStdString(m_run);
        ui::RunCurveProvider provider(&watcher, {run}, {QStringLiteral("train/samples_per_s")}, nullptr, allRanks);
        QSignalSpy replaced(&provider, &widgets::PlotDataProvider::seriesReplaced);
        provider.requestAll(500);
        QTRY_COMPARE(replaced.count(), 1);
        const auto got = replaced.front().front().value<QVector<widgets::PlotSeries>>();
        QCOMPARE(got.size(), series);
        QCOMPARE(got.front().size(), m_next);
        if (allRanks) {
            QCOMPARE(ids(got), (QStringList{run + QStringLiteral("/train/samples_per_s"),
                                            run + QStringLiteral("/train/samples_per_s#1")}));
            QVERIFY(got[0].label.contains(QStringLiteral("rank")));
        }

        // Live tails follow the same rule.
        QSignalSpy appended(&provider, &widgets::PlotDataProvider::seriesAppended);
        watcher.watchRun(run);
        write(m_next, m_next + 10);
        m_next += 10;
        watcher.refresh();
        QTRY_VERIFY(appended.count() >= 1);
        const auto tails = appended.front().front().value<QVector<widgets::PlotSeries>>();
        QCOMPARE(tails.size(), series);
        for (const auto &t : tails)
            QCOMPARE(t.size(), 10);
    }

    void oneColourPerRun()
    {
        projects::RunStore store(*m_project);
        std::vector<std::string> runs;
        for (const char *name : {"alpha", "beta"}) {
            projects::NewRun r;
            r.name = name;
            runs.push_back(store.createRun(r));
            projects::MetricWriter w(*m_project, runs.back(), 1);
            std::vector<MetricPoint> pts;
            for (int s = 0; s < 20; ++s) {
                pts.push_back({"train/loss", s, 1000.0 + s, 0, 1.0 / (1 + s)});
                if (s % 5 == 0)
                    pts.push_back({"eval/loss", s, 1000.0 + s, 0, 1.2 / (1 + s)});
            }
            w.addMetrics(pts);
            w.flush();
        }
        const int colorA = store.run(runs[0]).color, colorB = store.run(runs[1]).color;
        QCOMPARE(colorB, colorA + 1); // creation order
        ui::StoreWatcher watcher(m_project);
        const QStringList ids = {QString::fromStdString(runs[0]), QString::fromStdString(runs[1])};
        ui::RunCurveProvider provider(&watcher, ids, {QStringLiteral("train/loss"), QStringLiteral("eval/loss")},
                                      nullptr);
        QSignalSpy replaced(&provider, &widgets::PlotDataProvider::seriesReplaced);
        provider.requestAll(500);
        QTRY_COMPARE(replaced.count(), 1);
        const auto got = replaced.front().front().value<QVector<widgets::PlotSeries>>();
        QCOMPARE(got.size(), 4);
        for (const auto &series : got) {
            const bool first = series.id.startsWith(ids[0] + QLatin1Char('/'));
            QCOMPARE(series.color, widgets::runColor(first ? colorA : colorB));
            const bool eval = series.id.contains(QStringLiteral("eval/"));
            QCOMPARE(series.style, eval ? Qt::DashLine : Qt::SolidLine);
        }
        QVERIFY(widgets::runColor(colorA) != widgets::runColor(colorB));

        // Live tails carry the run's colour too.
        QSignalSpy appended(&provider, &widgets::PlotDataProvider::seriesAppended);
        watcher.watchRun(ids[1]);
        {
            projects::MetricWriter w(*m_project, runs[1], 1);
            const std::vector<MetricPoint> more = {{"train/loss", 20, 1020.0, 0, 0.04}};
            w.addMetrics(more);
            w.flush();
        }
        watcher.refresh();
        QTRY_VERIFY(appended.count() >= 1);
        const auto tails = appended.front().front().value<QVector<widgets::PlotSeries>>();
        QCOMPARE(tails.size(), 1);
        QCOMPARE(tails.front().color, widgets::runColor(colorB));
    }
};

QTEST_MAIN(TestRunCurves)
#include "test_run_curves.moc"
