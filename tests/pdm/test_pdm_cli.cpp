// The predictive maintenance data loop through the real seekbench-cli (issue 26): a fleet
// generated into the project and recorded; CSV and C-MAPSS imports with their bad lines
// reported and kept; the fleets listed with the state of their files; windows per split;
// and bad input refused by name.

#include "cli_test_support.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

class TestPdmCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_project;

    QString path(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }
    static QJsonObject object(const QByteArray &out) { return QJsonDocument::fromJson(out).object(); }
    CliOutput pdm(QStringList args)
    {
        args.prepend(QStringLiteral("pdm"));
        args.insert(2, QStringLiteral("--project"));
        args.insert(3, m_project);
        return runCliOutput(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = path("p");
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), m_project}), 0);
    }

    void generateRecordsTheFleet()
    {
        const CliOutput r = pdm({QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("plant"),
                                 QStringLiteral("--machines"), QStringLiteral("6"), QStringLiteral("--days"),
                                 QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = object(r.out);
        QCOMPARE(o[QStringLiteral("machines")].toInt(), 6);
        QCOMPARE(o[QStringLiteral("rows")].toInteger(), 6LL * 40 * 1440);
        QCOMPARE(o[QStringLiteral("sensors")].toInt(), 6);
        QVERIFY(o[QStringLiteral("failures")].toInt() > 0);
        QVERIFY(QFile::exists(m_project + QStringLiteral("/datasets/fleets/plant.sbfleet")));

        // The same seed makes the same file.
        const CliOutput again = pdm({QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("plant2"),
                                     QStringLiteral("--machines"), QStringLiteral("6"), QStringLiteral("--days"),
                                     QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(object(again.out)[QStringLiteral("sha256")], o[QStringLiteral("sha256")]);

        const CliOutput w = pdm({QStringLiteral("windows"), QStringLiteral("--fleet"), QStringLiteral("plant")});
        QVERIFY2(w.code == 0, w.err.constData());
        const QJsonObject splits = object(w.out)[QStringLiteral("splits")].toObject();
        int machines = 0;
        for (const char *s : {"train", "validation", "test"}) {
            const QJsonObject split = splits[QLatin1String(s)].toObject();
            QVERIFY2(split[QStringLiteral("windows")].toInt() > 0, s);
            machines += split[QStringLiteral("machines")].toInt();
        }
        QCOMPARE(machines, 6);
    }

    // The sensor model trains on the fleet's windows through the standard trainer, and the
    // run is evaluated beside the baselines: the evaluation file has every model and the
    // policies, and the run's final metrics carry the test figures.
    void trainAndEvaluate()
    {
        QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/pdm.yaml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QString yaml = QString::fromUtf8(in.readAll());
        yaml.replace(QRegularExpression(QStringLiteral("max_steps: \\d+")), QStringLiteral("max_steps: 12"));
        yaml.replace(QRegularExpression(QStringLiteral("eval_every: \\d+")), QStringLiteral("eval_every: 6"));
        yaml.replace(QRegularExpression(QStringLiteral("checkpoint_every: \\d+")),
                     QStringLiteral("checkpoint_every: 6"));
        yaml.replace(QStringLiteral("warmup_steps: 20"), QStringLiteral("warmup_steps: 2"));
        yaml.replace(QStringLiteral("xgb_rounds: 200"), QStringLiteral("xgb_rounds: 20"));
        yaml.replace(QStringLiteral("training:\n"), QStringLiteral("training:\n  threads: 1\n"));
        QFile out(path("pdm.yaml"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(yaml.toUtf8());
        out.close();

        // A config naming a fleet the project lacks is refused before a run is recorded.
        const CliOutput missing = pdm({QStringLiteral("train"), QStringLiteral("--config"), path("pdm.yaml"),
                                       QStringLiteral("--fleet"), QStringLiteral("nope")});
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("no fleet 'nope'"), missing.err.constData());

        const CliOutput r = pdm({QStringLiteral("train"), QStringLiteral("--config"), path("pdm.yaml")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("threshold_rule") && r.err.contains("xgboost+embedding"), r.err.constData());
        const QRegularExpression runId(QStringLiteral("run (\\d{8}-\\d{6}-[0-9a-f]{8})"));
        const QString id = runId.match(QString::fromUtf8(r.err)).captured(1);
        QVERIFY2(!id.isEmpty(), r.err.constData());
        const QString runDir = m_project + QStringLiteral("/runs/") + id;
        QVERIFY(QFile::exists(runDir + QStringLiteral("/eval/pdm_outputs.bin")));
        QFile evaluation(runDir + QStringLiteral("/eval/pdm_evaluation.json"));
        QVERIFY(evaluation.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(evaluation.readAll()).object();
        QStringList models;
        for (const QJsonValue &m : e[QStringLiteral("models")].toArray())
            models << m[QStringLiteral("model")].toString();
        QCOMPARE(models, (QStringList{QStringLiteral("model"), QStringLiteral("xgboost+embedding"),
                                      QStringLiteral("xgboost"), QStringLiteral("threshold_rule")}));
        QVERIFY(e[QStringLiteral("policies")].isObject());

        // evaluate gives the same evaluation again from the run's outputs.
        const CliOutput again = pdm({QStringLiteral("evaluate"), QStringLiteral("--run"), id});
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object()[QStringLiteral("models")], e[QStringLiteral("models")]);

        // Damaged outputs are named, not read.
        QFile outputs(runDir + QStringLiteral("/eval/pdm_outputs.bin"));
        QVERIFY(outputs.open(QIODevice::ReadWrite));
        outputs.seek(100);
        outputs.write("garbage");
        outputs.close();
        const CliOutput damaged = pdm({QStringLiteral("evaluate"), QStringLiteral("--run"), id});
        QVERIFY(damaged.code != 0);
        QVERIFY2(damaged.err.contains("pdm_outputs.bin") && damaged.err.contains("checksum"), damaged.err.constData());
    }

    // A fleet in cycles, imported from a C-MAPSS training file (units run to failure, made here
    // with a wear trend in three sensors), trains and is evaluated end to end: RUL in cycles
    // with the C-MAPSS score, results in the store in cycles for the views and verbs.
    void cmapssTrainRunsEndToEnd()
    {
        {
            std::ofstream train(path("train_FD001.txt").toStdString());
            unsigned seed = 7;
            const auto noise = [&seed] {
                seed = seed * 1103515245u + 12345u;
                return double((seed >> 16) & 0x7fff) / 32768.0 - 0.5;
            };
            train.setf(std::ios::fixed);
            train.precision(4);
            for (int unit = 1; unit <= 24; ++unit) {
                const int life = 110 + 5 * unit;
                for (int cycle = 1; cycle <= life; ++cycle) {
                    const double wear = std::pow(double(cycle) / life, 3);
                    train << unit << ' ' << cycle << ' ' << 0.001 * noise() << ' ' << 0.0002 * noise() << " 100.0";
                    for (int s = 0; s < 21; ++s)
                        train << ' ' << 100.0 + 10 * s + 0.3 * noise() + (s == 2 || s == 6 || s == 10 ? 4 * wear : 0);
                    train << '\n';
                }
            }
        }
        const CliOutput imported = pdm({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("fd001"),
                                        QStringLiteral("--cmapss-train"), path("train_FD001.txt")});
        QVERIFY2(imported.code == 0, imported.err.constData());
        QCOMPARE(object(imported.out)[QStringLiteral("time_unit")].toString(), QStringLiteral("cycles"));
        // The example config's windows are in seconds; 0 lets a fleet in cycles take its own
        // (a cycle a step, 30 of history, failure within 30 cycles, no baseline period).
        QFile example(path("pdm.yaml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        QString yaml = QString::fromUtf8(example.readAll());
        for (const char *key : {"step", "history", "horizon", "baseline", "min_lead"})
            yaml.replace(QRegularExpression(QStringLiteral("\\n  %1: \\d+").arg(QLatin1String(key))),
                         QStringLiteral("\n  %1: 0").arg(QLatin1String(key)));
        QFile cycles(path("cmapss.yaml"));
        QVERIFY(cycles.open(QIODevice::WriteOnly));
        cycles.write(yaml.toUtf8());
        cycles.close();
        const CliOutput r = pdm({QStringLiteral("train"), QStringLiteral("--config"), path("cmapss.yaml"),
                                 QStringLiteral("--fleet"), QStringLiteral("fd001")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QString id = QRegularExpression(QStringLiteral("run (\\d{8}-\\d{6}-[0-9a-f]{8})"))
                               .match(QString::fromUtf8(r.err))
                               .captured(1);
        QFile evaluation(m_project + QStringLiteral("/runs/") + id + QStringLiteral("/eval/pdm_evaluation.json"));
        QVERIFY(evaluation.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(evaluation.readAll()).object();
        QCOMPARE(e[QStringLiteral("time_unit")].toString(), QStringLiteral("cycles"));
        const QJsonObject rul = e[QStringLiteral("models")].toArray()[0].toObject()[QStringLiteral("rul")].toObject();
        QCOMPARE(rul[QStringLiteral("unit")].toString(), QStringLiteral("cycles"));
        QVERIFY(rul[QStringLiteral("windows")].toInt() > 0);
        QVERIFY(rul[QStringLiteral("cmapss_score")].isDouble());
        const CliOutput alerts = pdm({QStringLiteral("alerts"), QStringLiteral("--run"), id, QStringLiteral("--json")});
        QVERIFY2(alerts.code == 0, alerts.err.constData());
        QCOMPARE(object(alerts.out)[QStringLiteral("time_unit")].toString(), QStringLiteral("cycles"));
        const CliOutput replay = pdm({QStringLiteral("simulate"), QStringLiteral("--run"), id});
        QVERIFY2(replay.code == 0, replay.err.constData());
    }

    void csvImportKeepsBadLinesAside()
    {
        {
            std::ofstream csv(path("readings.csv").toStdString());
            csv << "machine,time,sensor,value\n"
                   "press-1,2026-03-01T00:00:00Z,temperature,61.5\n"
                   "press-1,2026-03-01T00:01:00Z,temperature,=cmd()\n"
                   "press-1,2026-03-01T00:02:00Z,temperature,62.0\n"
                   "press-2,2026-03-01T00:00:00Z,temperature,\n";
            std::ofstream failures(path("failures.csv").toStdString());
            failures << "machine,time,mode\npress-1,2026-03-01T00:02:00Z,seal_leak\npress-9,2026-03-01,seal_leak\n";
        }
        const CliOutput r = pdm({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("presses"),
                                 QStringLiteral("--csv"), path("readings.csv"), QStringLiteral("--failures"),
                                 path("failures.csv"), QStringLiteral("--quarantine"), path("q.csv")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("readings.csv:3: value"), r.err.constData());
        QVERIFY2(r.err.contains("failures.csv:3:") && r.err.contains("press-9"), r.err.constData());
        const QJsonObject o = object(r.out);
        QCOMPARE(o[QStringLiteral("machines")].toInt(), 2);
        QCOMPARE(o[QStringLiteral("rows")].toInt(), 3); // press-1's two good times, press-2's missing reading
        QCOMPARE(o[QStringLiteral("failures")].toInt(), 1);
        QCOMPARE(o[QStringLiteral("bad_lines")].toInt(), 2);
        QFile q(path("q.csv"));
        QVERIFY(q.open(QIODevice::ReadOnly));
        const QByteArray kept = q.readAll();
        QVERIFY(kept.startsWith("file,line,reason,text\n"));
        QVERIFY2(kept.contains("=cmd()") && kept.contains("press-9"), kept.constData());
    }

    void cmapssTestWithItsRul()
    {
        {
            std::ofstream test(path("test_FD001.txt").toStdString());
            for (int unit = 1; unit <= 2; ++unit)
                for (int cycle = 1; cycle <= 40; ++cycle)
                    test << unit << ' ' << cycle
                         << " -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 "
                            "9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190 \n";
            std::ofstream rul(path("RUL_FD001.txt").toStdString());
            rul << "112\n98\n";
        }
        const CliOutput r = pdm({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("fd001-test"),
                                 QStringLiteral("--cmapss-test"), path("test_FD001.txt"), QStringLiteral("--rul"),
                                 path("RUL_FD001.txt")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = object(r.out);
        QCOMPARE(o[QStringLiteral("time_unit")].toString(), QStringLiteral("cycles"));
        QCOMPARE(o[QStringLiteral("sensors")].toInt(), 24);
        QCOMPARE(o[QStringLiteral("failures")].toInt(), 2); // each unit's last cycle plus its true RUL

        // Bad input is refused by name, and nothing is recorded.
        {
            std::ofstream rul(path("RUL_short.txt").toStdString());
            rul << "112\n";
        }
        const CliOutput bad = pdm({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("fd001-bad"),
                                   QStringLiteral("--cmapss-test"), path("test_FD001.txt"), QStringLiteral("--rul"),
                                   path("RUL_short.txt")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("RUL_short.txt"), bad.err.constData());
        QVERIFY(!QFile::exists(m_project + QStringLiteral("/datasets/fleets/fd001-bad.sbfleet")));
    }

    void badInputIsRefusedByName_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("name leaves the folder")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("../x")}
            << QStringLiteral("fleet name '../x'");
        QTest::newRow("no name") << QStringList{QStringLiteral("generate")}
                                 << QStringLiteral("--name NAME is required");
        QTest::newRow("dropout out of range")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("x"),
                           QStringLiteral("--dropout-rate"), QStringLiteral("0.9")}
            << QStringLiteral("dropout_rate");
        QTest::newRow("machines not a number")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("x"),
                           QStringLiteral("--machines"), QStringLiteral("lots")}
            << QStringLiteral("--machines");
        QTest::newRow("missing csv") << QStringList{QStringLiteral("import"), QStringLiteral("--name"),
                                                    QStringLiteral("x"), QStringLiteral("--csv"),
                                                    QStringLiteral("/nonexistent/r.csv")}
                                     << QStringLiteral("/nonexistent/r.csv");
        QTest::newRow("two sources") << QStringList{QStringLiteral("import"),   QStringLiteral("--name"),
                                                    QStringLiteral("x"),        QStringLiteral("--csv"),
                                                    QStringLiteral("a.csv"),    QStringLiteral("--cmapss-train"),
                                                    QStringLiteral("train.txt")}
                                     << QStringLiteral("give one of --csv");
        QTest::newRow("unknown fleet") << QStringList{QStringLiteral("windows"), QStringLiteral("--fleet"),
                                                      QStringLiteral("nope")}
                                       << QStringLiteral("no fleet 'nope'");
        QTest::newRow("bad horizon") << QStringList{QStringLiteral("windows"), QStringLiteral("--fleet"),
                                                    QStringLiteral("plant"), QStringLiteral("--horizon"),
                                                    QStringLiteral("-5")}
                                     << QStringLiteral("windows.horizon must be");
    }
    void badInputIsRefusedByName()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliOutput r = pdm(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    // Listed last: the other tests' fleets, and a file changed behind the store's back.
    void fleetsListTheirFileState()
    {
        QFile f(m_project + QStringLiteral("/datasets/fleets/plant2.sbfleet"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(200);
        f.write("x");
        f.close();
        QVERIFY(QFile::remove(m_project + QStringLiteral("/datasets/fleets/presses.sbfleet")));
        const CliOutput r = pdm({QStringLiteral("fleets")});
        QVERIFY2(r.code == 0, r.err.constData());
        QMap<QString, QString> state;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
            state[v[QStringLiteral("fleet")].toString()] = v[QStringLiteral("state")].toString();
        QCOMPARE(state.value(QStringLiteral("plant")), QStringLiteral("present"));
        QCOMPARE(state.value(QStringLiteral("plant2")), QStringLiteral("changed since written"));
        QCOMPARE(state.value(QStringLiteral("presses")), QStringLiteral("file missing"));
        QCOMPARE(state.value(QStringLiteral("fd001-test")), QStringLiteral("present"));
        QVERIFY(!state.contains(QStringLiteral("fd001-bad")));
    }
};

QTEST_GUILESS_MAIN(TestPdmCli)
#include "test_pdm_cli.moc"
