// The sensor model sees no future (issue 26), at the model level: the same config trained
// on a fleet and on a copy whose readings of one held-out machine after a moment T are
// shuffled gives bit-identical predictions (failure scores, RUL, attention) for every
// window of that machine up to T, and different ones after it. The windows-level test
// (test_pdm_windows) checks the features; this checks the model (the LSTM reads a window's
// steps only, the normalisation is fitted on the training machines, nothing else leaks).

#include "seekbench/engine/trainer.h"
#include "seekbench/pdm/pdm_dataset.h"
#include "seekbench/pdm/simulator.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <random>

using namespace seekbench;

namespace {

RunConfig smallConfig()
{
    RunConfig c;
    c.name = "pdm-no-future";
    c.data.kind = "pdm_fleet";
    c.model.hidden_size = 16;
    c.pdm.fleet = "plant";
    c.training.max_steps = 30;
    c.training.warmup_steps = 3;
    c.training.batch_size = 64;
    c.training.lr = 3e-3;
    c.training.eval_every = 0;
    c.training.checkpoint_every = 0;
    c.training.threads = 1; // one thread: the two trainings sum in the same order
    c.training.system_sample_hz = 0.5;
    c.training.seed = 5;
    return c;
}

pdm::ModelOutputs trainOn(const pdm::Fleet &fleet, const RunConfig &config, const QString &outDir)
{
    auto windows = std::make_shared<pdm::Windows>(
        pdm::makeWindows(fleet, pdm::windowOptionsOf(config, fleet.time_unit)));
    TrainRequest r;
    r.config = config;
    r.outDir = outDir.toStdString();
    r.dataset = std::make_shared<pdm::PdmDataset>(windows, "test fleet");
    r.ignoreMemoryCheck = true;
    const TrainResult res = train(r);
    if (res.status != TrainStatus::Finished)
        throw std::runtime_error("training failed: " + res.message);
    return pdm::readModelOutputs(std::filesystem::path(r.outDir) / pdm::kModelOutputsFile);
}

bool sameRow(const std::vector<float> &a, const std::vector<float> &b, std::size_t row, int width)
{
    return width == 0
           || std::memcmp(a.data() + row * std::size_t(width), b.data() + row * std::size_t(width),
                          std::size_t(width) * sizeof(float))
                  == 0;
}

} // namespace

class TestPdmModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shufflingTheFutureLeavesPastPredictionsUnchanged()
    {
        pdm::SimulatorOptions s;
        s.machines = 10;
        s.days = 40;
        s.resolution_s = 600;
        s.seed = 9;
        const pdm::Fleet fleet = pdm::simulateFleetInMemory(s);
        const RunConfig config = smallConfig();
        const pdm::Windows w = pdm::makeWindows(fleet, pdm::windowOptionsOf(config, fleet.time_unit));

        // A held-out machine and a moment T in the middle of its test windows.
        int machine = -1;
        for (std::size_t m = 0; m < w.machine_split.size() && machine < 0; ++m)
            if (w.machine_split[m] == pdm::Split::Test)
                machine = int(m);
        QVERIFY(machine >= 0);
        std::vector<double> times;
        for (std::size_t i = 0; i < w.size(); ++i)
            if (w.machine[i] == machine && w.split[i] == pdm::Split::Test)
                times.push_back(w.time[i]);
        QVERIFY(times.size() > 20);
        std::sort(times.begin(), times.end());
        const double cut = times[times.size() / 2];

        // The same fleet with that machine's readings after T shuffled in time.
        pdm::Fleet shuffled = fleet;
        pdm::MachineSeries &series = shuffled.machines[std::size_t(machine)];
        const std::size_t from = std::size_t(std::upper_bound(series.time.begin(), series.time.end(), cut)
                                             - series.time.begin());
        QVERIFY(from < series.rows());
        std::mt19937 rng(3);
        for (auto &column : series.values)
            std::shuffle(column.begin() + std::ptrdiff_t(from), column.end(), rng);

        QTemporaryDir a, b;
        const pdm::ModelOutputs before = trainOn(fleet, config, a.path());
        const pdm::ModelOutputs after = trainOn(shuffled, config, b.path());
        QCOMPARE(after.windows, before.windows); // the same windows: only readings changed
        int past = 0, future = 0, changed = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
            const bool same = sameRow(before.scores, after.scores, i, before.modes)
                              && sameRow(before.rul, after.rul, i, 1)
                              && sameRow(before.temporal, after.temporal, i, before.history)
                              && sameRow(before.sensor, after.sensor, i, before.sensors);
            if (w.machine[i] != machine || w.time[i] <= cut) {
                QVERIFY2(same, qPrintable(QStringLiteral("window %1 (machine %2, t %3) changed")
                                              .arg(i)
                                              .arg(w.machine[i])
                                              .arg(w.time[i], 0, 'f', 0)));
                past += w.machine[i] == machine;
            } else {
                ++future;
                changed += !same;
            }
        }
        qInfo("machine %d: %d windows up to T unchanged; %d of %d after T changed", machine, past, changed, future);
        QVERIFY(past > 10);
        // The shuffle reached the model: the windows after T see other readings.
        QVERIFY(changed > future / 2);
    }
};

QTEST_MAIN(TestPdmModel)
#include "test_pdm_model.moc"
