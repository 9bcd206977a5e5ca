// Runs > Serve model… (issue 23): the dialog starts `seekbench-cli serve` on one of the
// run's TorchScript exports as a detached process, shows it serving, shows the request
// rate and latency it reads from /metrics while a client calls it, and Stop ends the
// process. The /metrics reader is checked on its own with a known histogram.
#include "export/serve_dialog.h"
#include "export/serving_metrics_text.h"
#include "project/project_session.h"
#include "shell/app_setup.h"
#include "shot_look.h"
#include "tiny_run.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace seekbench;
using namespace seekbench::ui;

namespace {

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

const char *kMetrics = R"(# TYPE seekbench_inference_requests_total counter
seekbench_inference_requests_total{model="m",code="200"} %1
seekbench_inference_requests_total{model="m",code="503"} %2
seekbench_inference_request_duration_seconds_bucket{model="m",le="0.01"} %3
seekbench_inference_request_duration_seconds_bucket{model="m",le="0.02"} %4
seekbench_inference_request_duration_seconds_bucket{model="m",le="+Inf"} %4
seekbench_inference_batch_size_count{model="m"} %5
seekbench_inference_batch_size_sum{model="m"} %6
seekbench_inference_queue_depth{model="m"} 3
)";

} // namespace

class TestServeDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir, m_run;

    std::unique_ptr<ProjectSession> session() { return std::make_unique<ProjectSession>(m_dir); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
        AppSetup::installTranslator(QStringLiteral("en"));
        m_dir = m_tmp.filePath(QStringLiteral("p"));
        m_run = test::trainTinyRun(m_dir, m_tmp.path());
        QVERIFY(!m_run.isEmpty());
        QCOMPARE(test::runCli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                               QStringLiteral("torchscript"), QStringLiteral("--project"), m_dir}),
                 0);
    }

    void readsRatesAndQuantilesFromMetrics()
    {
        const ServingScrape a = parseServingMetrics(
            QString::fromLatin1(kMetrics).arg(100).arg(0).arg(50).arg(100).arg(20).arg(100));
        // One second later: 100 more answered (50 in the first bucket, 50 in the second), 10
        // refused, 10 batches of 10 rows.
        const ServingScrape b = parseServingMetrics(
            QString::fromLatin1(kMetrics).arg(200).arg(10).arg(100).arg(210).arg(30).arg(200));
        QVERIFY(a.valid && b.valid);
        QCOMPARE(b.queueDepth, 3.0);
        const ServingRates r = servingRates(a, b, 1.0);
        QCOMPARE(r.requestsPerSecond, 110.0);
        QCOMPARE(r.errorsPerSecond, 10.0);
        QCOMPARE(r.meanBatch, 10.0);
        // 110 in the interval: 50 at <= 10 ms, 60 in (10, 20] ms. p50 is the 55th: 10 + 5/60 of 10 ms.
        QVERIFY(std::abs(r.p50Ms - (10.0 + 10.0 * 5.0 / 60.0)) < 1e-9);
        QVERIFY(r.p99Ms > 19.0 && r.p99Ms <= 20.0);
        QVERIFY(!parseServingMetrics(QStringLiteral("<html>not metrics</html>")).valid);
        QCOMPARE(servingRates(a, a, 1.0).p50Ms, -1.0); // no request in the interval
    }

    void servesShowsTrafficAndStops()
    {
        auto s = session();
        QTRY_VERIFY(!s->runs().empty());
        ServeDialog dialog(m_dir, s->runs().front());
        QCOMPARE(dialog.modelBox()->count(), 1);
        QVERIFY(dialog.modelBox()->currentText().endsWith(QLatin1String("exports/torchscript-step4")));
        const int port = freePort();
        dialog.portBox()->setValue(port);
        dialog.startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isReady(), 60000);
        const qint64 pid = dialog.serverPid();
        QVERIFY(pid > 0);
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("/v2/models/torchscript-step4/infer")),
                 qPrintable(dialog.statusLabel()->text()));

        // A client calls it for a few seconds; the dialog shows a non-zero rate.
        QNetworkAccessManager net;
        const QByteArray body
            = R"({"inputs":[{"name":"input_ids","shape":[1,8],"datatype":"INT64","data":[1,2,3,4,5,6,7,8]}]})";
        int answered = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3500) {
            QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v2/models/torchscript-step4/infer").arg(port)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply *reply = net.post(req, body);
            QTRY_VERIFY(reply->isFinished());
            answered += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            reply->deleteLater();
        }
        QVERIFY(answered > 10);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.ratesLabel()->text().contains(QStringLiteral("requests/s")), 5000);
        QVERIFY2(!dialog.ratesLabel()->text().startsWith(QStringLiteral("0 ")), qPrintable(dialog.ratesLabel()->text()));

        dialog.stopButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text() == QStringLiteral("Stopped."), 30000);
        QVERIFY(::kill(pid_t(pid), 0) != 0); // the process is gone
        QVERIFY(dialog.startButton()->isEnabled());
    }

    void aRunWithoutExportsSaysSo()
    {
        projects::RunRecord run;
        run.id = "20260101-000000-aaaaaaaa";
        run.name = "none";
        ServeDialog dialog(m_dir, run);
        QCOMPARE(dialog.modelBox()->count(), 0);
        QVERIFY(!dialog.startButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("export it first")));
    }

    void screenshots_data() { test::addLookRows(); }

    void screenshots()
    {
        SEEKBENCH_SHOT_LOOK();
        auto s = session();
        QTRY_VERIFY(!s->runs().empty());
        ServeDialog dialog(m_dir, s->runs().front());
        const int port = freePort();
        dialog.portBox()->setValue(port);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isReady(), 60000);
        QProcess load;
        load.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c8"), QStringLiteral("-d4s"),
                                           QStringLiteral("http://127.0.0.1:%1/v2/health/ready").arg(port)});
        QTest::qWait(200);
        QNetworkAccessManager net;
        const QByteArray body
            = R"({"inputs":[{"name":"input_ids","shape":[1,8],"datatype":"INT64","data":[1,2,3,4,5,6,7,8]}]})";
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 3000) {
            QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v2/models/torchscript-step4/infer").arg(port)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply *reply = net.post(req, body);
            QTRY_VERIFY(reply->isFinished());
            reply->deleteLater();
        }
        QTest::qWait(1100);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/serve-dialog") + look.suffix() + QStringLiteral(".png")));
        load.waitForFinished(10000);
        dialog.stopButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text() == QStringLiteral("Stopped.")
                                     || dialog.statusLabel()->text() == QStringLiteral("已停止。"),
                                 30000);
    }
};

QTEST_MAIN(TestServeDialog)
#include "test_serve_dialog.moc"
