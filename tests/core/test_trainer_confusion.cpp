// The confusion matrix of each evaluation (issue 24): a short run of the tiny
// sequence-classification config, or of the cross-modal model, writes eval/confusion.json
// (and the best evaluation's) into its folder, over every evaluated example and agreeing
// with eval/accuracy; with two ranks each evaluates its share and the counts are summed as
// the other eval figures are.

#include <torch/torch.h> // torch first, then Qt

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/inspection/attention_examples.h"
#include "seekbench/run/confusion_matrix.h"
#include "training_task.h"
#include "two_ranks.h"

#include <QtTest>

#include <chrono>

using namespace seekbench;

namespace {

RunConfig tinyConfig()
{
    RunConfig c = loadRunConfig(std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/tiny.yaml").config;
    c.training.threads = 1; // ctest runs two suites at once on two cores
    c.training.max_steps = 12;
    c.training.eval_every = 5; // evaluations at 5, 10, and the final one at 12
    c.training.checkpoint_every = 0;
    c.training.warmup_steps = 2;
    return c;
}

ConfusionMatrix readMatrix(const std::filesystem::path &file)
{
    const SmallFileRead read = readSmallFile(file);
    if (!read.ok())
        throw std::runtime_error(file.string() + ": " + read.problem);
    return confusionMatrixFromJson(read.text, file.string());
}

} // namespace

class TestTrainerConfusion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortRunWritesTheMatrix_data()
    {
        QTest::addColumn<int>("evalBatches");
        QTest::addColumn<int>("expectedExamples");
        QTest::newRow("whole split") << 0 << 512;  // tiny.yaml: eval_samples 512
        QTest::newRow("three batches") << 3 << 96; // batch_size 32
    }

    void shortRunWritesTheMatrix()
    {
        QFETCH(int, evalBatches);
        QFETCH(int, expectedExamples);
        QTemporaryDir dir;
        RunConfig c = tinyConfig();
        c.training.eval_batches = evalBatches;
        TrainRequest req;
        req.config = c;
        req.outDir = dir.path().toStdString();
        const TrainResult r = train(req);
        QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("finished"));

        const ConfusionMatrix last = readMatrix(req.outDir / kConfusionFile);
        QCOMPARE(last.step, std::int64_t(12));
        QCOMPARE(last.split, std::string("eval"));
        QCOMPARE(last.classes, (std::vector<std::string>{"0", "1", "2", "3"}));
        QCOMPARE(last.total(), std::int64_t(expectedExamples));
        QVERIFY2(std::abs(last.accuracy() - r.finalMetrics.at("eval/accuracy")) < 1e-12,
                 (std::to_string(last.accuracy()) + " against " + std::to_string(r.finalMetrics.at("eval/accuracy")))
                     .c_str());

