// The server's parts without HTTP (issue 23): the dynamic batcher batches as Triton's does
// (up to max_batch_size, a preferred size at once, never mixing shapes, the queue delay),
// refuses when its queue is full, answers late requests as timed out and runs what is
// queued when stopped; the KServe v2 request parser refuses every malformed body with a
// message naming the field.

#include "serve/dynamic_batcher.h"
#include "serve/kserve_v2.h"
#include "serve/serving_metrics.h"

#include <QtTest>

#include <cstring>
#include <optional>

#include <nlohmann/json.hpp>

#include <latch>

using namespace seekbench;
using namespace seekbench::engine;

namespace {

JobPtr job(std::vector<std::int64_t> shape, std::chrono::microseconds timeout = std::chrono::seconds(10))
{
    auto j = std::make_shared<InferenceJob>();
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    j->shape = std::move(shape);
    j->data.assign(std::size_t(n), 1);
    j->enqueued = ServeClock::now();
    j->deadline = j->enqueued + timeout;
    return j;
}

// Answers every job Ok and records the rows of each batch.
struct Recorder
{
    std::mutex mutex;
    std::vector<std::int64_t> batches;
    DynamicBatcher::RunBatch run()
    {
        return [this](std::vector<JobPtr> &jobs, int) {
            std::int64_t rows = 0;
            for (auto &j : jobs)
                rows += j->rows();
            {
                std::lock_guard lock(mutex); // recorded before the answers, which the test waits for
                batches.push_back(rows);
            }
            for (auto &j : jobs)
                j->done.set_value({InferenceOutcome::Status::Ok, j->shape, {}, {}});
        };
    }
};

ModelSignature classifier()
{
    ModelSignature s;
    s.vocabSize = 256;
    s.inputs.push_back({"input_ids", "INT64", {-1}, 64});
    s.outputs.push_back({"logits", "FP32", {4}, 0});
    return s;
}

} // namespace

