// training.precision: auto (issue 29): the decision as a table, the shape a config is
// measured at, and the measurement's JSON between the CLI and the editor.

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/run/precision_choice.h"

#include <QtTest>

using namespace seekbench;

Q_DECLARE_METATYPE(std::optional<PrecisionSpeed>)

class TestPrecisionChoice : public QObject
{
    Q_OBJECT

    static std::optional<PrecisionSpeed> speed(double fp32, double bf16)
    {
        PrecisionSpeed p;
        p.shape = {2048, 256, 1024};
        p.threads = 2;
        p.fp32Gflops = fp32;
        p.bf16Gflops = bf16;
        return p;
    }

private Q_SLOTS:
    void decision_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("device");
        QTest::addColumn<std::optional<PrecisionSpeed>>("measured");
        QTest::addColumn<bool>("cudaBf16");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("reasonContains");

        QTest::newRow("set fp32 is kept") << "fp32"
                                          << "cpu" << speed(100, 300) << false << "fp32"
                                          << "config";
        QTest::newRow("set bf16 is kept") << "bf16"
                                          << "cpu" << speed(300, 100) << false << "bf16"
                                          << "config";
        QTest::newRow("set fp16 is kept") << "fp16"
                                          << "cuda" << std::optional<PrecisionSpeed>() << true << "fp16"
                                          << "config";
        // AVX-512 BF16 / AMX: bf16 clearly faster.
        QTest::newRow("bf16 much faster") << "auto"
                                          << "cpu" << speed(120, 400) << false << "bf16"
                                          << "3.33x";
        // The issue's Xeon with the right kernels: fp32 194, bf16 156 GFLOP/s.
        QTest::newRow("fp32 faster") << "auto"
                                     << "cpu" << speed(194, 156) << false << "fp32"
                                     << "0.80x";
        // AVX2 only: bf16 takes LibTorch's slow path.
        QTest::newRow("bf16 slow path") << "auto"
                                        << "cpu" << speed(90, 6) << false << "fp32"
                                        << "must reach";
        // A tie goes to fp32: bf16 rounds activations.
        QTest::newRow("just under the margin") << "auto"
                                               << "cpu" << speed(100, 114) << false << "fp32"
                                               << "1.14x";
        QTest::newRow("at the margin") << "auto"
                                       << "cpu" << speed(100, 115) << false << "bf16"
                                       << "1.15x";
        QTest::newRow("no measurement") << "auto"
                                        << "cpu" << std::optional<PrecisionSpeed>() << false << "fp32"
                                        << "could not be made";
        QTest::newRow("zero fp32 rate") << "auto"
                                        << "cpu" << speed(0, 50) << false << "fp32"
                                        << "could not be made";
        QTest::newRow("cuda with bf16 cores") << "auto"
                                              << "cuda" << std::optional<PrecisionSpeed>() << true << "bf16"
                                              << "8.0 or later";
        QTest::newRow("cuda without") << "auto"
                                      << "cuda" << std::optional<PrecisionSpeed>() << false << "fp32"
                                      << "below 8.0";
    }

    void decision()
    {
        QFETCH(QString, requested);
        QFETCH(QString, device);
        QFETCH(std::optional<PrecisionSpeed>, measured);
        QFETCH(bool, cudaBf16);
        QFETCH(QString, expected);
        QFETCH(QString, reasonContains);
        const PrecisionChoice c = decidePrecision(requested.toStdString(), device.toStdString(), measured, cudaBf16);
        QCOMPARE(QString::fromStdString(c.precision), expected);
        QVERIFY2(QString::fromStdString(c.reason).contains(reasonContains), c.reason.c_str());
    }

    void autoIsTheDefault()
    {
        QCOMPARE(RunConfig().training.precision, std::string("auto"));
        const ConfigLoad load = parseRunConfig("training: {precision: auto}\n");
        QVERIFY(load.ok());
        QCOMPARE(load.config.training.precision, std::string("auto"));
        const ConfigIssues issues = validate(parseRunConfig("training: {precision: fastest}\n").config);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].key, std::string("training.precision"));
        QCOMPARE(issues[0].code, std::string("bad_choice"));
    }

    void shapeFollowsTheConfig()
    {
        RunConfig c;
        c.training.batch_size = 32;
        c.data.seq_len = 64;
        c.model.hidden_size = 256;
        c.model.intermediate_size = 1024;
        QCOMPARE(typicalGemmShape(c), (GemmShape{2048, 256, 1024}));
        // Buckets: near sizes share a measurement; tokens are capped so the check stays short.
        c.model.hidden_size = 260;
        c.training.batch_size = 1000;
        QCOMPARE(typicalGemmShape(c), (GemmShape{4096, 256, 1024}));
        c.data.kind = "fashion_mnist_pairs";
        c.crossmodal.patch_size = 7;
        c.training.batch_size = 64;
        QCOMPARE(typicalGemmShape(c).m, 1024); // 64 images x 16 patches
        QCOMPARE(typicalGemmShape(c).text(), std::string("1024x256x1024"));
    }

    void speedRoundTrips()
    {
        const PrecisionSpeed p = *speed(194.5, 156.25);
        const PrecisionSpeed back = PrecisionSpeed::fromJson(p.toJson());
        QCOMPARE(back.shape, p.shape);
        QCOMPARE(back.threads, 2);
        QCOMPARE(back.fp32Gflops, 194.5);
        QCOMPARE(back.bf16Gflops, 156.25);
    }

    void malformedSpeed_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("names");
        QTest::newRow("not json") << "GEMM fast"
                                  << "not a JSON object";
        QTest::newRow("array") << "[1,2]"
                               << "not a JSON object";
        QTest::newRow("no shape") << R"({"threads":2,"fp32_gflops":1,"bf16_gflops":1})"
                                  << "shape";
        QTest::newRow("short shape") << R"({"shape":[1,2],"threads":2,"fp32_gflops":1,"bf16_gflops":1})"
                                     << "shape";
        QTest::newRow("text rate") << R"({"shape":[1,2,3],"threads":2,"fp32_gflops":"fast","bf16_gflops":1})"
                                   << "fp32_gflops";
        QTest::newRow("no bf16") << R"({"shape":[1,2,3],"threads":2,"fp32_gflops":1})"
                                 << "bf16_gflops";
    }

    void malformedSpeed()
    {
        QFETCH(QString, json);
        QFETCH(QString, names);
        try {
            PrecisionSpeed::fromJson(json.toStdString());
            QFAIL("accepted a malformed measurement");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(names), e.what());
        }
    }

    void stepSecondsScaleWithRate()
    {
        RunConfig c;
        const double at100 = matmulStepSeconds(c, 100);
        QVERIFY(at100 > 0);
        QCOMPARE(matmulStepSeconds(c, 200), at100 / 2);
        QCOMPARE(matmulStepSeconds(c, 0), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestPrecisionChoice)
#include "test_precision_choice.moc"
