// `seekbench-cli project ...` and `runs ...` as a user runs them: exit codes 0/2/3,
// --json output, and a table of bad invocations whose messages name the problem and
// the place. Runs are created through the library (no training needed).

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

namespace {

struct Result
{
    int code = -1;
    QByteArray out, err;
};

Result cli(const QStringList &args, const QString &cwd = {})
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestProjectCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_dir;
    std::string m_run;

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = m_tmp.path() + QStringLiteral("/cli-project");
        const auto r = cli({QStringLiteral("project"), QStringLiteral("init"), m_dir, QStringLiteral("--name"),
                            QStringLiteral("cli demo")});
        QCOMPARE(r.code, 0);
        auto p = Project::open(m_dir.toStdString());
        RunStore store(p);
        NewRun n;
        n.name = "recorded";
        n.status = seekbench::RunStatus::Finished;
        n.configYaml = "training:\n  lr: 0.003\n";
        m_run = store.createRun(n);
        MetricWriter w(p, m_run, 1);
        std::vector<MetricPoint> pts;
        for (int s = 0; s < 500; ++s)
            pts.push_back({"train/loss", s, 1.0 * s, 0, 1.0 / (1 + s)});
        w.addMetrics(pts);
    }

    void infoRunsShowExport()
    {
        auto r = cli({QStringLiteral("project"), QStringLiteral("info"), m_dir, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const auto info = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(info.value(QStringLiteral("name")).toString(), QStringLiteral("cli demo"));
        QCOMPARE(info.value(QStringLiteral("runs")).toInt(), 1);

        r = cli({QStringLiteral("project"), QStringLiteral("runs"), m_dir, QStringLiteral("--param"),
                 QStringLiteral("training.lr>0.001"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const auto runs = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].toObject().value(QStringLiteral("id")).toString().toStdString(), m_run);

        r = cli({QStringLiteral("project"), QStringLiteral("show"), m_dir, QString::fromStdString(m_run)});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("recorded"));
        QVERIFY(r.out.contains("500 points"));

        r = cli({QStringLiteral("project"), QStringLiteral("export"), m_dir, QString::fromStdString(m_run),
                 QStringLiteral("--buckets"), QStringLiteral("10")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("run,key,rank,first_step"));

        r = cli({QStringLiteral("runs"), QStringLiteral("tag"), QString::fromStdString(m_run), QStringLiteral("keep"),
                 QStringLiteral("--json")},
                m_dir); // --project defaults to the current folder
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("keep"));
    }

    void cloneRecordsItsParent()
    {
        const QString config = m_tmp.path() + QStringLiteral("/clone.yaml");
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "name: clone\nmodel:\n  hidden_size: 16\n  num_attention_heads: 2\n  num_key_value_heads: 2\n"
            "  intermediate_size: 32\n  num_hidden_layers: 1\ntraining:\n  max_steps: 2\n  batch_size: 4\n"
            "  eval_every: 0\n  checkpoint_every: 0\n  warmup_steps: 0\ndata:\n  train_samples: 64\n  eval_samples: 8\n");
        f.close();
        const auto r = cli({QStringLiteral("train"), QStringLiteral("--project"), m_dir, QStringLiteral("--config"),
                            config, QStringLiteral("--parent"), QString::fromStdString(m_run)});
        QVERIFY2(r.code == 0, r.err.constData());
        auto p = Project::open(m_dir.toStdString());
        RunStore store(p);
        bool found = false;
        for (const auto &run : store.listRuns())
            if (run.name == "clone") {
                found = true;
                QCOMPARE(run.parentId, m_run);
                QCOMPARE(run.parentKind, std::string("clone"));
                QVERIFY(run.summary.count("train/epoch")); // the overview's epoch
            }
        QVERIFY(found);
    }

    void badInvocations_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString missing = QStringLiteral("/nonexistent/project");
        QTest::newRow("unknown verb") << QStringList{QStringLiteral("project"), QStringLiteral("explode")} << 2
                                      << QStringLiteral("unknown verb 'explode'");
        QTest::newRow("not a project") << QStringList{QStringLiteral("project"), QStringLiteral("info"), missing} << 2
                                       << QStringLiteral("/nonexistent/project does not exist");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("project"), QStringLiteral("runs"),
                                                       QStringLiteral("DIR"), QStringLiteral("--colour")}
                                        << 2 << QStringLiteral("unknown option --colour");
        QTest::newRow("bad filter") << QStringList{QStringLiteral("project"), QStringLiteral("runs"),
                                                   QStringLiteral("DIR"), QStringLiteral("--param"),
                                                   QStringLiteral("training.lr")}
                                    << 2 << QStringLiteral("--param: 'training.lr' has no comparison");
        QTest::newRow("bad status") << QStringList{QStringLiteral("project"), QStringLiteral("runs"),
                                                   QStringLiteral("DIR"), QStringLiteral("--status"),
                                                   QStringLiteral("done")}
                                    << 2 << QStringLiteral("--status: 'done' is not a run status");
        QTest::newRow("unknown run") << QStringList{QStringLiteral("project"), QStringLiteral("show"),
                                                    QStringLiteral("DIR"), QStringLiteral("20200101-000000-00000000")}
                                     << 2 << QStringLiteral("no run '20200101-000000-00000000'");
        QTest::newRow("export outside") << QStringList{QStringLiteral("project"), QStringLiteral("export"),
                                                       QStringLiteral("DIR"), QStringLiteral("-o"),
                                                       QStringLiteral("../outside.csv")}
                                        << 2 << QStringLiteral("'../outside.csv' leaves the project folder");
        QTest::newRow("bad format") << QStringList{QStringLiteral("project"), QStringLiteral("export"),
                                                   QStringLiteral("DIR"), QStringLiteral("--format"),
                                                   QStringLiteral("xml")}
                                    << 2 << QStringLiteral("--format: 'xml' is not csv or json");
        QTest::newRow("stop a finished run")
            << QStringList{QStringLiteral("runs"), QStringLiteral("stop"), QStringLiteral("RUN"),
                           QStringLiteral("--project"), QStringLiteral("DIR")}
            << 2 << QStringLiteral("is not running (status finished)");
        QTest::newRow("delete unconfirmed")
            << QStringList{QStringLiteral("runs"), QStringLiteral("delete"), QStringLiteral("RUN"),
                           QStringLiteral("--project"), QStringLiteral("DIR")}
            << 2 << QStringLiteral("add --yes to confirm");
        QTest::newRow("bad run id") << QStringList{QStringLiteral("runs"),      QStringLiteral("note"),
                                                   QStringLiteral("../x"),      QStringLiteral("hi"),
                                                   QStringLiteral("--project"), QStringLiteral("DIR")}
                                    << 2 << QStringLiteral("'../x' is not a run id");
        QTest::newRow("missing run id") << QStringList{QStringLiteral("runs"), QStringLiteral("resume")} << 2
                                        << QStringLiteral("the run id is missing");
        const QString tiny = QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml");
        QTest::newRow("unknown parent") << QStringList{QStringLiteral("train"),
                                                       QStringLiteral("--project"),
                                                       QStringLiteral("DIR"),
                                                       QStringLiteral("--config"),
                                                       tiny,
                                                       QStringLiteral("--parent"),
                                                       QStringLiteral("20200101-000000-00000000")}
                                        << 2 << QStringLiteral("--parent: no run '20200101-000000-00000000'");
        QTest::newRow("parent without project") << QStringList{QStringLiteral("train"),
                                                               QStringLiteral("--out"),
                                                               QStringLiteral("/tmp/x"),
                                                               QStringLiteral("--config"),
                                                               tiny,
                                                               QStringLiteral("--parent"),
                                                               QStringLiteral("RUN")}
                                                << 2 << QStringLiteral("--parent needs --project");
    }

    void badInvocations()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        for (auto &a : args) {
            if (a == QStringLiteral("DIR"))
                a = m_dir;
            else if (a == QStringLiteral("RUN"))
                a = QString::fromStdString(m_run);
        }
        const auto r = cli(args);
        QVERIFY2(r.code == code, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestProjectCli)
#include "test_project_cli.moc"
