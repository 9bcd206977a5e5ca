// The trainer as a user relies on it: it learns, resumes exactly, trains in bf16,
// refuses damaged checkpoints, stops on divergence and on cancel, keeps the right
// checkpoints, and early-stops.

#include <torch/torch.h> // torch first, then Qt

#include "grad_scaler.h"
#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/formats/checkpoint_file.h"

#include <QtTest>

#include <fstream>

using namespace seekbench;

namespace {

RunConfig tinyConfig()
{
    RunConfig c = loadRunConfig(std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/tiny.yaml").config;
    c.training.threads = 1; // ctest runs two suites at once on two cores
    return c;
}

struct Recorded : MetricsSink
{
    std::mutex mutex;
    std::vector<MetricPoint> points;
    std::vector<RunEvent> events;
    int samples = 0;
    void addMetrics(std::span<const MetricPoint> p) override
    {
        std::lock_guard l(mutex);
        points.insert(points.end(), p.begin(), p.end());
    }
    void addSystemSample(const SystemSample &) override
    {
        std::lock_guard l(mutex);
        ++samples;
    }
    void addEvent(const RunEvent &e) override
    {
        std::lock_guard l(mutex);
        events.push_back(e);
    }
    void flush() override {}
    std::map<int64_t, double> curve(const std::string &key)
    {
        std::map<int64_t, double> out;
        for (const auto &p : points)
            if (p.key == key)
                out[p.step] = p.value;
        return out;
    }
    int count(const std::string &kind)
    {
        return int(std::count_if(events.begin(), events.end(), [&](const RunEvent &e) { return e.kind == kind; }));
    }
};

TrainResult runTraining(const RunConfig &c, const std::filesystem::path &out, Recorded *sink,
                        std::optional<std::filesystem::path> resume = {}, const CancelToken *cancel = nullptr)
{
    TrainRequest req;
    req.config = c;
    req.outDir = out;
    req.sink = sink;
    req.resumeFrom = resume;
    req.cancel = cancel;
    return train(req);
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tinyConfigLearns();
    void resumeContinuesExactly();
    void bf16Trains();
    void damagedCheckpoint_data();
    void damagedCheckpoint();
    void resumeFromFolderSkipsDamagedNewest();
    void divergenceStopsTheRun();
    void nonFiniteStepsCanBeSkipped();
    void cancelWritesFinalCheckpoint();
    void retentionKeepsLastAndBest();
    void earlyStopping();
    void sgdAndGradAccumulation();
    void gradScalerFallback();
};

// The synthetic task at difficulty 0.3 flips 3% of labels, so the best possible eval
// accuracy is about 0.978; guessing gives 0.25. 0.85 after 200 steps shows the model
// found the planted motifs (measured: ~0.95) with room for run-to-run noise.
void TestTrainer::tinyConfigLearns()
{
    QTemporaryDir dir;
    Recorded sink;
    const auto r = runTraining(tinyConfig(), dir.path().toStdString(), &sink);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("finished"));
    QCOMPARE(r.step, int64_t(200));
    QVERIFY2(r.finalMetrics.at("eval/accuracy") > 0.85, std::to_string(r.finalMetrics.at("eval/accuracy")).c_str());
    const auto loss = sink.curve("train/loss");
    QCOMPARE(loss.size(), size_t(200));
    QVERIFY(loss.rbegin()->second < loss.begin()->second * 0.5);
    QCOMPARE(sink.count("start"), 1);
    QCOMPARE(sink.count("end"), 1);
    QCOMPARE(sink.count("eval"), 4);
    QVERIFY(sink.samples >= 1);
    QVERIFY(std::filesystem::exists(checkpointPath(dir.path().toStdString(), 200)));
    // The start event records the environment, the BLAS among it.
    const auto &start = *std::find_if(sink.events.begin(), sink.events.end(), [](auto &e) { return e.kind == "start"; });
    QVERIFY(start.json.find("\"blas\":\"OpenBLAS\"") != std::string::npos);
}

void TestTrainer::resumeContinuesExactly()
{
    RunConfig c = tinyConfig();
    c.training.max_steps = 60;
    c.training.checkpoint_every = 25;
    c.training.eval_every = 0;
    c.training.keep_last = 5;
    c.model.attention_dropout = 0.1; // dropout draws from the RNG: resume must restore it
    QTemporaryDir full, part;
    Recorded a, b;
    runTraining(c, full.path().toStdString(), &a);

    CancelToken cancel;
    // Stop the second run right after its checkpoint at step 25 (a kill at that moment).
    RunConfig first = c;
    first.training.max_steps = 60;
    Recorded partial;
    {
        TrainRequest req;
        req.config = first;
        req.outDir = part.path().toStdString();
        req.sink = &partial;
        req.cancel = &cancel;
        req.onEvent = [&](const RunEvent &e) {
            if (e.kind == "checkpoint" && e.step == 25)
                cancel.cancel();
        };
        QCOMPARE(QString::fromLatin1(toString(train(req).status)), QStringLiteral("cancelled"));
    }
    // Remove anything after step 25 so the resume starts exactly there.
    for (const auto &p : listCheckpoints(part.path().toStdString()))
        if (readCheckpointInfo(p).step > 25)
            std::filesystem::remove(p);
    const auto r = runTraining(c, part.path().toStdString(), &b, std::filesystem::path(part.path().toStdString()));
    QCOMPARE(r.step, int64_t(60));
    const auto la = a.curve("train/loss"), lb = b.curve("train/loss");
    QCOMPARE(lb.begin()->first, int64_t(26));
    for (int64_t step = 26; step <= 60; ++step)
        QCOMPARE(lb.at(step), la.at(step)); // bit-identical, not merely close
}

// bf16 autocast on CPU: LibTorch 1.13 runs bf16 matmuls through a slow path on CPUs
// without avx512_bf16 (13x slower than fp32 on this AVX2 machine), so this run is short.
void TestTrainer::bf16Trains()
{
    RunConfig c = tinyConfig();
    c.training.precision = "bf16";
    c.training.max_steps = 30;
    c.training.warmup_steps = 5;
    c.training.batch_size = 8;
    c.training.lr = 0.005;
    c.training.eval_every = 0;
    c.training.eval_batches = 8;
    QTemporaryDir dir;
    Recorded sink;
    const auto r = runTraining(c, dir.path().toStdString(), &sink);
    QVERIFY2(r.status == TrainStatus::Finished, r.message.c_str());
    const auto loss = sink.curve("train/loss");
    double first = 0, last = 0;
    for (int64_t s = 1; s <= 10; ++s) {
        first += loss.at(s);
        last += loss.at(20 + s);
    }
    QVERIFY2(last < 0.8 * first, qPrintable(QStringLiteral("loss %1 -> %2").arg(first / 10).arg(last / 10)));
}

void TestTrainer::damagedCheckpoint_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << "truncate"
                               << "is truncated";
    QTest::newRow("flipped byte") << "flip"
                                  << "checksum mismatch";
    QTest::newRow("not a checkpoint") << "garbage"
                                      << "is not a Seekbench checkpoint";
    QTest::newRow("missing") << "remove"
                             << "does not exist";
    QTest::newRow("other model") << "othermodel"
                                 << "does not fit this model";
}

