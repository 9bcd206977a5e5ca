// The line protocol of `seekbench-cli inspect serve` (inspection_protocol.h): every request
// and reply the GUI and the helper exchange survives a round trip, and a malformed line is
// a clear error naming what is wrong, never a half-filled request.

#include "seekbench/inspection/inspection_protocol.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seekbench;

namespace {

AttentionInspection smallInspection()
{
    AttentionInspection a;
    a.checkpoint = "runs/r1/checkpoints/step-40.ckpt";
    a.step = 40;
    a.split = "test";
    a.index = 17;
    a.label = 3;
    a.className = "Dress";
    a.rows = a.cols = 28;
    a.pixels.assign(28 * 28, 0);
    a.pixels[100] = 255;
    a.patchSize = 14;
    a.gridRows = a.gridCols = 2;
    a.objectShare = {0.0f, 0.25f, 0.5f, 1.0f};
    a.caption = "a dress";
    a.tokens = {"a", "dress"};
    a.classToken = 1;
    a.gateText = 0.25;
    a.gateImage = 0.75;
    a.matchLogit = 1.5;
    a.classLogits = {0, 0, 0, 2, 0, 0, 0, 0, 0, 0};
    a.predictedClass = 3;
    AttentionMap m;
    m.kind = "text_to_image";
    m.layer = 0;
    m.heads = 1;
    m.queries = 2;
    m.keys = 4;
    m.weights = {0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f, 0.0f, 0.0f};
    a.maps.push_back(m);
    return a;
}

} // namespace

class TestInspectionProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestRoundTrip_data();
    void requestRoundTrip();
    void malformedRequestRejected_data();
    void malformedRequestRejected();
    void readyLinesRoundTrip();
    void inspectionReplyRoundTrip();
    void testSetReplyRoundTrip();
    void errorReplyRoundTrip();
    void malformedReplyRejected_data();
    void malformedReplyRejected();
};

void TestInspectionProtocol::requestRoundTrip_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<qint64>("sample");
    QTest::addColumn<QString>("split");
    QTest::addColumn<bool>("gradients");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("offset");
    QTest::newRow("inspect test") << "inspect" << qint64(42) << "test" << true << 0 << 0;
    QTest::newRow("inspect train, no gradients") << "inspect" << qint64(7) << "train" << false << 0 << 0;
    QTest::newRow("testset chunk") << "testset" << qint64(0) << "test" << true << 500 << 1500;
    QTest::newRow("cancel") << "cancel" << qint64(0) << "test" << true << 0 << 0;
}

void TestInspectionProtocol::requestRoundTrip()
{
    QFETCH(QString, op);
    QFETCH(qint64, sample);
    QFETCH(QString, split);
    QFETCH(bool, gradients);
    QFETCH(int, samples);
    QFETCH(int, offset);
    InspectionRequest r;
    r.id = 9;
    r.op = op.toStdString();
    r.sample = sample;
    r.split = split.toStdString();
    r.gradients = gradients;
    r.samples = samples;
    r.offset = offset;
    const InspectionRequest back = inspectionRequestFromJson(toJson(r));
    QCOMPARE(back.id, r.id);
    QCOMPARE(QString::fromStdString(back.op), op);
    if (op == QLatin1String("inspect")) {
        QCOMPARE(back.sample, sample);
        QCOMPARE(QString::fromStdString(back.split), split);
        QCOMPARE(back.gradients, gradients);
    } else if (op == QLatin1String("testset")) {
        QCOMPARE(back.samples, samples);
        QCOMPARE(back.offset, offset);
    }
    // quit needs no id.
    QCOMPARE(QString::fromStdString(inspectionRequestFromJson(R"({"op":"quit"})").op), QStringLiteral("quit"));
}

void TestInspectionProtocol::malformedRequestRejected_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << "{op: inspect"
                              << "not JSON";
    QTest::newRow("an array") << "[1,2]"
                              << "not a JSON object";
    QTest::newRow("no op") << R"({"id":1})"
                           << "op";
    QTest::newRow("unknown op") << R"({"id":1,"op":"train"})"
                                << "unknown op 'train'";
    QTest::newRow("inspect without sample") << R"({"id":1,"op":"inspect"})"
                                            << "sample";
    QTest::newRow("inspect without id") << R"({"op":"inspect","sample":3})"
                                        << "id";
    QTest::newRow("sample is text") << R"({"id":1,"op":"inspect","sample":"three"})"
                                    << "request";
    QTest::newRow("testset of zero samples") << R"({"id":1,"op":"testset","samples":0})"
                                             << "samples >= 1";
    QTest::newRow("testset negative offset") << R"({"id":1,"op":"testset","samples":5,"offset":-1})"
                                             << "offset >= 0";
}

void TestInspectionProtocol::malformedRequestRejected()
{
    QFETCH(QString, line);
    QFETCH(QString, mentions);
    try {
        inspectionRequestFromJson(line.toStdString());
        QFAIL("a malformed request was accepted");
    } catch (const std::invalid_argument &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(mentions), e.what());
    }
}

