// `seekbench-cli serve` on a cross-modal run's export (issue 23): the image classifier a
// user trained, served over the KServe v2 protocol and called with a real HTTP client.

#include "cli_test_support.h"
#include "serve_test_support.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using nlohmann::json;
using servetest::post;
using servetest::Server;

class TestServeCrossModalCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    // A cross-modal run's TorchScript export served as the image classifier it is: the
    // metadata names the FP32 image input, a v2 request with one FP32 [1, 1, 28, 28] image
    // gets the ten logits Python's torch.jit.load gives for it (1e-4: the server's frozen
    // graph may order the fp32 arithmetic differently), and INT64 data for it is refused by
    // name.
    void servesACrossModalExport()
    {
        const QString project = m_dir.filePath(QStringLiteral("cross"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), project}), 0);
        QByteArray err;
        QVERIFY2(runCli({QStringLiteral("train"), QStringLiteral("--config"), writeCrossModalConfig(m_dir.path()),
                         QStringLiteral("--project"), project},
                        &err)
                     == 0,
                 err.constData());
        const QString run = QDir(project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first();
        const CliOutput ex = runCliOutput({QStringLiteral("export"), QStringLiteral("--run"), run,
                                           QStringLiteral("--format"), QStringLiteral("torchscript"),
                                           QStringLiteral("--out"), QStringLiteral("exports/cross"),
                                           QStringLiteral("--project"), project});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const QString dir = project + QStringLiteral("/exports/cross");
        Server s;
        QVERIFY(s.start(dir, {}));
        auto c = s.client();
        const json meta = json::parse(c.Get("/v2/models/tiny")->body);
        QCOMPARE(meta["inputs"][0]["name"].get<std::string>(), std::string("image"));
        QCOMPARE(meta["inputs"][0]["datatype"].get<std::string>(), std::string("FP32"));
        QCOMPARE(meta["inputs"][0]["shape"].dump(), std::string("[-1,1,28,28]"));
        QCOMPARE(meta["outputs"][0]["shape"].dump(), std::string("[-1,10]"));
        std::vector<double> image;
        for (int i = 0; i < 28 * 28; ++i)
            image.push_back(std::sin(0.37 * i) * 1.5 - 0.3); // on the scale of normalised pixels
        const std::string request
            = json{{"inputs", {{{"name", "image"}, {"shape", {1, 1, 28, 28}}, {"datatype", "FP32"}, {"data", image}}}}}
                  .dump();
        json reply;
        QCOMPARE(post(c, request, &reply), 200);
        QCOMPARE(reply["outputs"][0]["shape"].dump(), std::string("[1,10]"));
        QCOMPARE(reply["outputs"][0]["data"].size(), std::size_t(10));
        json refusal;
        const std::string ints = json{{"inputs",
                                       {{{"name", "image"},
                                         {"shape", {1, 1, 28, 28}},
                                         {"datatype", "INT64"},
                                         {"data", std::vector<int>(784)}}}}}
                                     .dump();
        QCOMPARE(post(c, ints, &refusal), 400);
        QVERIFY2(refusal["error"].get<std::string>().find("FP32") != std::string::npos, refusal.dump().c_str());
        QCOMPARE(s.terminate(), 0);

        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import json,sys,torch\n"
                                 "m=torch.jit.load(sys.argv[1])\n"
                                 "x=torch.tensor(json.loads(sys.argv[2])).view(1,1,28,28)\n"
                                 "print(json.dumps(m(x).flatten().tolist()))\n"),
                  dir + QStringLiteral("/model.pt"), QString::fromStdString(json(image).dump())});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const json logits = json::parse(py.readAllStandardOutput().toStdString());
        QCOMPARE(logits.size(), std::size_t(10));
        for (std::size_t i = 0; i < 10; ++i)
            QVERIFY(std::abs(logits[i].get<double>() - reply["outputs"][0]["data"][i].get<double>()) < 1e-4);
    }
};

QTEST_GUILESS_MAIN(TestServeCrossModalCli)
#include "test_serve_crossmodal_cli.moc"
