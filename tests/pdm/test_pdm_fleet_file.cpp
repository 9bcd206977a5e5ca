#include "pdm_test_support.h"
#include "seekbench/formats/checkpoint_file.h" // crc32c, to forge consistent damage
#include "seekbench/pdm/fleet_file.h"
#include "seekbench/pdm/simulator.h"

#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace seekbench::pdm;

namespace {

Fleet smallFleet()
{
    SimulatorOptions o;
    o.machines = 3;
    o.days = 20;
    o.dropout_rate = 0.05;
    o.bearing_wear_onset_days = o.overheating_onset_days = 5;
    return simulateFleetInMemory(o);
}

bool writeFleet(const Fleet &fleet, const std::string &path, std::string &error)
{
    FleetFileWriter writer;
    if (!writer.open(path, fleet.time_unit, fleet.sensors, fleet.failure_modes, error))
        return false;
    for (const auto &m : fleet.machines)
        if (!writer.append(m, error))
            return false;
    return writer.finish(fleet.maintenance, fleet.failures, error);
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

template<typename T>
T getAt(const QByteArray &b, qsizetype at)
{
    T v;
    std::memcpy(&v, b.constData() + at, sizeof v);
    return v;
}

template<typename T>
void putAt(QByteArray &b, qsizetype at, T v)
{
    std::memcpy(b.data() + at, &v, sizeof v);
}

// Rewrites the footer's checksum, so that forged index values reach the size checks.
void resealFooter(QByteArray &b)
{
    const auto footerOffset = static_cast<qsizetype>(getAt<std::uint64_t>(b, b.size() - 24));
    const auto footerSize = static_cast<qsizetype>(getAt<std::uint64_t>(b, b.size() - 16));
    putAt<std::uint32_t>(b, footerOffset + footerSize - 4,
                         seekbench::crc32c(b.constData() + footerOffset, static_cast<std::size_t>(footerSize - 4)));
}

// Header offsets in a file written by the simulator's fleet: magic 8, version 4, unit 1,
// sensor count 4, then the first sensor's name length.
constexpr qsizetype kVersionAt = 8, kSensorCountAt = 13, kFirstNameAt = 17;

} // namespace

class TestPdmFleetFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fleet = smallFleet();
        QVERIFY(!m_fleet.failures.empty());
        m_good = m_dir.filePath(QStringLiteral("fleet.sbfleet"));
        std::string error;
        QVERIFY2(writeFleet(m_fleet, m_good.toStdString(), error), error.c_str());
    }

    void roundTrip()
    {
        std::string error;
        auto reader = FleetFileReader::open(m_good.toStdString(), error);
        QVERIFY2(reader, error.c_str());
        QCOMPARE(reader->machineCount(), std::size_t(3));
        QCOMPARE(reader->timeUnit(), TimeUnit::Seconds);
        QCOMPARE(reader->sensors(), m_fleet.sensors);
        QCOMPARE(reader->failureModes(), m_fleet.failure_modes);
        const Fleet back = reader->readAll();
        QCOMPARE(back.machines.size(), m_fleet.machines.size());
        bool sawNaN = false;
        for (std::size_t i = 0; i < back.machines.size(); ++i) {
            QVERIFY(sameSeries(back.machines[i], m_fleet.machines[i]));
            for (float v : back.machines[i].values[0])
                sawNaN = sawNaN || std::isnan(v);
        }
        QVERIFY(sawNaN);
        QCOMPARE(back.maintenance.size(), m_fleet.maintenance.size());
        for (std::size_t i = 0; i < back.maintenance.size(); ++i) {
            const auto &a = back.maintenance[i], &b = m_fleet.maintenance[i];
            QVERIFY(a.machine == b.machine && a.time == b.time && a.kind == b.kind && a.mode == b.mode
                    && a.downtime_hours == b.downtime_hours);
        }
        QCOMPARE(back.failures.size(), m_fleet.failures.size());
        for (std::size_t i = 0; i < back.failures.size(); ++i) {
            const auto &a = back.failures[i], &b = m_fleet.failures[i];
            QVERIFY(a.machine == b.machine && a.time == b.time && a.mode == b.mode);
        }
    }

    void roundTripOddShapes()
    {
        // Cycles, a machine without regimes, an empty machine, no events, NaN payloads kept.
        Fleet fleet;
        fleet.time_unit = TimeUnit::Cycles;
        fleet.sensors = {"s1", "s2"};
        fleet.failure_modes = {"failure"};
        MachineSeries a;
        a.name = "engine 1";
        a.time = {1, 2, 3};
        float oddNaN;
        const std::uint32_t bits = 0x7FC01234;
        std::memcpy(&oddNaN, &bits, sizeof oddNaN);
        a.values = {{1.5f, kMissing, oddNaN}, {-0.0f, 2, 3}};
        MachineSeries empty;
        empty.name = "";
        empty.values = {{}, {}};
        fleet.machines = {a, empty};
        const std::string path = m_dir.filePath(QStringLiteral("odd.sbfleet")).toStdString();
        std::string error;
        QVERIFY2(writeFleet(fleet, path, error), error.c_str());
        auto reader = FleetFileReader::open(path, error);
        QVERIFY2(reader, error.c_str());
        QCOMPARE(reader->timeUnit(), TimeUnit::Cycles);
        const Fleet back = reader->readAll();
        QVERIFY(sameSeries(back.machines[0], a));
        QVERIFY(sameSeries(back.machines[1], empty));
        QVERIFY(back.maintenance.empty() && back.failures.empty());
    }

    void readOneMachine()
    {
        std::string error;
        auto reader = FleetFileReader::open(m_good.toStdString(), error);
        QVERIFY2(reader, error.c_str());
        QCOMPARE(reader->machineName(2), std::string("m2"));
        QCOMPARE(reader->machineRows(2), std::uint64_t(20 * 1440));
        QCOMPARE(reader->maintenance().size(), m_fleet.maintenance.size());
        MachineSeries m;
        QVERIFY2(reader->readMachine(2, m, error), error.c_str());
        QVERIFY(sameSeries(m, m_fleet.machines[2]));
        QVERIFY(!reader->readMachine(3, m, error));
        QVERIFY(QString::fromStdString(error).contains(QStringLiteral("no machine 3")));
    }

    void damagedFile_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("opens"); // the damage shows only when machine m1 is read
        const auto row = [](const char *damage, const char *expected, bool opens = false) {
            QTest::newRow(damage) << QString::fromLatin1(damage) << QString::fromLatin1(expected) << opens;
        };
        row("empty file", "empty file, not a Seekbench fleet file");
        row("wrong magic", "not a Seekbench fleet file (bad magic)");
        row("short file", "not a Seekbench fleet file (too short)");
        row("newer version", "version 3 is newer than this build reads (1)");
        row("header checksum", "damaged header (checksum mismatch)");
        row("truncated in header", "truncated at byte 20 (header needs 4 bytes, 3 left)");
        row("truncated in machine block", "truncated at byte %1 (machine 'm1' needs %2 bytes, %3 left)");
        row("truncated in footer", "(in the footer: the machine index and events are incomplete)");
        row("flipped byte in machine block", "machine 'm1' is damaged (checksum mismatch", true);
        row("flipped byte in footer", "damaged footer (checksum mismatch)");
        row("enormous row count in index", "damaged index: machine 'm0' claims 1099511627776 rows");
        row("enormous row count in a cut block", "truncated at byte 1000 (machine 'm0' needs");
        row("enormous name length", "damaged header (a name of 4294967280 bytes, more than 4096)");
        row("enormous sensor count", "damaged header (2147483648 sensors, at most 4096)");
        row("enormous machine count", "damaged footer (1152921504606846976 machines do not fit in it)");
        row("enormous event count", "maintenance events do not fit in it)");
        row("trailer pointing outside", "damaged trailer");
    }

    void damagedFile()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QFETCH(bool, opens);
        QByteArray b = readBytes(m_good);
        QVERIFY(!b.isEmpty());
        std::string error;
        auto good = FleetFileReader::open(m_good.toStdString(), error);
        QVERIFY(good);
        const auto footerOffset = static_cast<qsizetype>(getAt<std::uint64_t>(b, b.size() - 24));
        // Machine m1's block: its offset is in the footer's index, after m0's entry.
        const qsizetype m1Entry = footerOffset + 8 + 8 + (4 + 2 + 8 + 8 + 1);
        const auto m1Offset = static_cast<qsizetype>(getAt<std::uint64_t>(b, m1Entry + 4 + 2));
        const qsizetype m1Size = 4 + 4 + 2 + 8 + 1 + 20 * 1440 * (8 + 6 * 4 + 1) + 4;

        if (damage == QStringLiteral("empty file")) {
            b.clear();
        } else if (damage == QStringLiteral("wrong magic")) {
            b[0] = 'X';
        } else if (damage == QStringLiteral("short file")) {
            b.truncate(5);
        } else if (damage == QStringLiteral("newer version")) {
            putAt<std::uint32_t>(b, kVersionAt, 3);
        } else if (damage == QStringLiteral("header checksum")) {
            b[kFirstNameAt + 4] = 'V'; // "vibration_rms" -> "Vibration_rms"
        } else if (damage == QStringLiteral("truncated in header")) {
            b.truncate(20);
        } else if (damage == QStringLiteral("truncated in machine block")) {
            b.truncate(m1Offset + 1200);
            expected = expected.arg(b.size()).arg(m1Size).arg(1200);
        } else if (damage == QStringLiteral("truncated in footer")) {
            b.truncate(footerOffset + 30);
        } else if (damage == QStringLiteral("flipped byte in machine block")) {
            b[m1Offset + m1Size / 2] = static_cast<char>(b[m1Offset + m1Size / 2] ^ 0x10);
        } else if (damage == QStringLiteral("flipped byte in footer")) {
            b[footerOffset + 20] = static_cast<char>(b[footerOffset + 20] ^ 1);
        } else if (damage == QStringLiteral("enormous row count in index")) {
            putAt<std::uint64_t>(b, footerOffset + 8 + 8 + 4 + 2 + 8, std::uint64_t(1) << 40);
            resealFooter(b);
        } else if (damage == QStringLiteral("enormous row count in a cut block")) {
            const qsizetype m0Offset = static_cast<qsizetype>(getAt<std::uint64_t>(b, footerOffset + 8 + 8 + 4 + 2));
            putAt<std::uint64_t>(b, m0Offset + 4 + 4 + 2, std::uint64_t(1) << 40);
            b.truncate(1000);
        } else if (damage == QStringLiteral("enormous name length")) {
            putAt<std::uint32_t>(b, kFirstNameAt, 0xFFFFFFF0u);
        } else if (damage == QStringLiteral("enormous sensor count")) {
            putAt<std::uint32_t>(b, kSensorCountAt, 0x80000000u);
        } else if (damage == QStringLiteral("enormous machine count")) {
            putAt<std::uint64_t>(b, footerOffset + 8, std::uint64_t(1) << 60);
            resealFooter(b);
        } else if (damage == QStringLiteral("enormous event count")) {
            const qsizetype eventsAt = footerOffset + 8 + 8 + 3 * (4 + 2 + 8 + 8 + 1);
            QCOMPARE(getAt<std::uint64_t>(b, eventsAt), std::uint64_t(m_fleet.maintenance.size()));
            putAt<std::uint64_t>(b, eventsAt, std::uint64_t(1) << 60);
            resealFooter(b);
        } else if (damage == QStringLiteral("trailer pointing outside")) {
            putAt<std::uint64_t>(b, b.size() - 24, std::uint64_t(1) << 62);
        } else {
            QFAIL("unknown damage");
        }
        const QString path = m_dir.filePath(QStringLiteral("damaged.sbfleet"));
        writeBytes(path, b);
        auto reader = FleetFileReader::open(path.toStdString(), error);
        if (opens) {
            QVERIFY2(reader, error.c_str());
            MachineSeries m;
            QVERIFY2(reader->readMachine(0, m, error), error.c_str()); // the others still read
            QVERIFY(!reader->readMachine(1, m, error));
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, reader->readAll());
        } else {
            QVERIFY(!reader);
        }
        const QString message = QString::fromStdString(error);
        QVERIFY2(message.startsWith(path + QStringLiteral(": ")), error.c_str());
        QVERIFY2(message.contains(expected), qPrintable(message + QStringLiteral("\nexpected: ") + expected));
    }

    void missingFile()
    {
        const std::string path = m_dir.filePath(QStringLiteral("nowhere/none.sbfleet")).toStdString();
        std::string error;
        QVERIFY(!FleetFileReader::open(path, error));
        QVERIFY2(error.rfind(path + ": cannot open", 0) == 0, error.c_str());
    }

    void writerWithoutFinishLeavesNoFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("unfinished/fleet.sbfleet"));
        {
            FleetFileWriter writer;
            std::string error;
            QVERIFY2(writer.open(path.toStdString(), m_fleet.time_unit, m_fleet.sensors, m_fleet.failure_modes, error),
                     error.c_str());
            QVERIFY2(writer.append(m_fleet.machines[0], error), error.c_str());
            QCOMPARE(writer.machineCount(), std::size_t(1));
        }
        QVERIFY(!QFile::exists(path));
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("unfinished"))).entryList(QDir::Files).isEmpty());
    }

    void writerRefusesBadMachines()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.sbfleet"));
        FleetFileWriter writer;
        std::string error;
        QVERIFY(writer.open(path.toStdString(), TimeUnit::Seconds, {"a", "b"}, {}, error));
        MachineSeries m;
        m.name = "m";
        m.time = {1, 2};
        m.values = {{1, 2}};
        QVERIFY(!writer.append(m, error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("has 1 columns, the fleet 2 sensors")),
                 error.c_str());
        // a failed writer stays failed and leaves nothing behind
        QVERIFY(!writer.finish({}, {}, error));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
    }

private:
    QTemporaryDir m_dir;
    Fleet m_fleet;
    QString m_good;
};

QTEST_APPLESS_MAIN(TestPdmFleetFile)
#include "test_pdm_fleet_file.moc"
