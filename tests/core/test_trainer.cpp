// The trainer as a user relies on it: it learns, resumes exactly, trains in bf16,
// refuses damaged checkpoints, stops on divergence and on cancel, keeps the right
// checkpoints, and early-stops.

#include <torch/torch.h> // torch first, then Qt

#include "checkpoint.h"
#include "grad_scaler.h"
#include "optimizer_step.h"
#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/formats/checkpoint_file.h"
#include "training_task.h"

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
    void sgdLowersTheLoss();
    void gradAccumulationEqualsOneLargerBatch();
    void gradScalerFallback();
    void lossScalerSkipsOverflowAndBacksOff();
    void nonFiniteStepWithoutScaler();
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

void TestTrainer::sgdLowersTheLoss()
{
    RunConfig c = tinyConfig();
    c.training.optimizer = "sgd";
    c.training.lr = 0.05;
    c.training.momentum = 0.9;
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
    // The loss falls: the mean of the last 10 steps against the first 10 (chance level
    // for 4 classes is ln 4 = 1.386).
    const auto loss = sink.curve("train/loss");
    QCOMPARE(loss.size(), std::size_t(40));
    double first = 0, last = 0;
    for (int s = 1; s <= 10; ++s) {
        first += loss.at(s) / 10;
        last += loss.at(30 + s) / 10;
    }
    QVERIFY2(last < first * 0.9, (std::to_string(first) + " -> " + std::to_string(last)).c_str());
}

namespace {

// The model's parameters after a run, read from its last checkpoint.
std::vector<at::Tensor> finalParameters(const RunConfig &c, const std::filesystem::path &dir, std::int64_t step)
{
    torch::manual_seed(c.training.seed);
    auto task = engine::makeTrainingTask(c, 0, 1);
    const auto path = checkpointPath(dir, step);
    engine::loadModelWeights(readCheckpointFile(path).payload, path.string(), task->module());
    std::vector<at::Tensor> out;
    for (const auto &p : task->module().parameters())
        out.push_back(p.detach().clone());
    return out;
}

double maxAbsDifference(const std::vector<at::Tensor> &a, const std::vector<at::Tensor> &b)
{
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, (a[i] - b[i]).abs().max().item<double>());
    return m;
}

} // namespace

