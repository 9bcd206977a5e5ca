// export --json reply: what the CLI prints round-trips through the typed reply the GUI
// reads, and a malformed document is rejected with the key named.

#include "seekbench/replies/export_replies.h"

#include <QTest>

using namespace seekbench::replies;

class TestCliRepliesExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        ModelExportReply r;
        r.run = "20260101-000000-abcdef01";
        r.format = "torchscript";
        r.checkpoint = "runs/20260101-000000-abcdef01/checkpoints/step-00000012.sbckpt";
        r.model = "synthetic_text";
        r.step = 12;
        r.tensors = 22;
        r.parameters = 90692;
        r.files = {{"runs/x/exports/torchscript-step12/model.pt", "ab12", 386000},
                   {"runs/x/exports/torchscript-step12/config.json", "cd34", 2950}};
        const ModelExportReply back = ModelExportReply::fromJson(r.toJson());
        QCOMPARE(back.run, r.run);
        QCOMPARE(back.format, r.format);
        QCOMPARE(back.checkpoint, r.checkpoint);
        QCOMPARE(back.model, r.model);
        QCOMPARE(back.step, std::int64_t(12));
        QCOMPARE(back.tensors, std::int64_t(22));
        QCOMPARE(back.parameters, std::int64_t(90692));
        QCOMPARE(back.files.size(), std::size_t(2));
        QCOMPARE(back.files[1].path, r.files[1].path);
        QCOMPARE(back.files[1].sha256, std::string("cd34"));
        QCOMPARE(back.files[0].bytes, std::int64_t(386000));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        const QString base = QStringLiteral(R"("run":"r","format":"safetensors","step":3,"checkpoint":"c","model":"m",)"
                                            R"("tensors":1,"parameters":4)");
        QTest::newRow("not json") << "{run"
                                  << "not JSON";
        const auto with = [&](const char *files) { return QLatin1Char('{') + base + QLatin1String(files); };
        QTest::newRow("no files") << with("}") << "key 'files' must be an array";
        QTest::newRow("files not objects") << with(R"(,"files":[1]})") << "key 'files' must hold objects";
        QTest::newRow("file without hash")
            << with(R"(,"files":[{"path":"p","bytes":1}]})") << "key 'sha256' is missing";
        QTest::newRow("step as text") << R"({"run":"r","format":"f","step":"3"})"
                                      << "key 'step' is not an integer";
        QTest::newRow("no format") << R"({"run":"r"})"
                                   << "key 'format' is missing";
    }

    void malformed()
    {
        QFETCH(QString, document);
        QFETCH(QString, message);
        try {
            ModelExportReply::fromJson(document.toStdString());
            QFAIL("a malformed reply was accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepliesExport)
#include "test_cli_replies_export.moc"
