#include "config/issue_text.h"
#include "launch/run_launcher.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace seekbench::ui;

class TestIssueText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyCodeHasText_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *code, std::initializer_list<const char *> args, const char *expected) {
            QStringList list;
            for (const char *a : args)
                list << QString::fromUtf8(a);
            QTest::newRow(code) << QString::fromUtf8(code) << list << QString::fromUtf8(expected);
        };
        row("out_of_range", {"0", "1", "64"}, "0 is out of range [1, 64]");
        row("not_divisible", {"64", "model.num_attention_heads", "3"},
            "64 is not divisible by model.num_attention_heads (3)");
        row("unknown_key", {}, "unknown key");
        row("yaml_syntax", {"3", "4", "bad"}, "line 3, column 4: bad");
        row("cuda_unavailable", {}, "CUDA");
        row("bad_choice", {"x", "a, b"}, "x is not one of: a, b");
    }
    void everyCodeHasText()
    {
        QFETCH(QString, code);
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        seekbench::ConfigIssue issue{"training.lr", code.toStdString(), {}};
        for (const QString &a : args)
            issue.args.push_back(a.toStdString());
        const QString text = IssueText::describe(issue);
        QVERIFY2(text.startsWith(QStringLiteral("training.lr: ")), qPrintable(text));
        QVERIFY2(text.contains(expected), qPrintable(text));
    }

    void launcherChecksLikeTheCli()
    {
        QTemporaryDir dir;
        const QString tiny = QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml");
        QVERIFY(RunLauncher::checkConfig(tiny).ok);
        // The launch dialog's examples are embedded and valid.
        QFile example(QStringLiteral(":/configs/tiny.yaml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        QVERIFY(RunLauncher::checkText(QString::fromUtf8(example.readAll())).ok);
        const auto bad = RunLauncher::checkText(QStringLiteral("name: x\ntraining:\n  lr: -1\n  nonsense: 3\n"));
        QVERIFY(!bad.ok);
        QVERIFY(bad.problems.join(QLatin1Char('\n')).contains(QStringLiteral("training.nonsense: unknown key")));
    }

    void launcherLimits()
    {
        QTemporaryDir dir;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
        QCOMPARE(RunLauncher::maxConcurrent(0), 1); // a run on every core runs alone
        QCOMPARE(RunLauncher::maxConcurrent(1), std::max(1, QThread::idealThreadCount()));
        QSettings().setValue(QStringLiteral("runs/maxConcurrent"), 3);
        QCOMPARE(RunLauncher::maxConcurrent(0), 3);
        QVERIFY(RunLauncher::availableMemoryBytes() > 0);
    }
};

QTEST_MAIN(TestIssueText)
#include "test_issue_text.moc"
