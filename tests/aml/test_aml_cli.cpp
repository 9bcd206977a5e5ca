// The headless analyst loop through the real seekbench-cli: generate, import with bad
// rows, train (graph model and XGBoost, evaluated and stored), alerts, trace, report.

#include "report_test_support.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

class TestAmlCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    struct Result
    {
        int code;
        QString out, err;
    };

    Result cli(const QStringList &args)
    {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
        env.insert(QStringLiteral("SEEKBENCH_THREADS"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
        p.waitForFinished(300000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QString path(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void analystLoop()
    {
        const QString project = path("p");
        QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), project}).code, 0);
        auto r = cli({QStringLiteral("aml"), QStringLiteral("generate"), QStringLiteral("--project"), project,
                      QStringLiteral("--accounts"), QStringLiteral("150"), QStringLiteral("--months"),
                      QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("\"transactions\"")));

        // Import: the bad row is reported with its line and kept in the quarantine file.
        {
            std::ofstream csv(path("in.csv").toStdString());
            csv << "timestamp,sender,receiver,amount,currency\n2026-03-01T10:00:00Z,X1,X2,10,USD\n2026-03-01,X1,X2,-3,USD\n";
        }
        r = cli({QStringLiteral("aml"), QStringLiteral("import"), QStringLiteral("--project"), project,
                 QStringLiteral("--csv"), path("in.csv"), QStringLiteral("--quarantine"), path("q.csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("in.csv:3: amount: '-3' must be greater than 0")), qPrintable(r.err));
        QVERIFY(QFile::exists(path("q.csv")));
        r = cli({QStringLiteral("aml"), QStringLiteral("import"), QStringLiteral("--project"), project,
                 QStringLiteral("--csv"), path("missing.csv")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("missing.csv")));

        {
            std::ofstream cfg(path("aml.yaml").toStdString());
            cfg << "name: aml-cli\nmodel:\n  hidden_size: 16\n  num_attention_heads: 2\n  num_key_value_heads: 2\n"
                   "  intermediate_size: 32\n  num_hidden_layers: 1\n  max_position_embeddings: 16\n"
                   "data:\n  kind: aml_transactions\ntraining:\n  max_steps: 15\n  warmup_steps: 2\n  batch_size: 64\n"
                   "  eval_every: 0\n  checkpoint_every: 0\n  threads: 1\naml:\n  sequence_length: 8\n  message_layers: 1\n"
                   "  validation_months: 1\n  test_months: 1\n  xgb_rounds: 20\n";
        }
        {
            // The old single held-out period is refused by name, not read as something else.
            std::ofstream old(path("old.yaml").toStdString());
            old << "data:\n  kind: aml_transactions\naml:\n  eval_months: 2\n";
        }
        r = cli({QStringLiteral("aml"), QStringLiteral("train"), QStringLiteral("--project"), project,
                 QStringLiteral("--config"), path("old.yaml")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("aml.eval_months: no longer exists; replaced by aml.validation_months "
                                               "and aml.test_months")),
                 qPrintable(r.err));
        r = cli({QStringLiteral("aml"), QStringLiteral("train"), QStringLiteral("--project"), project,
                 QStringLiteral("--config"), path("aml.yaml")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("aml/xgboost_pr_auc")), qPrintable(r.err));
        // Each figure says its period: thresholds from validation, reported figures from test.
        QVERIFY2(r.err.contains(QStringLiteral("test PR-AUC")) || r.out.contains(QStringLiteral("test PR-AUC")),
                 qPrintable(r.err));

        r = cli({QStringLiteral("aml"), QStringLiteral("alerts"), QStringLiteral("--project"), project,
                 QStringLiteral("--capacity"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("\"operating_point\"")));
        QVERIFY(r.out.contains(QStringLiteral("\"threshold_period\": \"validation\"")));
        QVERIFY(r.out.contains(QStringLiteral("\"recall_at_fpr\"")));
        QVERIFY(r.out.contains(QStringLiteral("\"curve\"")));

        r = cli({QStringLiteral("aml"), QStringLiteral("trace"), QStringLiteral("--project"), project,
                 QStringLiteral("--tx"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("\"truncated\"")));
        r = cli({QStringLiteral("aml"), QStringLiteral("trace"), QStringLiteral("--project"), project,
                 QStringLiteral("--account"), QStringLiteral("nobody")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("no account 'nobody'")));

        r = cli({QStringLiteral("aml"), QStringLiteral("report"), QStringLiteral("--project"), project,
                 QStringLiteral("--account"), QStringLiteral("X1"), QStringLiteral("--note"),
                 QStringLiteral("<b>checked</b>"), QStringLiteral("--out"), path("case.html")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        std::ifstream html(path("case.html").toStdString());
        std::stringstream ss;
        ss << html.rdbuf();
        const std::string page = ss.str();
        QVERIFY(page.find("Case report: account X1") != std::string::npos);
        QVERIFY(page.find("&lt;b&gt;checked&lt;/b&gt;") != std::string::npos); // notes are escaped
        QVERIFY(page.find("<svg") != std::string::npos);
        // The report machinery's document (issue 24): parsed by a real parser, self-contained,
        // with the sections of a case and its provenance.
        QString checked = testsupport::checkHtml(path("case.html").toStdString(),
                                                 {QStringLiteral("Case report: account X1"),
                                                  QStringLiteral("<b>checked</b>"), QStringLiteral("Account"),
                                                  QStringLiteral("Transactions over time"),
                                                  QStringLiteral("Traced fund chains"), QStringLiteral("Provenance")});
        QVERIFY2(!checked.startsWith(QStringLiteral("FAILED")), qPrintable(checked));

        // An alert's case: its reasons' codes and the run it came from.
        r = cli({QStringLiteral("aml"), QStringLiteral("alerts"), QStringLiteral("--project"), project,
                 QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QRegularExpressionMatch alertId = QRegularExpression(QStringLiteral("\"id\":\\s*(\\d+)")).match(r.out);
        QVERIFY2(alertId.hasMatch(), qPrintable(r.out.left(400)));
        r = cli({QStringLiteral("aml"), QStringLiteral("report"), QStringLiteral("--project"), project,
                 QStringLiteral("--alert"), alertId.captured(1), QStringLiteral("--out"), path("alert.html")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        checked = testsupport::checkHtml(path("alert.html").toStdString(),
                                         {QStringLiteral("Case report: alert #") + alertId.captured(1),
                                          QStringLiteral("Alert and reasons"), QStringLiteral("Reason")});
        QVERIFY2(!checked.startsWith(QStringLiteral("FAILED")), qPrintable(checked));
        // An unknown alert is named, and no report is written.
        r = cli({QStringLiteral("aml"), QStringLiteral("report"), QStringLiteral("--project"), project,
                 QStringLiteral("--alert"), QStringLiteral("987654"), QStringLiteral("--out"), path("none.html")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no alert 987654 in the project")), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("none.html")));
    }

    // `aml generate --difficulty hard` makes the camouflaged data; another word is named.
    void generateDifficulty()
    {
        const QString project = path("hard");
        QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), project}).code, 0);
        const QStringList generate{QStringLiteral("aml"),         QStringLiteral("generate"),
                                   QStringLiteral("--project"),   project,
                                   QStringLiteral("--accounts"),  QStringLiteral("100"),
                                   QStringLiteral("--months"),    QStringLiteral("2"),
                                   QStringLiteral("--difficulty")};
        auto r = cli(generate + QStringList{QStringLiteral("medium")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("difficulty must be easy or hard (got 'medium')")), qPrintable(r.err));
        r = cli(generate + QStringList{QStringLiteral("hard")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("\"transactions\"")));
    }
};

QTEST_GUILESS_MAIN(TestAmlCli)
#include "test_aml_cli.moc"