void TestInspectionProtocol::readyLinesRoundTrip()
{
    const InspectionReply ready = inspectionReplyFromJson(readyLine("runs/r1/checkpoints/step-40.ckpt", 40, 10000));
    QVERIFY(ready.isReady);
    QVERIFY(ready.ready);
    QCOMPARE(ready.checkpoint, std::string("runs/r1/checkpoints/step-40.ckpt"));
    QCOMPARE(ready.step, std::int64_t(40));
    QCOMPARE(ready.testSamples, std::int64_t(10000));

    const InspectionReply failed = inspectionReplyFromJson(notReadyLine("no checkpoint in runs/r1"));
    QVERIFY(failed.isReady);
    QVERIFY(!failed.ready);
    QCOMPARE(failed.error, std::string("no checkpoint in runs/r1"));
}

void TestInspectionProtocol::inspectionReplyRoundTrip()
{
    const AttentionInspection sent = smallInspection();
    const InspectionReply r = inspectionReplyFromJson(inspectionReplyLine(5, sent));
    QVERIFY(!r.isReady);
    QCOMPARE(r.id, std::int64_t(5));
    QVERIFY(r.ok);
    QVERIFY(r.inspection.has_value());
    QVERIFY(!r.testSet.has_value());
    const AttentionInspection &got = *r.inspection;
    QCOMPARE(got.step, sent.step);
    QCOMPARE(got.index, sent.index);
    QCOMPARE(got.className, sent.className);
    QCOMPARE(got.pixels, sent.pixels);
    QCOMPARE(got.tokens, sent.tokens);
    QCOMPARE(got.classToken, sent.classToken);
    QCOMPARE(got.predictedClass, sent.predictedClass);
    QCOMPARE(got.maps.size(), std::size_t(1));
    QCOMPARE(got.maps[0].kind, std::string("text_to_image"));
    QCOMPARE(got.maps[0].weights, sent.maps[0].weights);
    QCOMPARE(got.gateImage, sent.gateImage);
}

void TestInspectionProtocol::testSetReplyRoundTrip()
{
    TestSetSummary s;
    s.checkpoint = "runs/r1/checkpoints/step-40.ckpt";
    s.step = 40;
    s.classes = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    s.samples = {{0, 3, 3, 0.4, 0.6}, {1, 8, 5, 0.1, 0.9}};
    s.gallery = {{1, std::vector<std::uint8_t>(784, 7)}};
    const InspectionReply r = inspectionReplyFromJson(testSetReplyLine(6, s));
    QCOMPARE(r.id, std::int64_t(6));
    QVERIFY(r.ok);
    QVERIFY(r.testSet.has_value());
    QCOMPARE(r.testSet->samples.size(), std::size_t(2));
    QVERIFY(r.testSet->samples[1].misclassified());
    QCOMPARE(r.testSet->samples[1].gateImage, 0.9);
    QCOMPARE(r.testSet->classes, s.classes);
    QCOMPARE(r.testSet->gallery.size(), std::size_t(1));
    QCOMPARE(r.testSet->gallery[0].pixels, s.gallery[0].pixels);
}

void TestInspectionProtocol::errorReplyRoundTrip()
{
    const InspectionReply dropped = inspectionReplyFromJson(errorReplyLine(7, "a newer request replaced it", true));
    QCOMPARE(dropped.id, std::int64_t(7));
    QVERIFY(!dropped.ok);
    QVERIFY(dropped.dropped);
    QCOMPARE(dropped.error, std::string("a newer request replaced it"));
    const InspectionReply failed = inspectionReplyFromJson(errorReplyLine(8, "sample 99999 is outside the test split"));
    QVERIFY(!failed.ok);
    QVERIFY(!failed.dropped);
}

void TestInspectionProtocol::malformedReplyRejected_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << "ready"
                              << "not JSON";
    QTest::newRow("a number") << "42"
                              << "not a JSON object";
    QTest::newRow("no id") << R"({"ok":true})"
                           << "helper reply";
    QTest::newRow("ok without a document") << R"({"id":3,"ok":true})"
                                           << "neither inspection nor testset";
    QTest::newRow("inspection of the wrong format") << R"({"id":3,"ok":true,"inspection":{"format":"other"}})"
                                                    << "seekbench-attention-1";
    QTest::newRow("testset of the wrong format") << R"({"id":3,"ok":true,"testset":{"format":"x"}})"
                                                 << "seekbench-testset-1";
    QTest::newRow("ready is text") << R"({"ready":"yes"})"
                                   << "helper reply";
}

void TestInspectionProtocol::malformedReplyRejected()
{
    QFETCH(QString, line);
    QFETCH(QString, mentions);
    try {
        inspectionReplyFromJson(line.toStdString());
        QFAIL("a malformed reply was accepted");
    } catch (const std::invalid_argument &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(mentions), e.what());
    }
}

QTEST_GUILESS_MAIN(TestInspectionProtocol)
#include "test_inspection_protocol.moc"
