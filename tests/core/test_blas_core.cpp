// The OpenBLAS kernel decision (issue 29) as a table: processor flags, the core OpenBLAS
// reported, a user setting and the self-check results -> what the CLI does.
#include "seekbench/run/blas_core.h"

#include <QtTest>

using namespace seekbench;

namespace {
const char *const kIntelAvx512Bf16 = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq "
                                     "avx512bw avx512vl avx512_bf16 avx512_vnni\n";
const char *const kIntelAvx512 = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse avx avx2 fma avx512f avx512dq avx512bw "
                                 "avx512vl\n";
const char *const kIntelAvx2 = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse avx avx2 fma\n";
const char *const kAmdAvx2 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse avx avx2 fma\n";
const char *const kOld = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse sse2 sse3 ssse3 sse4_1 sse4_2\n";
} // namespace

Q_DECLARE_METATYPE(BlasCoreDecision::Action)

class TestBlasCore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheFirstProcessor()
    {
        const CpuFeatures cpu = parseCpuInfo(std::string(kIntelAvx512Bf16) + "vendor_id\t: Other\nflags\t\t: fpu\n");
        QCOMPARE(QString::fromStdString(cpu.vendor), QStringLiteral("GenuineIntel"));
        QVERIFY(cpu.avx2 && cpu.fma && cpu.avx512f && cpu.avx512bw && cpu.avx512vl && cpu.avx512dq && cpu.avx512bf16);
        QVERIFY(!parseCpuInfo(kOld).avx2);
    }

    void decides_data()
    {
        QTest::addColumn<QString>("cpuinfo");
        QTest::addColumn<QString>("reported");
        QTest::addColumn<QString>("user");    // empty: not set
        QTest::addColumn<bool>("on");         // Settings' switch
        QTest::addColumn<QString>("failing"); // candidates whose self-check fails, comma-separated
        QTest::addColumn<BlasCoreDecision::Action>("action");
        QTest::addColumn<QString>("core");
        QTest::addColumn<QString>("reasonHas");
        using A = BlasCoreDecision::Action;
        QTest::newRow("Xeon with AVX-512 BF16, Prescott") << kIntelAvx512Bf16 << "Prescott"
                                                          << "" << true << "" << A::Select << "SkylakeX"
                                                          << "generic Prescott";
        QTest::newRow("SkylakeX check fails: Haswell") << kIntelAvx512Bf16 << "Prescott"
                                                       << "" << true << "SkylakeX" << A::Select << "Haswell"
                                                       << "SkylakeX did not";
        QTest::newRow("AVX-512 without BF16") << kIntelAvx512 << "Prescott"
                                              << "" << true << "" << A::Select << "SkylakeX"
                                              << "AVX-512";
        QTest::newRow("AVX2 Intel") << kIntelAvx2 << "Nehalem"
                                    << "" << true << "" << A::Select << "Haswell"
                                    << "AVX2";
        QTest::newRow("AVX2 AMD") << kAmdAvx2 << "Prescott"
                                  << "" << true << "" << A::Select << "Zen"
                                  << "AVX2";
        QTest::newRow("user set it: leave it") << kIntelAvx512Bf16 << "Prescott"
                                               << "Haswell" << true << "" << A::Keep << "Haswell"
                                               << "was set before";
        QTest::newRow("user set it, selection off: still leave it") << kIntelAvx512Bf16 << "Prescott"
                                                                    << "Haswell" << false << "" << A::Keep << "Haswell"
                                                                    << "was set";
        QTest::newRow("known processor") << kIntelAvx512Bf16 << "Cooperlake"
                                         << "" << true << "" << A::None << ""
                                         << "knows this processor";
        QTest::newRow("selection off") << kIntelAvx512Bf16 << "Prescott"
                                       << "" << false << "" << A::Off << ""
                                       << "turned off";
        QTest::newRow("every self-check fails: fall back") << kIntelAvx512Bf16 << "Prescott"
                                                           << "" << true << "SkylakeX,Haswell" << A::None << ""
                                                           << "failed, so they are kept";
        QTest::newRow("old processor: nothing better") << kOld << "Prescott"
                                                       << "" << true << "" << A::None << ""
                                                       << "no AVX2";
        QTest::newRow("not OpenBLAS") << kIntelAvx512Bf16 << ""
                                      << "" << true << "" << A::None << ""
                                      << "not OpenBLAS";
    }

    void decides()
    {
        QFETCH(QString, cpuinfo);
        QFETCH(QString, reported);
        QFETCH(QString, user);
        QFETCH(bool, on);
        QFETCH(QString, failing);
        QFETCH(BlasCoreDecision::Action, action);
        QFETCH(QString, core);
        QFETCH(QString, reasonHas);
        QStringList checked;
        const auto check = [&](const std::string &c) {
            checked << QString::fromStdString(c);
            return !failing.split(QLatin1Char(','), Qt::SkipEmptyParts).contains(QString::fromStdString(c));
        };
        const BlasCoreDecision d = decideBlasCore(parseCpuInfo(cpuinfo.toStdString()), reported.toStdString(),
                                                  user.isEmpty() ? std::nullopt : std::optional(user.toStdString()), on,
                                                  check);
        QCOMPARE(d.action, action);
        QCOMPARE(QString::fromStdString(d.coreType), core);
        QVERIFY2(QString::fromStdString(d.reason).contains(reasonHas), d.reason.c_str());
        // The self-check runs only when a choice is made, and stops at the first that passes.
        if (action == BlasCoreDecision::Action::Keep || action == BlasCoreDecision::Action::Off)
            QVERIFY(checked.isEmpty());
        if (action == BlasCoreDecision::Action::Select)
            QCOMPARE(checked.last(), core);
    }
};

QTEST_GUILESS_MAIN(TestBlasCore)
#include "test_blas_core.moc"