void TestTrainer::damagedCheckpoint()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    RunConfig c = tinyConfig();
    c.training.max_steps = 5;
    c.training.eval_every = 0;
    QTemporaryDir dir;
    const std::filesystem::path out = dir.path().toStdString();
    runTraining(c, out, nullptr);
    const auto ckpt = checkpointPath(out, 5);
    QVERIFY(std::filesystem::exists(ckpt));
    const auto size = std::filesystem::file_size(ckpt);
    if (damage == QLatin1String("truncate")) {
        std::filesystem::resize_file(ckpt, size / 2);
    } else if (damage == QLatin1String("flip")) {
        std::fstream f(ckpt, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(std::streamoff(size / 2));
        char byte = 0;
        f.read(&byte, 1);
        f.seekp(std::streamoff(size / 2));
        byte = char(byte ^ 0x5A);
        f.write(&byte, 1);
    } else if (damage == QLatin1String("garbage")) {
        std::ofstream(ckpt, std::ios::binary) << "PK\x03\x04 this is a zip, not ours";
    } else if (damage == QLatin1String("remove")) {
        std::filesystem::remove(ckpt);
    } else if (damage == QLatin1String("othermodel")) {
        c.model.hidden_size = 32;
    }
    const auto r = runTraining(c, out, nullptr, ckpt);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("failed"));
    QVERIFY(r.inputError);
    QVERIFY2(r.message.find(expected.toStdString()) != std::string::npos, r.message.c_str());
    if (damage != QLatin1String("remove"))
        QVERIFY2(r.message.find(ckpt.string()) != std::string::npos, r.message.c_str());
}

void TestTrainer::resumeFromFolderSkipsDamagedNewest()
{
    RunConfig c = tinyConfig();
    c.training.max_steps = 10;
    c.training.checkpoint_every = 5;
    c.training.eval_every = 0;
    QTemporaryDir dir;
    const std::filesystem::path out = dir.path().toStdString();
    runTraining(c, out, nullptr);
    std::filesystem::resize_file(checkpointPath(out, 10), 100);
    c.training.max_steps = 12;
    Recorded sink;
    const auto r = runTraining(c, out, &sink, out);
    QVERIFY2(r.status == TrainStatus::Finished, r.message.c_str());
    QCOMPARE(sink.curve("train/loss").begin()->first, int64_t(6));
    QVERIFY(sink.count("warning") >= 1);
}

