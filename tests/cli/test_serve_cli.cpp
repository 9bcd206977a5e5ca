// `seekbench-cli serve` as a user runs it (issue 23): a trained run's TorchScript export
// served over the KServe v2 protocol, called with a real HTTP client (cpp-httplib). It
// answers v2 requests with the model's outputs, batches concurrent requests, refuses
// malformed bodies with 400 and keeps answering, sheds load with 503 when its queue is full,
// and on SIGTERM answers what it queued and exits 0.

#include "cli_test_support.h"
#include "serve_test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <cstring>
#include <random>
#include <thread>

using nlohmann::json;
using servetest::post;
using servetest::Server;

namespace {

std::string body(int rows, int length, int offset = 0)
{
    std::vector<std::int64_t> ids;
    for (int i = 0; i < rows * length; ++i)
        ids.push_back((i * 7 + offset) % 256);
    return json{{"inputs", {{{"name", "input_ids"}, {"shape", {rows, length}}, {"datatype", "INT64"}, {"data", ids}}}}}
        .dump();
}

// The count of batches and of batches with one row, from /metrics.
std::pair<double, double> batchCounts(httplib::Client &c)
{
    const auto r = c.Get("/metrics");
    const QString text = QString::fromStdString(r ? r->body : std::string());
    auto value = [&](const QString &pattern) {
        const auto m = QRegularExpression(pattern).match(text);
        return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
    };
    return {value(QStringLiteral("seekbench_inference_batch_size_count\\{model=\"tiny\"\\} (\\d+)")),
            value(QStringLiteral("seekbench_inference_batch_size_bucket\\{model=\"tiny\",le=\"1\"\\} (\\d+)"))};
}

} // namespace

class TestServeCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_model, m_int8, m_project, m_run;

    // An INT8 export: its report (the quantization, accuracy within 0.01 of fp32 on a
    // trained model, > 1.8x smaller: linear weights 4x, the embedding stays fp32), served with
    // its quantization named, and Python's torch.jit.load giving the served logits (oneDNN
    // set for dynamic INT8; no engine needed for weight-only). The same arithmetic on both
    // sides; the server's frozen graph may order the fp32 parts differently, so 1e-4 on
    // logits of order 1.
    void checkInt8Export(const QString &dir, const std::string &quantization)
    {
        QFile f(dir + QStringLiteral("/int8_report.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const json report = json::parse(f.readAll().toStdString());
        QCOMPARE(report["metric"].get<std::string>(), std::string("accuracy"));
        QCOMPARE(report["quantization"].get<std::string>(), quantization);
        const double fp32 = report["fp32"]["value"].get<double>(), int8 = report["int8"]["value"].get<double>();
        QVERIFY2(fp32 > 0.8, qPrintable(QString::number(fp32))); // a trained model, so the comparison means something
        QVERIFY2(std::abs(int8 - fp32) <= 0.01, qPrintable(QStringLiteral("%1 vs %2").arg(int8).arg(fp32)));
        QVERIFY2(report["size_ratio"].get<double>() > 1.8, report.dump().c_str());
        Server s;
        QVERIFY(s.start(dir, {}));
        auto c = s.client();
        const json meta = json::parse(c.Get("/v2/models/tiny")->body);
        QCOMPARE(meta["parameters"]["quantization"].get<std::string>(), quantization);
        json reply;
        QCOMPARE(post(c, body(2, 32), &reply), 200);
        QCOMPARE(s.terminate(), 0);
        QProcess py;
        const std::string ids = json::parse(body(2, 32))["inputs"][0]["data"].dump();
        const QString engine = quantization == "int8_dynamic"
                                   ? QStringLiteral("torch.backends.quantized.engine='onednn'\n")
                                   : QString();
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json,sys,torch\n") + engine
                      + QStringLiteral("m=torch.jit.load(sys.argv[1])\n"
                                       "x=torch.tensor(json.loads(sys.argv[2])).view(2,32)\n"
                                       "print(json.dumps(m(x).flatten().tolist()))\n"),
                  dir + QStringLiteral("/model.pt"), QString::fromStdString(ids)});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const json logits = json::parse(py.readAllStandardOutput().toStdString());
        QCOMPARE(logits.size(), std::size_t(8));
        for (std::size_t i = 0; i < 8; ++i)
            QVERIFY(std::abs(logits[i].get<double>() - reply["outputs"][0]["data"][i].get<double>()) < 1e-4);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString project = m_dir.filePath(QStringLiteral("p"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), project}), 0);
        // Trained to high accuracy (tiny.yaml's 200 steps, seconds), so INT8's cost shows.
        const QString config = writeTinyConfig(m_dir.path(), QStringLiteral("tiny.yaml"), {},
                                               QStringLiteral("  threads: 1\n"));
        QByteArray err;
        QVERIFY2(runCli({QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--project"),
                         project},
                        &err)
                     == 0,
                 err.constData());
        const QString run = QDir(project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first();
        const CliOutput ex = runCliOutput({QStringLiteral("export"), QStringLiteral("--run"), run,
                                           QStringLiteral("--format"), QStringLiteral("torchscript"),
                                           QStringLiteral("--out"), QStringLiteral("exports/ts"),
                                           QStringLiteral("--project"), project});
        QVERIFY2(ex.code == 0, ex.err.constData());
        m_model = project + QStringLiteral("/exports/ts");
        const CliOutput q = runCliOutput({QStringLiteral("export"), QStringLiteral("--run"), run,
                                          QStringLiteral("--format"), QStringLiteral("torchscript"),
                                          QStringLiteral("--int8"), QStringLiteral("--out"),
                                          QStringLiteral("exports/int8"), QStringLiteral("--project"), project});
        QVERIFY2(q.code == 0, q.err.constData());
        m_int8 = project + QStringLiteral("/exports/int8");
        m_project = project;
        m_run = run;
    }

    void answersV2Requests()
    {
        Server s;
        QVERIFY(s.start(m_model, {}));
        auto c = s.client();
        QCOMPARE(c.Get("/v2/health/live")->status, 200);
        QCOMPARE(c.Get("/v2/health/ready")->status, 200);
        QCOMPARE(c.Get("/v2/models/tiny/ready")->status, 200);
        QCOMPARE(c.Get("/v2/models/other/ready")->status, 404);
        const json meta = json::parse(c.Get("/v2/models/tiny")->body);
        QCOMPARE(meta["inputs"][0]["name"].get<std::string>(), std::string("input_ids"));
        QCOMPARE(meta["outputs"][0]["shape"], json({-1, 4}));
        json both, first, second;
        QCOMPARE(post(c, body(2, 32), &both), 200);
        QCOMPARE(both["outputs"][0]["shape"], json({2, 4}));
        // Row by row, the same logits: batching must not change a request's answer. Sums
        // over a row are blocked differently in a batch of 1 and of 2, so allow float
        // rounding (1e-5 on logits of order 1), not more.
        const std::string rows = body(2, 32);
        json parsed = json::parse(rows);
        auto ids = parsed["inputs"][0]["data"];
        for (int r = 0; r < 2; ++r) {
            json one = parsed;
            one["inputs"][0]["shape"] = {1, 32};
            one["inputs"][0]["data"] = json(std::vector<std::int64_t>(ids.begin() + r * 32, ids.begin() + r * 32 + 32));
            QCOMPARE(post(c, one.dump(), r == 0 ? &first : &second), 200);
        }
        for (int i = 0; i < 4; ++i) {
            QVERIFY(std::abs(both["outputs"][0]["data"][i].get<double>() - first["outputs"][0]["data"][i].get<double>())
                    < 1e-5);
            QVERIFY(std::abs(both["outputs"][0]["data"][4 + i].get<double>()
                             - second["outputs"][0]["data"][i].get<double>())
                    < 1e-5);
        }
        QCOMPARE(post(c, R"({"inputs":[]})"), 400);
        QCOMPARE(c.Post("/v2/models/nope/infer", body(1, 4), "application/json")->status, 404);
        // The binary tensor data extension: the same two rows as raw INT64 after the JSON,
        // the logits back as raw FP32 after the reply's JSON.
        {
            json head = parsed;
            head["inputs"][0].erase("data");
            head["inputs"][0]["parameters"] = {{"binary_data_size", 2 * 32 * 8}};
            head["outputs"] = json::array({{{"name", "logits"}, {"parameters", {{"binary_data", true}}}}});
            std::vector<std::int64_t> raw;
            for (const auto &v : ids)
                raw.push_back(v.get<std::int64_t>());
            const std::string text = head.dump();
            const std::string payload = text + std::string(reinterpret_cast<const char *>(raw.data()), raw.size() * 8);
            const httplib::Headers headers{{"Inference-Header-Content-Length", std::to_string(text.size())}};
            const auto res = c.Post("/v2/models/tiny/infer", headers, payload, "application/octet-stream");
            QVERIFY(res);
            QCOMPARE(res->status, 200);
            const std::size_t jsonLength = std::stoul(res->get_header_value("Inference-Header-Content-Length"));
            const json replyHead = json::parse(res->body.substr(0, jsonLength));
            QCOMPARE(replyHead["outputs"][0]["shape"], json({2, 4}));
            QCOMPARE(res->body.size(), jsonLength + 8 * sizeof(float));
            std::vector<float> logits(8);
            std::memcpy(logits.data(), res->body.data() + jsonLength, 8 * sizeof(float));
            for (int i = 0; i < 8; ++i)
                QVERIFY(std::abs(logits[std::size_t(i)] - both["outputs"][0]["data"][i].get<double>()) < 1e-5);
            const json server = json::parse(c.Get("/v2")->body);
            QCOMPARE(server["extensions"], json({"binary_tensor_data"}));
        }
        // Triton's per-request timeout: 1 microsecond has passed before any worker can
        // start the request, so it is answered 504, not run; the next one without it runs.
        json impatient = json::parse(body(1, 8)), timedOut;
        impatient["parameters"] = {{"timeout", 1}};
        QCOMPARE(post(c, impatient.dump(), &timedOut), 504);
        QVERIFY2(QString::fromStdString(timedOut.value("error", std::string())).contains(QStringLiteral("timeout")),
                 timedOut.dump().c_str());
        impatient["parameters"] = {{"timeout", 1000000}};
        QCOMPARE(post(c, impatient.dump()), 200);
        QCOMPARE(s.terminate(), 0);
    }

    void batchesConcurrentRequests()
    {
        Server s;
        QVERIFY(s.start(m_model, {QStringLiteral("--max-queue-delay-us"), QStringLiteral("20000")}));
        std::atomic<int> ok{0};
        std::vector<std::thread> clients;
        for (int t = 0; t < 24; ++t)
            clients.emplace_back([&, t] {
                auto c = s.client();
                for (int i = 0; i < 4; ++i)
                    ok += post(c, body(1, 16, t)) == 200;
            });
        for (auto &t : clients)
            t.join();
        QCOMPARE(ok.load(), 96);
        auto c = s.client();
        const auto [batches, singles] = batchCounts(c);
        QVERIFY2(batches > 0 && singles < batches,
                 qPrintable(QStringLiteral("%1 batches, %2 of one row").arg(batches).arg(singles)));
        QVERIFY2(batches < 96, "concurrent requests were batched"); // fewer batches than requests
        QCOMPARE(s.terminate(), 0);
    }

    void refusesMalformedBodiesAndKeepsAnswering()
    {
        Server s;
        QVERIFY(s.start(m_model, {}));
        auto c = s.client();
        const std::string valid = body(1, 8);
        std::mt19937 rng(20261203);
        const std::string junk = "{}[],:\"0123456789-.eE truefalsenull\\\x01\xff";
        int refused = 0, answered = 0;
        for (int i = 0; i < 300; ++i) {
            std::string b = valid;
            switch (i % 4) {
            case 0: b.resize(rng() % b.size()); break; // cut short
            case 1:                                    // bytes replaced
                for (int k = 0; k < 3; ++k)
                    b[rng() % b.size()] = junk[rng() % junk.size()];
                break;
            case 2: b.insert(rng() % b.size(), std::string(1 + rng() % 8, junk[rng() % junk.size()])); break;
            case 3: b = std::string(1 + rng() % 64, junk[rng() % junk.size()]); break;
            }
            json reply;
            const int status = post(c, b, &reply);
            QVERIFY2(status == 400 || status == 200,
                     qPrintable(QStringLiteral("%1 for %2").arg(status).arg(QString::fromStdString(b))));
            if (status == 400) {
                QVERIFY(reply.is_object() && reply.contains("error"));
                ++refused;
            }
            ++answered;
        }
        QVERIFY(refused > 250);
        QCOMPARE(answered, 300);
        // Oversized: 2 MiB of data, refused with 400 naming the body's size.
        json reply;
        QCOMPARE(post(c, std::string(2 << 20, ' ') + valid, &reply), 400);
        QVERIFY(QString::fromStdString(reply["error"].get<std::string>()).contains(QStringLiteral("request body is")));
        QCOMPARE(post(c, valid), 200);
        QCOMPARE(c.Get("/v2/health/live")->status, 200);
        QCOMPARE(s.terminate(), 0);
    }

    void shedsLoadWith503WhenTheQueueIsFull()
    {
        Server s;
        QVERIFY(s.start(m_model, {QStringLiteral("--no-dynamic-batching"), QStringLiteral("--max-queue-size"),
                                  QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1")}));
        std::atomic<int> ok{0}, full{0}, other{0};
        std::vector<std::thread> clients;
        const auto t0 = std::chrono::steady_clock::now();
        for (int t = 0; t < 32; ++t)
            clients.emplace_back([&] {
                auto c = s.client();
                for (int i = 0; i < 3; ++i) {
                    json reply;
                    const int status = post(c, body(32, 64), &reply);
                    if (status == 200)
                        ++ok;
                    else if (status == 503
                             && QString::fromStdString(reply.value("error", std::string()))
                                    .contains(QStringLiteral("queue is full")))
                        ++full;
                    else {
                        ++other;
                        qWarning("%d %s", status, reply.dump().c_str());
                    }
                }
            });
        for (auto &t : clients)
            t.join();
        QCOMPARE(other.load(), 0);
        QVERIFY2(full > 0, "no request was refused with 503");
        QVERIFY(ok > 0);
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60)); // refused at once, no hang
        QCOMPARE(s.terminate(), 0);
    }

    void shutsDownAfterAnsweringQueuedRequests()
    {
        Server s;
        // Requests wait up to 1.5 s for a batch of 64 that never fills.
        QVERIFY(s.start(m_model, {QStringLiteral("--max-batch-size"), QStringLiteral("64"),
                                  QStringLiteral("--preferred-batch-sizes"), QStringLiteral("64"),
                                  QStringLiteral("--max-queue-delay-us"), QStringLiteral("1500000"),
                                  QStringLiteral("--timeout-ms"), QStringLiteral("10000")}));
        std::atomic<int> ok{0};
        std::vector<std::thread> clients;
        for (int t = 0; t < 8; ++t)
            clients.emplace_back([&] {
                auto c = s.client();
                json reply;
                const int status = post(c, body(1, 16), &reply);
                ok += status == 200;
                if (status != 200)
                    qWarning("%d %s", status, reply.dump().c_str());
            });
        std::this_thread::sleep_for(std::chrono::milliseconds(400)); // all eight are queued
        QCOMPARE(s.terminate(), 0);
        for (auto &t : clients)
            t.join();
        QCOMPARE(ok.load(), 8);
        const QByteArray rest = s.process.readAllStandardOutput();
        QVERIFY2(rest.contains("\"stopped\""), rest.constData());
    }

    // INT8 on the run's eval data: within the issue's bound of fp32 (1 point of accuracy),
    // smaller, served like fp32, and read the same by Python's torch.jit.load.
    void int8KeepsAccuracyAndServes() { checkInt8Export(m_int8, "int8_dynamic"); }

    // Where LibTorch has no quantized engine, --int8 falls back to weight-only INT8 (forced
    // here with SEEKBENCH_INT8_WEIGHT_ONLY=1): int8 weights with per-row scales, widened in
    // each call. The same accuracy bound and size saving, served, and read by Python's
    // torch.jit.load with no quantized engine set.
    void int8FallsBackToWeightOnly()
    {
        qputenv("SEEKBENCH_INT8_WEIGHT_ONLY", "1");
        const CliOutput q = runCliOutput({QStringLiteral("export"), QStringLiteral("--run"), m_run,
                                          QStringLiteral("--format"), QStringLiteral("torchscript"),
                                          QStringLiteral("--int8"), QStringLiteral("--out"),
                                          QStringLiteral("exports/int8w"), QStringLiteral("--project"), m_project});
        qunsetenv("SEEKBENCH_INT8_WEIGHT_ONLY");
        QVERIFY2(q.code == 0, q.err.constData());
        checkInt8Export(m_project + QStringLiteral("/exports/int8w"), "int8_weight_only");
    }

    // serve --run: the run's newest TorchScript export (here the weight-only INT8 one, if
    // int8FallsBackToWeightOnly ran, else the INT8 one: both newer than exports/ts).
    void servesARunsNewestExport()
    {
        Server s;
        QVERIFY(s.startFrom({QStringLiteral("--run"), m_run, QStringLiteral("--project"), m_project}, {}));
        const QString described = QString::fromStdString(s.serving.value("describe", std::string()));
        QVERIFY2(described.contains(QStringLiteral("int8")), qPrintable(described));
        auto c = s.client();
        QCOMPARE(post(c, body(1, 8)), 200);
        QCOMPARE(s.terminate(), 0);
        const CliOutput both = runCliOutput(
            {QStringLiteral("serve"), QStringLiteral("--model"), m_model, QStringLiteral("--run"), m_run});
        QCOMPARE(both.code, 2);
        QVERIFY2(both.err.contains("give one"), both.err.constData());
        const CliOutput unknown = runCliOutput({QStringLiteral("serve"), QStringLiteral("--run"),
                                                QStringLiteral("no-such-run"), QStringLiteral("--project"), m_project});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains("no-such-run"), unknown.err.constData());
    }

    void refusesBadOptionsAndMissingModels()
    {
        const CliOutput none = runCliOutput(
            {QStringLiteral("serve"), QStringLiteral("--model"), m_dir.filePath(QStringLiteral("nowhere"))});
        QCOMPARE(none.code, 3);
        QVERIFY2(none.err.contains("nowhere/model.pt: no such file"), none.err.constData());
        const CliOutput bad = runCliOutput({QStringLiteral("serve"), QStringLiteral("--model"), m_model,
                                            QStringLiteral("--preferred-batch-sizes"), QStringLiteral("64")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("preferred_batch_size 64"), bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestServeCli)
#include "test_serve_cli.moc"
