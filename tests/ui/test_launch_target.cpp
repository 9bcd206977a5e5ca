// "Where" a run trains: the command lines the GUI starts (argv words, never a shell), the
// launch dialog refusing a Slurm launch without a cluster profile, and the job-script
// preview through the real seekbench-cli.
#include "launch/launch_dialog.h"
#include "launch/launch_target_picker.h"
#include "launch/run_launcher.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench::ui;

class TestLaunchTarget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH); }

    void commandLines_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QStringList>("head");
        QTest::addColumn<QStringList>("mustHave");
        auto L = [](const char *text) { return QString::fromLatin1(text); };
        auto Ls = [&](std::initializer_list<const char *> words) {
            QStringList out;
            for (const char *w : words)
                out << L(w);
            return out;
        };
        QTest::newRow("this machine") << 0 << L("P1") << Ls({"train", "--project"}) << Ls({"--parent", "P1"});
        QTest::newRow("local ranks") << 1 << QString() << Ls({"launch", "--nproc", "3", "--", "train"})
                                     << Ls({"--config"});
        QTest::newRow("slurm") << 2 << QString() << Ls({"slurm", "submit"}) << Ls({"--profile", "--json"});
    }

    void commandLines()
    {
        QFETCH(int, kind);
        QFETCH(QString, parent);
        QFETCH(QStringList, head);
        QFETCH(QStringList, mustHave);
        LaunchTarget t;
        t.kind = static_cast<LaunchTarget::Kind>(kind);
        t.processes = 3;
        t.clusterProfile = QStringLiteral("/p/clusters/a.yaml");
        // A hostile name stays one argv word: nothing here goes through a shell.
        const QString name = QStringLiteral("x'; touch /tmp/pwned; echo $(id) `id`");
        const QStringList args = RunLauncher::commandFor(t, QStringLiteral("/p"), QStringLiteral("/p/configs/c.yaml"),
                                                         name, parent);
        QCOMPARE(args.mid(0, head.size()), head);
        for (const QString &m : mustHave)
            QVERIFY2(args.contains(m), qPrintable(args.join(QLatin1Char(' '))));
        QCOMPARE(args.count(name), 1);
        QCOMPARE(args.at(args.indexOf(QStringLiteral("--name")) + 1), name);
    }

    void slurmNeedsAProfile()
    {
        QTemporaryDir tmp;
        LaunchDialog dialog(tmp.path());
        auto *where = dialog.findChild<QComboBox *>(QStringLiteral("whereCombo"));
        auto *launch = dialog.findChild<QPushButton *>(QStringLiteral("launchButton"));
        QVERIFY(launch->isEnabled()); // tiny, on this machine
        where->setCurrentIndex(2);
        QVERIFY(!launch->isEnabled());
        QVERIFY(dialog.problemsText().contains(QStringLiteral("cluster profile")));
        where->setCurrentIndex(1);
        QVERIFY(launch->isEnabled());
        QCOMPARE(dialog.target().kind, LaunchTarget::Kind::LocalRanks);
    }

    void profilesAndScriptPreview()
    {
        QTemporaryDir tmp;
        QDir().mkpath(tmp.filePath(QStringLiteral("clusters")));
        QFile f(tmp.filePath(QStringLiteral("clusters/lab.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("nodes: 1\ntasks_per_node: 2\ncpus_per_task: 1\ntime: \"00:10:00\"\npartition: debug\n");
        f.close();
        QCOMPARE(RunLauncher::clusterProfiles(tmp.path()),
                 QStringList{tmp.filePath(QStringLiteral("clusters/lab.yaml"))});
        LaunchDialog dialog(tmp.path());
        dialog.findChild<QComboBox *>(QStringLiteral("whereCombo"))->setCurrentIndex(2);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("launchButton"))->isEnabled());
        QCOMPARE(dialog.target().clusterProfile, tmp.filePath(QStringLiteral("clusters/lab.yaml")));
        QSignalSpy ready(dialog.targetPicker(), &LaunchTargetPicker::previewReady);
        dialog.targetPicker()->previewScript();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        const QString preview = dialog.targetPicker()->lastPreview();
        QVERIFY2(preview.contains(QStringLiteral("--partition")) && preview.contains(QStringLiteral("srun")),
                 qPrintable(preview));
    }
};

QTEST_MAIN(TestLaunchTarget)
#include "test_launch_target.moc"