void TestTrainer::divergenceStopsTheRun()
{
    RunConfig c = tinyConfig();
    c.training.lr = 1e30;
    c.training.warmup_steps = 0;
    c.training.grad_clip = 0;
    c.training.max_steps = 50;
    QTemporaryDir dir;
    const auto r = runTraining(c, dir.path().toStdString(), nullptr);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("diverged"));
    QVERIFY2(r.message.rfind("diverged at step ", 0) == 0, r.message.c_str());
    QVERIFY(r.step < 50);
}

void TestTrainer::nonFiniteStepsCanBeSkipped()
{
    RunConfig c = tinyConfig();
    c.training.lr = 1e30;
    c.training.warmup_steps = 0;
    c.training.grad_clip = 0;
    c.training.max_steps = 6;
    c.training.eval_every = 0;
    c.training.on_nonfinite = "skip";
    QTemporaryDir dir;
    Recorded sink;
    const auto r = runTraining(c, dir.path().toStdString(), &sink);
    QCOMPARE(r.step, int64_t(6));
    QVERIFY(sink.count("warning") >= 1);
}

void TestTrainer::cancelWritesFinalCheckpoint()
{
    RunConfig c = tinyConfig();
    c.training.checkpoint_every = 0;
    QTemporaryDir dir;
    CancelToken cancel;
    TrainRequest req;
    req.config = c;
    req.outDir = dir.path().toStdString();
    req.cancel = &cancel;
    req.onEvent = [&](const RunEvent &e) {
        if (e.kind == "step" && e.step == 7)
            cancel.cancel();
    };
    const auto r = train(req);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("cancelled"));
    QCOMPARE(r.step, int64_t(7));
    QCOMPARE(readCheckpointFile(checkpointPath(req.outDir, 7)).info.step, int64_t(7));
}

void TestTrainer::retentionKeepsLastAndBest()
{
    RunConfig c = tinyConfig();
    c.training.max_steps = 60;
    c.training.checkpoint_every = 10;
    c.training.eval_every = 10;
    c.training.keep_last = 2;
    c.training.keep_best = true;
    c.training.early_stopping_metric = "eval_loss";
    QTemporaryDir dir;
    const std::filesystem::path out = dir.path().toStdString();
    Recorded sink;
    runTraining(c, out, &sink);
    const auto evals = sink.curve("eval/loss");
    int64_t bestStep = std::min_element(evals.begin(), evals.end(), [](auto &a, auto &b) {
                           return a.second < b.second;
                       })->first;
    std::set<int64_t> steps;
    for (const auto &p : listCheckpoints(out))
        steps.insert(readCheckpointInfo(p).step);
    std::set<int64_t> expected{50, 60, bestStep};
    QCOMPARE(steps, expected);
}

void TestTrainer::earlyStopping()
{
    RunConfig c = tinyConfig();
    c.training.lr = 1e-9; // nothing improves
    c.training.warmup_steps = 0;
    c.training.eval_every = 5;
    c.training.early_stopping_patience = 2;
    c.training.early_stopping_metric = "eval_accuracy";
    QTemporaryDir dir;
    const auto r = runTraining(c, dir.path().toStdString(), nullptr);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("early_stopped"));
    QVERIFY(r.step < 200);
}

void TestTrainer::sgdAndGradAccumulation()
{
    RunConfig c = tinyConfig();
    c.training.optimizer = "sgd";
    c.training.lr = 0.05;
    c.training.grad_accum_steps = 2;
    c.training.batch_size = 16;
    c.training.max_steps = 40;
    c.training.eval_every = 0;
    QTemporaryDir dir;
    Recorded sink;
    const auto r = runTraining(c, dir.path().toStdString(), &sink);
    QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("finished"));
    // Throughput counts both micro-batches.
    const auto sps = sink.curve("train/samples_per_s"), st = sink.curve("train/step_time_s");
    QVERIFY(std::abs(sps.at(40) * st.at(40) - 32.0) < 1e-6);
}

void TestTrainer::gradScalerFallback()
{
    // The plain-op path that CPU builds take (CUDA uses the fused kernels).
    engine::GradScaler::Options o;
    o.initScale = 1024;
    o.growthInterval = 2;
    engine::GradScaler scaler(o);
    auto w = torch::ones({3}, torch::requires_grad());
    scaler.scale((w * 2).sum()).backward();
    QVERIFY(!scaler.unscale({w}));
    QVERIFY(torch::allclose(w.grad(), torch::full({3}, 2.0)));
    scaler.update();
    QCOMPARE(scaler.currentScale(), 1024.0);
    w.grad().zero_();
    scaler.scale((w * 2).sum()).backward();
    scaler.unscale({w});
    scaler.update();
    QCOMPARE(scaler.currentScale(), 2048.0); // grew after 2 clean steps
    w.grad().fill_(std::numeric_limits<float>::infinity());
    QVERIFY(scaler.unscale({w}));
    scaler.update();
    QCOMPARE(scaler.currentScale(), 1024.0); // backed off
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
