// Curves of a distributed run: rank 0's by default, every rank's on request, live tails
// included; series ids and labels name the rank.
#include "project/store_watcher.h"
#include "runs/run_curve_provider.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

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
};

QTEST_MAIN(TestRunCurves)
#include "test_run_curves.moc"