// k micro-batches of n samples make the same update as one batch of k*n: the same
// samples (the data stream cuts the k*n in order), each micro-batch's mean loss divided
// by k. Compared on the parameters after one plain SGD step.
void TestTrainer::gradAccumulationEqualsOneLargerBatch()
{
    RunConfig c = tinyConfig();
    c.training.optimizer = "sgd";
    c.training.lr = 0.5;
    c.training.momentum = 0;
    c.training.weight_decay = 0;
    c.training.schedule = "constant";
    c.training.warmup_steps = 0;
    c.training.grad_clip = 0;
    c.training.max_steps = 1;
    c.training.eval_every = 0;
    auto runWith = [&](int batch, int accum) {
        RunConfig r = c;
        r.training.batch_size = batch;
        r.training.grad_accum_steps = accum;
        QTemporaryDir dir;
        Recorded sink;
        const auto result = runTraining(r, dir.path().toStdString(), &sink);
        if (result.status != TrainStatus::Finished)
            throw std::runtime_error("run did not finish: " + result.message);
        return finalParameters(r, dir.path().toStdString(), 1);
    };
    torch::manual_seed(c.training.seed);
    std::vector<at::Tensor> initial;
    for (const auto &p : engine::makeTrainingTask(c, 0, 1)->module().parameters())
        initial.push_back(p.detach().clone());

    const auto accumulated = runWith(8, 4); // 4 micro-batches of 8
    const auto whole = runWith(32, 1);      // one batch of 32
    const auto half = runWith(16, 1);       // a different update, for scale
    const double update = maxAbsDifference(whole, initial);
    const double gap = maxAbsDifference(accumulated, whole);
    const double other = maxAbsDifference(half, whole);
    QVERIFY2(update > 1e-3, std::to_string(update).c_str()); // the step moved the weights
    // float32 sums in another order: measured gap/update about 1e-6; a different batch
    // moves the weights by a good fraction of the update.
    QVERIFY2(gap < 1e-4 * update, (std::to_string(gap) + " against an update of " + std::to_string(update)).c_str());
    QVERIFY2(other > 1e-2 * update, (std::to_string(other) + " against " + std::to_string(update)).c_str());
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

// The trainer's end of step with fp16's loss scaler (engine::finishStep, what the trainer
// calls), on CPU tensors: inf or NaN gradients skip the step and halve the scale, even
// with on_nonfinite: stop; growthInterval clean steps double it; taken steps see the
// unscaled gradients.
void TestTrainer::lossScalerSkipsOverflowAndBacksOff()
{
    engine::GradScaler::Options o;
    o.initScale = 1024;
    o.growthInterval = 3;
    o.useFusedKernels = false;
    engine::GradScaler scaler(o);
    const auto w0 = torch::tensor({1.0f, -2.0f, 4.0f});
    auto w = w0.clone().requires_grad_(true);
    torch::optim::SGD sgd({w}, torch::optim::SGDOptions(0.25));
    int taken = 0;
    auto step = [&](float poison) {
        sgd.zero_grad();
        const auto loss = (w * w).sum(); // gradient 2w
        scaler.scale(loss).backward();
        if (poison != 0)
            w.mutable_grad()[1] = poison;
        return engine::finishStep(&scaler, {w}, loss.item<double>(), 0, true, [&] {
            sgd.step();
            ++taken;
        });
    };
    auto out = step(std::numeric_limits<float>::infinity());
    QCOMPARE(int(out.decision), int(engine::StepDecision::SkippedOverflow));
    QCOMPARE(scaler.currentScale(), 512.0);
    QCOMPARE(taken, 0);
    QVERIFY(torch::equal(w.detach(), w0));
    out = step(std::numeric_limits<float>::quiet_NaN());
    QCOMPARE(int(out.decision), int(engine::StepDecision::SkippedOverflow));
    QCOMPARE(scaler.currentScale(), 256.0);
    QVERIFY(torch::equal(w.detach(), w0));

    // Clean steps: the update is the unscaled gradient's (w - 0.25 * 2w = w / 2), and the
    // reported norm is the unscaled one.
    out = step(0);
    QCOMPARE(int(out.decision), int(engine::StepDecision::Stepped));
    QVERIFY(torch::allclose(w.detach(), w0 * 0.5));
    QVERIFY2(std::abs(out.gradNorm - 2 * w0.norm().item<double>()) < 1e-4, std::to_string(out.gradNorm).c_str());
    QCOMPARE(scaler.currentScale(), 256.0);
    step(0);
    QCOMPARE(scaler.currentScale(), 256.0);
    // An overflow resets the count of clean steps: three more are needed to grow.
    step(std::numeric_limits<float>::infinity());
    QCOMPARE(scaler.currentScale(), 128.0);
    step(0);
    step(0);
    QCOMPARE(scaler.currentScale(), 128.0);
    out = step(0);
    QCOMPARE(int(out.decision), int(engine::StepDecision::Stepped));
    QCOMPARE(scaler.currentScale(), 256.0); // grew after 3 clean steps
    QCOMPARE(taken, 5);
    // The scale and the count travel in checkpoints.
    engine::GradScaler restored(o);
    restored.loadState(scaler.state());
    QCOMPARE(restored.currentScale(), 256.0);
}

// Without a scaler a non-finite loss ends the run (on_nonfinite: stop) or skips the step
// (skip); the weights are untouched either way.
void TestTrainer::nonFiniteStepWithoutScaler()
{
    auto w = torch::ones({2}, torch::requires_grad());
    torch::optim::SGD sgd({w}, torch::optim::SGDOptions(0.1));
    int taken = 0;
    for (const bool stop : {true, false}) {
        sgd.zero_grad();
        (w * std::numeric_limits<float>::quiet_NaN()).sum().backward();
        const auto out = engine::finishStep(nullptr, {w}, std::numeric_limits<double>::quiet_NaN(), 1.0, stop,
                                            [&] { ++taken; });
        QCOMPARE(int(out.decision), int(stop ? engine::StepDecision::Diverged : engine::StepDecision::SkippedNonFinite));
    }
    QCOMPARE(taken, 0);
    QVERIFY(torch::equal(w.detach(), torch::ones({2})));
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