class TestServing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesUpToMaxThenWaitsTheDelayForTheRest()
    {
        ServingSettings s;
        s.maxBatchSize = 8;
        s.preferredBatchSizes = {4, 8};
        s.maxQueueDelayUs = 300000;
        Recorder r;
        std::vector<JobPtr> jobs;
        {
            DynamicBatcher b(s, r.run());
            for (int i = 0; i < 10; ++i) {
                jobs.push_back(job({1, 16}));
                QCOMPARE(int(b.submit(jobs.back())), int(DynamicBatcher::Submit::Queued));
            }
            const auto t0 = ServeClock::now();
            for (auto &j : jobs)
                QCOMPARE(int(j->done.get_future().get().status), int(InferenceOutcome::Status::Ok));
            // The last two waited for the delay: not a preferred size, nothing more came.
            QVERIFY(ServeClock::now() - t0 > std::chrono::milliseconds(200));
        }
        QCOMPARE(r.batches, (std::vector<std::int64_t>{8, 2}));
    }

    void preferredSizeRunsAtOnceAndShapesNeverMix()
    {
        ServingSettings s;
        s.maxBatchSize = 16;
        s.preferredBatchSizes = {4};
        s.maxQueueDelayUs = 5000000; // would be 5 s if the preferred size did not run at once
        Recorder r;
        DynamicBatcher b(s, r.run());
        std::vector<JobPtr> jobs;
        for (int i = 0; i < 4; ++i)
            jobs.push_back(job({1, 8}));
        jobs.push_back(job({2, 16})); // another sequence length: its own batch
        jobs.push_back(job({2, 16}));
        const auto t0 = ServeClock::now();
        for (auto &j : jobs)
            b.submit(j);
        for (int i = 0; i < 4; ++i)
            jobs[std::size_t(i)]->done.get_future().get();
        QVERIFY(ServeClock::now() - t0 < std::chrono::seconds(2));
        jobs[4]->done.get_future().get();
        jobs[5]->done.get_future().get();
        QCOMPARE(r.batches, (std::vector<std::int64_t>{4, 4}));
    }

    void withoutDynamicBatchingEachRequestIsItsOwnBatch()
    {
        ServingSettings s;
        s.dynamicBatching = false;
        Recorder r;
        DynamicBatcher b(s, r.run());
        std::vector<JobPtr> jobs;
        for (int i = 0; i < 5; ++i) {
            jobs.push_back(job({1, 8}));
            b.submit(jobs.back());
        }
        for (auto &j : jobs)
            j->done.get_future().get();
        QCOMPARE(r.batches, (std::vector<std::int64_t>(5, 1)));
    }

    void aFullQueueRefusesAtOnceAndStopRunsWhatIsQueued()
    {
        ServingSettings s;
        s.maxQueueSize = 2;
        s.dynamicBatching = false;
        std::latch entered(1), release(1);
        std::atomic<int> ran{0};
        DynamicBatcher b(s, [&](std::vector<JobPtr> &jobs, int) {
            if (ran++ == 0) {
                entered.count_down();
                release.wait();
            }
            for (auto &j : jobs)
                j->done.set_value({InferenceOutcome::Status::Ok, j->shape, {}, {}});
        });
        std::vector<JobPtr> jobs{job({1, 4}), job({1, 4}), job({1, 4}), job({1, 4})};
        b.submit(jobs[0]);
        entered.wait(); // the one instance is busy with the first
        QCOMPARE(int(b.submit(jobs[1])), int(DynamicBatcher::Submit::Queued));
        QCOMPARE(int(b.submit(jobs[2])), int(DynamicBatcher::Submit::Queued));
        QCOMPARE(int(b.submit(jobs[3])), int(DynamicBatcher::Submit::Full));
        QCOMPARE(b.queueDepth(), std::int64_t(2));
        std::thread stopper([&] { b.stop(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(int(b.submit(job({1, 4}))), int(DynamicBatcher::Submit::Stopping));
        release.count_down();
        stopper.join();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(int(jobs[std::size_t(i)]->done.get_future().get().status), int(InferenceOutcome::Status::Ok));
        QCOMPARE(ran.load(), 3);
    }

    void aRequestPastItsDeadlineIsAnsweredNotRun()
    {
        ServingSettings s;
        Recorder r;
        DynamicBatcher b(s, r.run());
        JobPtr late = job({1, 4}, std::chrono::microseconds(-1));
        b.submit(late);
        const InferenceOutcome o = late->done.get_future().get();
        QCOMPARE(int(o.status), int(InferenceOutcome::Status::TimedOut));
        QVERIFY(r.batches.empty());
    }

    void aFailingBatchAnswersEveryRequestWithTheError()
    {
        ServingSettings s;
        DynamicBatcher b(s, [](std::vector<JobPtr> &, int) { throw std::runtime_error("out of memory"); });
        JobPtr j = job({1, 4});
        b.submit(j);
        const InferenceOutcome o = j->done.get_future().get();
        QCOMPARE(int(o.status), int(InferenceOutcome::Status::Failed));
        QCOMPARE(QString::fromStdString(o.error), QStringLiteral("out of memory"));
    }

    void parsesFlatAndNestedData()
    {
        const auto flat = parseInferRequest(
            R"({"id":"r1","inputs":[{"name":"input_ids","shape":[2,3],"datatype":"INT64","data":[1,2,3,4,5,6]}]})",
            classifier(), 32);
        QCOMPARE(flat.id, std::string("r1"));
        QCOMPARE(flat.shape, (std::vector<std::int64_t>{2, 3}));
        const auto nested = parseInferRequest(
            R"({"inputs":[{"name":"input_ids","shape":[2,3],"datatype":"INT64","data":[[1,2,3],[4,5,6]]}],
                "outputs":[{"name":"logits"}]})",
            classifier(), 32);
        QCOMPARE(nested.data, flat.data);
    }

    // Triton's per-request timeout: it may shorten the model's, never lengthen it.
    void aRequestMayShortenItsTimeout()
    {
        const QString body = QStringLiteral(
            R"({"parameters":{"timeout":%1},"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64","data":[1,2,3]}]})");
        const auto shorter = parseInferRequest(body.arg(2000).toStdString(), classifier(), 32);
        QCOMPARE(shorter.timeoutUs.value_or(-1), std::int64_t(2000));
        QCOMPARE(effectiveTimeoutUs(shorter, 1000000), std::int64_t(2000));
        const auto longer = parseInferRequest(body.arg(5000000).toStdString(), classifier(), 32);
        QCOMPARE(effectiveTimeoutUs(longer, 1000000), std::int64_t(1000000));
        const auto none
            = parseInferRequest(R"({"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64","data":[1,2,3]}]})",
                                classifier(), 32);
        QVERIFY(!none.timeoutUs);
        QCOMPARE(effectiveTimeoutUs(none, 1000000), std::int64_t(1000000));
    }

    // The binary tensor data extension: JSON of Inference-Header-Content-Length bytes, then
    // each binary input's raw little-endian INT64 values in input order.
    void readsBinaryTensorData()
    {
        const std::vector<std::int64_t> ids = {5, 17, 2, 9, 1, 0};
        const std::string raw(reinterpret_cast<const char *>(ids.data()), ids.size() * sizeof(std::int64_t));
        const std::string header = R"({"inputs":[{"name":"input_ids","shape":[2,3],"datatype":"INT64",)"
                                   R"("parameters":{"binary_data_size":48}}],)"
                                   R"("outputs":[{"name":"logits","parameters":{"binary_data":true}}]})";
        const auto r = parseInferRequest(header + raw, classifier(), 32, header.size());
        QCOMPARE(r.data, ids);
        QCOMPARE(r.shape, (std::vector<std::int64_t>{2, 3}));
        QVERIFY(r.binaryOutput);
        const auto refuse = [&](const std::string &body, std::optional<std::size_t> length, const QString &names) {
            try {
                parseInferRequest(body, classifier(), 32, length);
                QFAIL(qPrintable(QStringLiteral("accepted: ") + names));
            } catch (const V2Error &e) {
                QCOMPARE(e.status, 400);
                QVERIFY2(QString::fromUtf8(e.what()).contains(names), e.what());
            }
        };
        refuse(header + raw.substr(0, 40), header.size(), QStringLiteral("only 40 binary bytes are left"));
        refuse(header + raw + "xx", header.size(), QStringLiteral("holds 50 binary bytes"));
        refuse(header + raw, header.size() + 1000, QStringLiteral("Inference-Header-Content-Length is"));
        refuse(header + raw, std::nullopt, QStringLiteral("not JSON")); // the bytes after the JSON, read as JSON
        std::string wrongSize = header;
        wrongSize.replace(wrongSize.find("48"), 2, "40");
        refuse(wrongSize + raw.substr(0, 40), wrongSize.size(), QStringLiteral("binary_data_size is 40 bytes"));
        const std::vector<std::int64_t> outOfRange = {5, 17, 2, 9, 1, 999};
        refuse(header + std::string(reinterpret_cast<const char *>(outOfRange.data()), 48), header.size(),
               QStringLiteral("binary data[5] is 999"));
        const std::string noHeader = R"({"inputs":[{"name":"input_ids","shape":[1,3],"datatype":"INT64",)"
                                     R"("parameters":{"binary_data_size":24}}]})";
        refuse(noHeader, std::nullopt, QStringLiteral("needs the Inference-Header-Content-Length header"));
        // The reply: JSON, then the logits as raw FP32.
        InferenceOutcome out;
        out.shape = {1, 2};
        out.data = {0.25f, -1.5f};
        std::size_t jsonLength = 0;
        const std::string reply = inferReply("m", "", classifier().outputs.front(), out, true, &jsonLength);
        const auto head = nlohmann::json::parse(reply.substr(0, jsonLength));
        QCOMPARE(head["outputs"][0]["parameters"]["binary_data_size"].get<int>(), 8);
        QVERIFY(!head["outputs"][0].contains("data"));
        QCOMPARE(reply.size(), jsonLength + 8);
        float back[2];
        std::memcpy(back, reply.data() + jsonLength, 8);
        QCOMPARE(back[0], 0.25f);
        QCOMPARE(back[1], -1.5f);
    }

    void refusesMalformedRequests_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("names");
        const QString ok = QStringLiteral(R"("name":"input_ids","shape":[1,3],"datatype":"INT64")");
        auto in = [&](const QString &fields) { return QStringLiteral(R"({"inputs":[{%1}]})").arg(fields); };
        QTest::newRow("not json") << QStringLiteral("{\"inputs\": [") << QStringLiteral("not JSON");
        QTest::newRow("array body") << QStringLiteral("[1,2]") << QStringLiteral("JSON object");
        QTest::newRow("no inputs") << QStringLiteral("{}") << QStringLiteral("\"inputs\"");
        QTest::newRow("empty inputs") << QStringLiteral(R"({"inputs":[]})") << QStringLiteral("\"inputs\"");
        QTest::newRow("unknown input") << in(
            QStringLiteral(R"("name":"pixels","shape":[1,3],"datatype":"INT64","data":[1,2,3])"))
                                       << QStringLiteral("inputs[0].name 'pixels'");
        QTest::newRow("wrong dtype") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,3],"datatype":"FP32","data":[1,2,3])"))
                                     << QStringLiteral("inputs[0].datatype is FP32");
        QTest::newRow("no shape") << in(QStringLiteral(R"("name":"input_ids","datatype":"INT64","data":[1])"))
                                  << QStringLiteral("inputs[0].shape is missing");
        QTest::newRow("three axes") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,3,1],"datatype":"INT64","data":[1,2,3])"))
                                    << QStringLiteral("inputs[0].shape has 3 axes");
        QTest::newRow("too many rows") << in(
            QStringLiteral(R"("name":"input_ids","shape":[33,1],"datatype":"INT64","data":[1])"))
                                       << QStringLiteral("inputs[0].shape[0] is 33");
        QTest::newRow("too long") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,65],"datatype":"INT64","data":[1])"))
                                  << QStringLiteral("inputs[0].shape[1] is 65");
        QTest::newRow("zero length") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,0],"datatype":"INT64","data":[])"))
                                     << QStringLiteral("inputs[0].shape[1] is 0");
        QTest::newRow("huge shape") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,99999999999999999],"datatype":"INT64","data":[1])"))
                                    << QStringLiteral("inputs[0].shape[1]");
        QTest::newRow("float shape") << in(
            QStringLiteral(R"("name":"input_ids","shape":[1,2.5],"datatype":"INT64","data":[1])"))
                                     << QStringLiteral("inputs[0].shape[1] must be an integer");
        QTest::newRow("short data") << in(ok + QStringLiteral(R"(,"data":[1,2])")) << QStringLiteral("holds 2 values");
        QTest::newRow("long data") << in(ok + QStringLiteral(R"(,"data":[1,2,3,4])"))
                                   << QStringLiteral("more values than its shape");
        QTest::newRow("float data") << in(ok + QStringLiteral(R"(,"data":[1,2.5,3])")) << QStringLiteral("integers");
        QTest::newRow("string data") << in(ok + QStringLiteral(R"(,"data":["a","b","c"])"))
                                     << QStringLiteral("integers");
        QTest::newRow("id out of range") << in(ok + QStringLiteral(R"(,"data":[1,2,256])"))
                                         << QStringLiteral("inputs[0].data[2] is 256");
        QTest::newRow("negative id") << in(ok + QStringLiteral(R"(,"data":[-1,2,3])"))
                                     << QStringLiteral("data[0] is -1");
        QTest::newRow("too deep") << in(ok + QStringLiteral(R"(,"data":[[[1,2,3]]])"))
                                  << QStringLiteral("nested deeper");
        QTest::newRow("given twice") << QStringLiteral(R"({"inputs":[{%1,"data":[1,2,3]},{%1,"data":[1,2,3]}]})").arg(ok)
                                     << QStringLiteral("given twice");
        QTest::newRow("bad id") << QStringLiteral(R"({"id":5,"inputs":[{%1,"data":[1,2,3]}]})").arg(ok)
                                << QStringLiteral("\"id\" must be a string");
        QTest::newRow("timeout not a number")
            << QStringLiteral(R"({"parameters":{"timeout":"5ms"},"inputs":[{%1,"data":[1,2,3]}]})").arg(ok)
            << QStringLiteral("parameters.timeout must be a positive");
        QTest::newRow("timeout zero") << QStringLiteral(R"({"parameters":{"timeout":0},"inputs":[{%1,"data":[1,2,3]}]})")
                                             .arg(ok)
                                      << QStringLiteral("parameters.timeout");
        QTest::newRow("timeout fraction")
            << QStringLiteral(R"({"parameters":{"timeout":2.5},"inputs":[{%1,"data":[1,2,3]}]})").arg(ok)
            << QStringLiteral("parameters.timeout");
        QTest::newRow("parameters not object")
            << QStringLiteral(R"({"parameters":[1],"inputs":[{%1,"data":[1,2,3]}]})").arg(ok)
            << QStringLiteral("\"parameters\" must be an object");
        QTest::newRow("unknown output") << QStringLiteral(R"({"inputs":[{%1,"data":[1,2,3]}],"outputs":[{"name":"x"}]})")
                                               .arg(ok)
                                        << QStringLiteral("outputs[0].name 'x'");
    }

    void refusesMalformedRequests()
    {
        QFETCH(QString, body);
        QFETCH(QString, names);
        try {
            parseInferRequest(body.toStdString(), classifier(), 32);
            QFAIL("accepted");
        } catch (const V2Error &e) {
            QCOMPARE(e.status, 400);
            QVERIFY2(QString::fromUtf8(e.what()).contains(names), e.what());
        }
    }

    void repliesAreV2Json()
    {
        InferenceOutcome o{InferenceOutcome::Status::Ok, {1, 4}, {0.5f, -1.25f, 3.0e-8f, 1.0f / 3.0f}, {}};
        const auto j = nlohmann::json::parse(inferReply("m", "r7", classifier().outputs.front(), o));
        QCOMPARE(j["model_name"].get<std::string>(), std::string("m"));
        QCOMPARE(j["id"].get<std::string>(), std::string("r7"));
        QCOMPARE(j["outputs"][0]["shape"], nlohmann::json({1, 4}));
        // Each float reads back as the same float (shortest round-trip text).
        for (std::size_t i = 0; i < 4; ++i)
            QCOMPARE(j["outputs"][0]["data"][i].get<float>(), o.data[i]);
        const auto meta = nlohmann::json::parse(modelMetadataReply("m", classifier(), "none"));
        QCOMPARE(meta["inputs"][0]["shape"], nlohmann::json({-1, -1}));
        QCOMPARE(meta["outputs"][0]["shape"], nlohmann::json({-1, 4}));
    }

    void metricsArePrometheusText()
    {
        ServingMetrics m;
        m.recordInfer(200, 0.004);
        m.recordInfer(200, 0.04);
        m.recordInfer(503, 0.0001);
        m.recordBatch(1);
        m.recordBatch(12);
        const QString text = QString::fromStdString(m.render(3, "tiny"));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_requests_total{model=\"tiny\",code=\"200\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_requests_total{model=\"tiny\",code=\"503\"} 1\n")));
        QVERIFY(text.contains(
            QStringLiteral("seekbench_inference_request_duration_seconds_bucket{model=\"tiny\",le=\"0.005\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_request_duration_seconds_count{model=\"tiny\"} 3\n")));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_batch_size_bucket{model=\"tiny\",le=\"8\"} 1\n")));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_batch_size_bucket{model=\"tiny\",le=\"12\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("seekbench_inference_queue_depth{model=\"tiny\"} 3\n")));
    }
};

QTEST_GUILESS_MAIN(TestServing)
#include "test_serving.moc"
