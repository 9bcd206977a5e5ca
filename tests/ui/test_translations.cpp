// Runs lupdate over the GUI sources into a temporary copy of the zh_CN catalogue and
// fails on any message that is missing or unfinished there; the same for the English
// plural forms; and Chinese loads Qt's own catalogue too, so Qt's buttons (Cancel, OK)
// are not left in English (issue 21).
#include "aml/aml_text.h"
#include "shell/app_setup.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

class TestTranslations : public QObject
{
    Q_OBJECT

    // Runs lupdate over the sources into a temporary copy of `name` and fails on a message
    // missing or unfinished there.
    static void checkComplete(const QString &name, const QStringList &options, int atLeast)
    {
        QTemporaryDir dir;
        const QString source = QStringLiteral(SEEKBENCH_SOURCE_DIR);
        const QString ts = dir.filePath(name);
        QVERIFY(QFile::copy(source + QStringLiteral("/translations/") + name, ts));
        QFile::setPermissions(ts, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(SEEKBENCH_LUPDATE),
                      options
                          + QStringList{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                                        QStringLiteral("none"), source + QStringLiteral("/ui"),
                                        source + QStringLiteral("/widgets"), QStringLiteral("-ts"), ts});
        QVERIFY(lupdate.waitForFinished(100000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        QFile file(ts);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context, sourceText;
        QStringList problems;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("source"))
                sourceText = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                    problems << context + QStringLiteral(": ") + sourceText;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > atLeast);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 missing or unfinished entries in %2:\n").arg(problems.size()).arg(name)
                            + problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void zhCnIsComplete() { checkComplete(QStringLiteral("seekbench_zh_CN.ts"), {}, 100); }

    // English needs only its plural forms, and each of them filled (fill_en.py).
    void englishPluralsAreComplete()
    {
        checkComplete(QStringLiteral("seekbench_en.ts"),
                      {QStringLiteral("-pluralonly"), QStringLiteral("-source-language"), QStringLiteral("en"),
                       QStringLiteral("-target-language"), QStringLiteral("en")},
                      10);
    }

    void englishSaysOneRunAndTwoRuns()
    {
        QVERIFY(!seekbench::ui::AppSetup::installTranslator(QStringLiteral("en"))); // not Chinese
        QCOMPARE(QCoreApplication::translate("seekbench::ui::RunView", "%n run(s) compared", nullptr, 1),
                 QStringLiteral("1 run compared"));
        QCOMPARE(QCoreApplication::translate("seekbench::ui::RunView", "%n run(s) compared", nullptr, 3),
                 QStringLiteral("3 runs compared"));
        QCOMPARE(QCoreApplication::translate("seekbench::ui::RunsMode", "%n run(s) queued", nullptr, 1),
                 QStringLiteral("1 run queued"));
    }

    void qtsOwnStringsAreChinese()
    {
        QVERIFY(seekbench::ui::AppSetup::installTranslator(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QCOMPARE(QCoreApplication::translate("QDialogButtonBox", "OK"), QStringLiteral("确定"));
        // The AML scenario's stored words (issue 21: severities and reason codes stayed English).
        QCOMPARE(seekbench::ui::AmlText::severity("high"), QStringLiteral("高"));
        QCOMPARE(seekbench::ui::AmlText::model("graph"), QStringLiteral("图"));
        QCOMPARE(seekbench::ui::AmlText::status("escalated"), QStringLiteral("已上报"));
        QCOMPARE(seekbench::ui::AmlText::reason("VELOCITY_24H: sender_velocity_24h=5 (z=3.1)"),
                 QStringLiteral("24 小时内转出次数多 — VELOCITY_24H: sender_velocity_24h=5 (z=3.1)"));
        QCOMPARE(seekbench::ui::AmlText::reason("SOMETHING_NEW: x=1"), QStringLiteral("SOMETHING_NEW: x=1"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
