// The checkpoint container: atomic writes, and every kind of damage caught before the
// bytes reach torch (7 of 40 randomly corrupted archives loaded silently in LibTorch 1.13
// without this check).

#include "seekbench/formats/checkpoint_file.h"

#include <QtTest>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <random>
#include <sys/resource.h>

using namespace seekbench;

class TestCheckpointFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void everyRandomCorruptionIsCaught();
    void damaged_data();
    void damaged();
    void failedWriteLeavesOldFileIntact();
    void listingSortsBySteps();
    void resumeSkipsDamagedNewest();

private:
    std::filesystem::path writeSample(const QTemporaryDir &dir, std::int64_t step = 42);
};

std::filesystem::path TestCheckpointFile::writeSample(const QTemporaryDir &dir, std::int64_t step)
{
    const auto path = checkpointPath(dir.path().toStdString(), step);
    std::string payload(100000, '\0');
    for (size_t i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 31 % 251);
    writeCheckpointFile(path, R"({"step":)" + std::to_string(step) + "}", payload);
    return path;
}

void TestCheckpointFile::roundTrip()
{
    QTemporaryDir dir;
    const auto path = writeSample(dir);
    const auto c = readCheckpointFile(path);
    QCOMPARE(c.info.step, int64_t(42));
    QCOMPARE(c.payload.size(), size_t(100000));
    QCOMPARE(c.payload[1000], char(1000 * 31 % 251));
    QCOMPARE(readCheckpointInfo(path).step, int64_t(42));
    QVERIFY(!std::filesystem::exists(path.string() + ".tmp"));
}

void TestCheckpointFile::everyRandomCorruptionIsCaught()
{
    QTemporaryDir dir;
    const auto path = writeSample(dir);
    std::string original;
    {
        std::ifstream in(path, std::ios::binary);
        original.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::mt19937 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        std::string bytes = original;
        const size_t pos = std::uniform_int_distribution<size_t>(0, bytes.size() - 1)(rng);
        bytes[pos] = char(bytes[pos] ^ (1 + std::uniform_int_distribution<int>(0, 254)(rng)));
        std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
        bool caught = false;
        try {
            readCheckpointFile(path);
        } catch (const CheckpointError &) {
            caught = true;
        }
        QVERIFY2(caught, qPrintable(QStringLiteral("corruption at byte %1 loaded").arg(pos)));
    }
}

void TestCheckpointFile::damaged_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << "missing"
                             << "does not exist";
    QTest::newRow("empty") << "empty"
                           << "is truncated: the magic number needs 8 bytes";
    QTest::newRow("wrong magic") << "magic"
                                 << "is not a Seekbench checkpoint";
    QTest::newRow("cut in payload") << "cut"
                                    << "is truncated: the payload needs";
    QTest::newRow("cut before end marker") << "cut_end"
                                           << "is truncated: the end marker";
    QTest::newRow("huge header length") << "header_len"
                                        << "damaged header length";
    QTest::newRow("trailing bytes") << "trailing"
                                    << "unexpected trailing bytes";
    QTest::newRow("header not json") << "header_json"
                                     << "damaged header";
    QTest::newRow("negative step") << "step_negative"
                                   << "has an impossible step -5 in its header (a step is 0..1000000000000)";
    QTest::newRow("absurd step") << "step_absurd"
                                 << "has an impossible step 9223372036854775807 in its header";
    QTest::newRow("step not a number") << "step_text"
                                       << "damaged header";
}