        // The best evaluation (by eval/loss) keeps its own matrix.
        const ConfusionMatrix best = readMatrix(req.outDir / kBestConfusionFile);
        QCOMPARE(best.total(), std::int64_t(expectedExamples));
        QVERIFY(best.step == 5 || best.step == 10);
        QVERIFY(std::abs(best.accuracy() - r.bestMetrics.at("eval/accuracy")) < 1e-12);
        QVERIFY(!std::filesystem::exists(req.outDir / (std::string(kConfusionFile) + ".tmp")));
    }

    // The cross-modal model's matrix is of the prediction eval/accuracy scores: the class
    // templates, the templates fused with the image head, or the ViT baseline's head.
    void crossModalWritesTheMatrix_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("decision");
        QTest::newRow("templates") << QStringLiteral("crossmodal") << QStringLiteral("templates");
        QTest::newRow("fused") << QStringLiteral("crossmodal") << QStringLiteral("fused");
        QTest::newRow("image only") << QStringLiteral("image_only") << QStringLiteral("templates");
    }

    void crossModalWritesTheMatrix()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, decision);
        const auto load = loadRunConfig(std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/crossmodal_tiny.yaml");
        QVERIFY(load.issues.empty());
        RunConfig c = load.config;
        c.training.threads = 1;
        c.training.max_steps = 4;
        c.training.warmup_steps = 1;
        c.training.eval_every = 4;
        c.training.eval_batches = 0;
        c.training.checkpoint_every = 0;
        c.data.validation_samples = 101; // a last batch of 5
        c.crossmodal.architecture = architecture.toStdString();
        c.crossmodal.decision = decision.toStdString();
        if (decision == QStringLiteral("fused"))
            c.crossmodal.image_loss_weight = 1.0;
        QTemporaryDir dir;
        TrainRequest req;
        req.config = c;
        req.outDir = dir.path().toStdString();
        const TrainResult r = train(req);
        QVERIFY2(r.status == TrainStatus::Finished, r.message.c_str());
        const ConfusionMatrix m = readMatrix(req.outDir / kConfusionFile);
        QCOMPARE(m.split, std::string("validation"));
        QCOMPARE(m.step, std::int64_t(4));
        QCOMPARE(m.classes.front(), std::string("T-shirt/top"));
        QCOMPARE(m.classes.size(), std::size_t(10));
        QCOMPARE(m.total(), std::int64_t(101));
        QVERIFY2(std::abs(m.accuracy() - r.finalMetrics.at("eval/accuracy")) < 1e-12,
                 (std::to_string(m.accuracy()) + " against " + std::to_string(r.finalMetrics.at("eval/accuracy")))
                     .c_str());

        // The report's attention examples: one validation image per class present, with
        // the one map the report draws; its prediction is the one eval/accuracy counts.
        const SmallFileRead read = readSmallFile(req.outDir / kAttentionExamplesFile, 64u << 20);
        QVERIFY2(read.ok(), read.problem.c_str());
        const AttentionExamples e = attentionExamplesFromJson(read.text);
        QCOMPARE(e.step, std::int64_t(4));
        QCOMPARE(e.split, std::string("validation"));
        QCOMPARE(e.examples.size(), std::size_t(10)); // 101 stratified images hold every class
        for (const auto &a : e.examples) {
            QCOMPARE(a.architecture, architecture.toStdString());
            QCOMPARE(a.maps.size(), std::size_t(1));
            QCOMPARE(a.maps[0].kind,
                     std::string(architecture == QStringLiteral("image_only") ? "image_self" : "text_to_image"));
            QCOMPARE(a.maps[0].keys, a.gridRows * a.gridCols);
            QCOMPARE(a.classLogits.size(), std::size_t(10));
        }
    }

    void regressionWritesNone()
    {
        QTemporaryDir dir;
        RunConfig c = tinyConfig();
        c.model.head = "regression";
        c.model.num_labels = 1;
        c.training.max_steps = 5;
        TrainRequest req;
        req.config = c;
        req.outDir = dir.path().toStdString();
        const TrainResult r = train(req);
        QCOMPARE(QString::fromLatin1(toString(r.status)), QStringLiteral("finished"));
        QVERIFY(r.finalMetrics.count("eval/loss"));
        QVERIFY(!std::filesystem::exists(req.outDir / kConfusionFile));
    }

    // Two ranks split the evaluation batches; both end with the matrix one process counts.
    void twoRanksSumTheirShares()
    {
        RunConfig c = tinyConfig();
        c.training.eval_batches = 5; // an odd count: rank 0 takes three batches, rank 1 two
        torch::manual_seed(7);
        auto reference = engine::makeTrainingTask(c, 0, 1);
        torch::NoGradGuard noGrad;
        reference->module().eval();
        const engine::StepContext ctx;
        const auto started = std::chrono::steady_clock::now();
        const auto metrics = reference->evaluate(ctx, [](std::vector<double> v) { return v; });
        const double evalMs
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        const auto expected = reference->lastConfusion();
        QVERIFY(expected.has_value());
        QCOMPARE(expected->total(), std::int64_t(160));
        QVERIFY(std::abs(expected->accuracy() - metrics.at("eval/accuracy")) < 1e-12);

        // What the matrix adds to an evaluation: the same operations on the same shapes.
        {
            const auto logits = torch::randn({5, 32, 4});
            const auto labels = torch::randint(0, 4, {5, 32}, torch::kLong);
            const auto t0 = std::chrono::steady_clock::now();
            auto counts = torch::zeros({16}, torch::kLong);
            for (int b = 0; b < 5; ++b) {
                const auto cell = labels[b] * 4 + logits[b].argmax(-1);
                counts.index_add_(0, cell, torch::ones_like(cell));
            }
            const auto host = counts.cpu();
            const double extraMs
                = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            qInfo("evaluation of 5 batches: %.2f ms; the confusion matrix's share: %.3f ms", evalMs, extraMs);
        }

        std::vector<std::optional<ConfusionMatrix>> got(2);
        std::vector<double> accuracy(2, -1);
        const auto errors = test::onTwoRanks([&](engine::ProcessGroup &group, int rank) {
            auto task = engine::makeTrainingTask(c, rank, 2);
            torch::NoGradGuard guard;
            const auto from = reference->module().parameters();
            const auto to = task->module().parameters();
            for (std::size_t i = 0; i < to.size(); ++i)
                to[i].copy_(from[i]);
            task->module().eval();
            const auto m = task->evaluate(ctx, [&](std::vector<double> v) {
                std::vector<at::Tensor> t{torch::tensor(v, torch::kDouble)};
                group.allReduceSum(t);
                const auto a = t[0].accessor<double, 1>();
                for (std::size_t i = 0; i < v.size(); ++i)
                    v[i] = a[std::int64_t(i)];
                return v;
            });
            got[std::size_t(rank)] = task->lastConfusion();
            accuracy[std::size_t(rank)] = m.at("eval/accuracy");
        });
        QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " | " + errors[1]).c_str());
        for (int rank = 0; rank < 2; ++rank) {
            QVERIFY(got[std::size_t(rank)].has_value());
            QCOMPARE(got[std::size_t(rank)]->counts, expected->counts);
            QVERIFY(std::abs(accuracy[std::size_t(rank)] - metrics.at("eval/accuracy")) < 1e-12);
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainerConfusion)
#include "test_trainer_confusion.moc"
