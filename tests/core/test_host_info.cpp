// The machine as provenance names it (issue 24): the OS by its os-release PRETTY_NAME
// (quoted or not, with escapes) and the kernel; a missing or foreign os-release leaves the
// kernel alone rather than a wrong name.

#include "seekbench/run/host_info.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sys/utsname.h>

using namespace seekbench;

class TestHostInfo : public QObject
{
    Q_OBJECT

    static std::string kernel()
    {
        utsname u{};
        uname(&u);
        return std::string(u.sysname) + " " + u.release + " " + u.machine;
    }

private Q_SLOTS:
    void osDescription_data()
    {
        QTest::addColumn<QString>("osRelease");
        QTest::addColumn<QString>("name");
        QTest::newRow("debian") << QStringLiteral("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 "
                                                  "(bookworm)\"\nID=debian\n")
                                << QStringLiteral("Debian GNU/Linux 12 (bookworm)");
        QTest::newRow("unquoted") << QStringLiteral("PRETTY_NAME=Arch\n") << QStringLiteral("Arch");
        QTest::newRow("single quotes") << QStringLiteral("PRETTY_NAME='Fedora Linux 41'\n")
                                       << QStringLiteral("Fedora Linux 41");
        QTest::newRow("escapes") << QStringLiteral("PRETTY_NAME=\"Say \\\"hi\\\" 1\"\n")
                                 << QStringLiteral("Say \"hi\" 1");
        QTest::newRow("no pretty name") << QStringLiteral("NAME=x\n") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void osDescription()
    {
        QFETCH(QString, osRelease);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const std::string file = dir.filePath(QStringLiteral("os-release")).toStdString();
        std::ofstream(file) << osRelease.toStdString();
        const std::string expected = name.isEmpty() ? kernel() : name.toStdString() + "; " + kernel();
        QCOMPARE(run::osDescription(file), expected);
    }

    void missingFileLeavesTheKernel()
    {
        QCOMPARE(run::osDescription("/nonexistent/os-release"), kernel());
        QVERIFY(!run::hostName().empty());
    }
};

QTEST_GUILESS_MAIN(TestHostInfo)
#include "test_host_info.moc"