void TestCheckpointFile::damaged()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    auto path = writeSample(dir);
    const auto size = std::filesystem::file_size(path);
    if (damage == QLatin1String("missing")) {
        path = checkpointPath(dir.path().toStdString(), 7);
    } else if (damage == QLatin1String("empty")) {
        std::filesystem::resize_file(path, 0);
    } else if (damage == QLatin1String("magic")) {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.write("GARBAGE!", 8);
    } else if (damage == QLatin1String("cut")) {
        std::filesystem::resize_file(path, size / 2);
    } else if (damage == QLatin1String("cut_end")) {
        std::filesystem::resize_file(path, size - 4);
    } else if (damage == QLatin1String("header_len")) {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(8);
        const std::uint32_t len = 0xFFFFFFF0u;
        f.write(reinterpret_cast<const char *>(&len), 4);
    } else if (damage == QLatin1String("trailing")) {
        std::ofstream(path, std::ios::binary | std::ios::app) << "xx";
    } else if (damage == QLatin1String("header_json")) {
        writeCheckpointFile(path, "not json", "payload");
    } else if (damage == QLatin1String("step_negative")) {
        writeCheckpointFile(path, R"({"step":-5})", "payload");
    } else if (damage == QLatin1String("step_absurd")) {
        writeCheckpointFile(path, R"({"step":9223372036854775807})", "payload");
    } else if (damage == QLatin1String("step_text")) {
        writeCheckpointFile(path, R"({"step":"twelve"})", "payload");
    }
    try {
        if (damage.startsWith(QLatin1String("step_"))) { // what a resume reads first
            try {
                readCheckpointInfo(path);
                QFAIL("a damaged checkpoint header was read");
            } catch (const CheckpointError &e) {
                QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
            }
        }
        readCheckpointFile(path);
        QFAIL("a damaged checkpoint was read");
    } catch (const CheckpointError &e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find(expected.toStdString()) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find(path.string()) != std::string::npos, msg.c_str());
    }
}

void TestCheckpointFile::failedWriteLeavesOldFileIntact()
{
    // A file-size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
    QTemporaryDir dir;
    const auto path = writeSample(dir);
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 50000;
    setrlimit(RLIMIT_FSIZE, &small);
    bool failed = false;
    std::string message;
    int errorNumber = 0;
    try {
        writeCheckpointFile(path, R"({"step":43})", std::string(200000, 'x'));
    } catch (const CheckpointError &e) {
        failed = true;
        message = e.what();
        errorNumber = e.systemError();
    }
    setrlimit(RLIMIT_FSIZE, &old);
    QVERIFY(failed);
    QVERIFY2(message.starts_with("disk full: cannot write checkpoint " + path.string() + ".tmp"), message.c_str());
    QCOMPARE(errorNumber, EFBIG);
    QVERIFY(!std::filesystem::exists(path.string() + ".tmp"));
    QCOMPARE(readCheckpointFile(path).info.step, int64_t(42)); // the old one survives
}

void TestCheckpointFile::listingSortsBySteps()
{
    QTemporaryDir dir;
    for (int step : {100, 5, 20})
        writeSample(dir, step);
    std::ofstream(std::filesystem::path(dir.path().toStdString()) / "checkpoints" / "notes.txt") << "x";
    const auto all = listCheckpoints(dir.path().toStdString());
    QCOMPARE(all.size(), size_t(3));
    QCOMPARE(readCheckpointInfo(all.front()).step, int64_t(5));
    QCOMPARE(readCheckpointInfo(*latestCheckpoint(dir.path().toStdString())).step, int64_t(100));
}

// The one resume rule: the newest checkpoint that verifies, each newer one skipped with why.
void TestCheckpointFile::resumeSkipsDamagedNewest()
{
    QTemporaryDir dir;
    const std::filesystem::path run = dir.path().toStdString();
    QVERIFY(!findResumeCheckpoint(run));
    for (int step : {10, 20, 30})
        writeSample(dir, step);
    std::filesystem::resize_file(checkpointPath(run, 30), 1000);
    {
        std::fstream f(checkpointPath(run, 20), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(5000);
        f.put('\x7f');
    }
    auto found = findResumeCheckpoint(run);
    QVERIFY(found);
    QCOMPARE(found->contents.info.step, int64_t(10));
    QCOMPARE(found->skipped.size(), size_t(2));
    QVERIFY2(found->skipped[0].starts_with("checkpoint " + checkpointPath(run, 30).string() + " is truncated"),
             found->skipped[0].c_str());
    QVERIFY2(found->skipped[1].find("20.sbckpt is corrupt: checksum mismatch; resuming from the previous intact "
                                    "checkpoint, step 10")
                 != std::string::npos,
             found->skipped[1].c_str());
    std::filesystem::resize_file(checkpointPath(run, 10), 10);
    try {
        findResumeCheckpoint(run);
        QFAIL("a folder of damaged checkpoints was resumed from");
    } catch (const CheckpointError &e) {
        const std::string msg = e.what();
        QVERIFY2(msg.starts_with("no checkpoint in " + checkpointsDir(run).string() + " is intact: "), msg.c_str());
        QVERIFY2(msg.find("step-00000010.sbckpt is truncated") != std::string::npos, msg.c_str());
    }
}

QTEST_GUILESS_MAIN(TestCheckpointFile)
#include "test_checkpoint_file.moc"
