// The sweeps of a project (issue 22): names, ask/tell/report and their refusals, the
// trials as the sampler's state across connections, and concurrent asks.

#include "seekbench/projects/project_error.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/projects/sweep_store.h"
#include "test_support.h"

#include <cmath>
#include <set>
#include <thread>

using namespace seekbench::projects;
using seekbench::tuning::Trial;
using seekbench::tuning::TrialParams;
using seekbench::tuning::TrialState;

namespace {

SweepStore::Suggest fixed(const std::string &lr)
{
    return [lr](const std::vector<Trial> &, int) {
        return std::optional<TrialParams>(TrialParams{{"training.lr", lr}});
    };
}

const char *kSpace = "base: configs/tiny.yaml\n"
                     "trials: 10\n"
                     "params:\n"
                     "  training.lr: {uniform: [0.001, 0.01]}\n";

} // namespace

class TestSweepStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void badNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << ""
                               << "1 to 100 characters";
        QTest::newRow("path") << "../x"
                              << "letters, digits";
        QTest::newRow("slash") << "a/b"
                               << "letters, digits";
        QTest::newRow("space") << "my sweep"
                               << "letters, digits";
        QTest::newRow("dot first") << ".hidden"
                                   << "must not start with '.'";
        QTest::newRow("long") << QString(101, QLatin1Char('a')) << "1 to 100 characters";
    }

    void badNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        const std::string folder = std::string("names-") + QTest::currentDataTag();
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, folder.c_str()));
        SweepStore store(p);
        try {
            store.createSweep(name.toStdString(), kSpace);
            QFAIL("accepted a bad name");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::BadInput);
            QVERIFY2(QString::fromUtf8(e.what()).contains(error), e.what());
        }
        QVERIFY(store.sweeps().empty());
    }

    void askTellReport()
    {
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, "ask"));
        SweepStore store(p);
        const std::string id = store.createSweep("lr", kSpace);
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.createSweep("lr", kSpace)); // the name is taken
        QCOMPARE(store.require("lr").id, id);
        QCOMPARE(store.require(id).name, std::string("lr"));
        QVERIFY(!store.find("other"));

        std::vector<std::size_t> seen;
        const auto t0 = store.ask(id, [&](const std::vector<Trial> &h, int n) {
            seen.push_back(h.size());
            return n == 0 ? std::optional<TrialParams>(TrialParams{{"training.lr", "0.002"}}) : std::nullopt;
        });
        QVERIFY(t0 && t0->number == 0);
        const auto t1 = store.ask(id, fixed("0.004"));
        QCOMPARE(t1->number, 1);
        // Exhausted: nothing is recorded.
        QVERIFY(!store.ask(id, [](const std::vector<Trial> &, int) { return std::optional<TrialParams>(); }));
        QCOMPARE(store.trials(id).size(), std::size_t(2));

        store.report(id, 0, 10, 0.9);
        store.report(id, 0, 20, 0.7);
        store.report(id, 0, 10, 0.8); // a step reported again replaces its value
        store.tell(id, 0, TrialState::Complete, 0.7, {}, 12.5);
        const std::vector<Trial> trials = store.trials(id);
        QCOMPARE(trials[0].state, TrialState::Complete);
        QCOMPARE(*trials[0].value, 0.7);
        QCOMPARE(*trials[0].cost, 12.5);
        QCOMPARE(trials[0].intermediate.size(), std::size_t(2));
        QCOMPARE(trials[0].intermediate[0], (std::pair<std::int64_t, double>(10, 0.8)));
        QCOMPARE(trials[0].params.at("training.lr"), std::string("0.002"));
        QCOMPARE(trials[1].state, TrialState::Running);
        QCOMPARE(bestTrial(sweepSpace(store.require(id)), trials)->number, 0);
    }

    void refusals_data()
    {
        QTest::addColumn<int>("trial");
        QTest::addColumn<int>("state");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("error");
        const double nan = std::nan("");
        QTest::newRow("unknown trial") << 9 << int(TrialState::Complete) << 1.0 << "has no trial 9";
        QTest::newRow("told twice") << 0 << int(TrialState::Complete) << 1.0 << "has ended already (complete)";
        QTest::newRow("running is no end") << 1 << int(TrialState::Running) << 1.0 << "not an end state";
        QTest::newRow("complete without value") << 1 << int(TrialState::Complete) << nan << "needs its value";
        QTest::newRow("infinite value") << 1 << int(TrialState::Pruned) << HUGE_VAL << "not a finite number";
    }

    void refusals()
    {
        QFETCH(int, trial);
        QFETCH(int, state);
        QFETCH(double, value);
        QFETCH(QString, error);
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, QTest::currentDataTag()));
        SweepStore store(p);
        const std::string id = store.createSweep("s", kSpace);
        store.ask(id, fixed("0.002"));
        store.ask(id, fixed("0.003"));
        store.tell(id, 0, TrialState::Complete, 0.5);
        const std::optional<double> v = std::isnan(value) ? std::nullopt : std::optional<double>(value);
        try {
            store.tell(id, trial, TrialState(state), v);
            QFAIL("accepted");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::BadInput);
            QVERIFY2(QString::fromUtf8(e.what()).contains(error), e.what());
        }
        // Nothing changed: trial 0 keeps its value, trial 1 still runs.
        const auto trials = store.trials(id);
        QCOMPARE(*trials[0].value, 0.5);
        QCOMPARE(trials[1].state, TrialState::Running);
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.report(id, 0, 5, 0.1)); // ended: no more reports
    }

    // Four connections asking at once get distinct numbers, and each later ask sees the
    // trials before it (the constant liar's input).
    void concurrentAsks()
    {
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, "concurrent"));
        const std::string id = SweepStore(p).createSweep("c", kSpace);
        std::vector<int> numbers[4];
        std::vector<std::thread> threads;
        for (int k = 0; k < 4; ++k)
            threads.emplace_back([&, k] {
                SweepStore store(p);
                for (int i = 0; i < 10; ++i)
                    numbers[k].push_back(
                        store
                            .ask(id,
                                 [](const std::vector<Trial> &h, int n) {
                                     // The history is every trial before n.
                                     if (int(h.size()) != n)
                                         return std::optional<TrialParams>();
                                     return std::optional<TrialParams>(TrialParams{{"training.lr", std::to_string(n)}});
                                 })
                            ->number);
            });
        for (auto &t : threads)
            t.join();
        std::set<int> all;
        for (const auto &v : numbers)
            all.insert(v.begin(), v.end());
        QCOMPARE(all.size(), std::size_t(40));
        QCOMPARE(*all.rbegin(), 39);
    }
};

QTEST_GUILESS_MAIN(TestSweepStore)
#include "test_sweep_store.moc"
