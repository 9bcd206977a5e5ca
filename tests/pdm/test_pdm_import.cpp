// The predictive maintenance importers: long and wide sensor CSV, maintenance and failure
// logs, NASA C-MAPSS. Every bad line is reported with its file, line number and a reason
// naming the column; the good lines around it are kept.

#include "seekbench/pdm/cmapss.h"
#include "seekbench/pdm/import.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace seekbench::pdm;

namespace {

const std::string kLongHeader = "machine,time,sensor,value\n";
const std::string kWideHeader = "machine,time,temp,pressure\n";

// A realistic C-MAPSS FD001 line for `unit` at `cycle`, with the real files' trailing space.
std::string cmapssLine(int unit, int cycle, const std::string &t50 = "1400.60")
{
    return std::to_string(unit) + " " + std::to_string(cycle) + " -0.0007 -0.0004 100.0 518.67 641.82 1589.70 " + t50
           + " 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 "
             "100.00 39.06 23.4190 \n";
}

std::string text(const QByteArray &bytes) { return bytes.toStdString(); }

void writeFile(const QString &path, const std::string &content)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << content;
}

bool contains(const std::string &haystack, const QString &needle)
{
    return haystack.find(needle.toStdString()) != std::string::npos;
}

std::size_t totalRows(const Fleet &fleet)
{
    std::size_t rows = 0;
    for (const auto &m : fleet.machines)
        rows += m.rows();
    return rows;
}

} // namespace

class TestPdmImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each bad file: header + a good line (line 2) + the bad line (line 3) + a good line
    // (line 4), unless `content` replaces the whole file.
    void fleetCsvBad_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error"); // a header error's expected part, or ""
        QTest::addColumn<int>("badLine");   // 0: no bad line
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("rows"); // rows kept in all

        auto longFile = [](const std::string &bad) {
            return QByteArray::fromStdString(kLongHeader + "m1,100,temp,1.5\n" + bad + "\nm1,200,temp,2.5\n");
        };
        auto wideFile = [](const std::string &bad) {
            return QByteArray::fromStdString(kWideHeader + "m1,100,1.5,10\n" + bad + "\nm1,200,2.5,20\n");
        };
        QTest::newRow("missing file") << QByteArray("<missing>") << "no such file" << 0 << "" << 0;
        QTest::newRow("empty file") << QByteArray() << "the file is empty" << 0 << "" << 0;
        QTest::newRow("header only") << QByteArray::fromStdString(kLongHeader) << "no readings" << 0 << "" << 0;
        QTest::newRow("unknown column") << QByteArray("machine,time,sensor,value,colour\nm1,1,t,1\n")
                                        << "unknown column 'colour'" << 0 << "" << 0;
        QTest::newRow("duplicate column")
            << QByteArray("machine,time,sensor,value,Time\n") << "'Time' appears twice" << 0 << "" << 0;
        QTest::newRow("duplicate sensor column")
            << QByteArray("machine,time,temp,temp\n") << "'temp' appears twice" << 0 << "" << 0;
        QTest::newRow("no value column") << QByteArray("machine,time,sensor\n") << "no 'value' column" << 0 << "" << 0;
        QTest::newRow("no sensor columns") << QByteArray("machine,time\n") << "no sensor column" << 0 << "" << 0;
        QTest::newRow("bad timestamp") << longFile("m1,2026-13-01T00:00:00Z,temp,1") << "" << 3
                                       << "time: '2026-13-01T00:00:00Z' is not an ISO 8601" << 2;
        QTest::newRow("non-numeric value")
            << longFile("m1,150,temp,abc") << "" << 3 << "value: 'abc' is not a number" << 2;
        QTest::newRow("formula value") << longFile("m1,150,temp,=cmd()") << "" << 3 << "value: '=cmd()' is not a number"
                                       << 2;
        QTest::newRow("infinite value") << longFile("m1,150,temp,inf") << "" << 3 << "value: 'inf' is not a number"
                                        << 2;
        QTest::newRow("invalid UTF-8") << longFile("m\xFF"
                                                   "1,150,temp,1")
                                       << "" << 3 << "machine: not valid UTF-8 (byte 0xFF" << 2;
        QTest::newRow("control character") << longFile("m\x1B"
                                                       "1,150,temp,1")
                                           << "" << 3 << "machine: 'm\\e1' holds a control character" << 2;
        QTest::newRow("control character in a value")
            << longFile("m1,150,temp,1\x07") << "" << 3 << "value: '1\\x07' is not a number" << 2;
        QTest::newRow("over-long line") << longFile("m1,150,temp," + std::string(2 << 20, '1')) << "" << 3
                                        << "longer than 1 MiB" << 2;
        QTest::newRow("conflicting reading")
            << longFile("m1,100,temp,9.5") << "" << 3 << "value: 9.5 conflicts with 1.5 at line 2" << 2;
        QTest::newRow("repeated reading") << longFile("m1,100,temp,1.5") << "" << 0 << "" << 2;
        QTest::newRow("wrong field count") << longFile("m1,150,temp") << "" << 3 << "expected 4 fields, found 3" << 2;
        QTest::newRow("unterminated quote") << longFile("\"m1,150,temp,1") << "" << 3 << "unterminated" << 2;
        QTest::newRow("empty machine") << longFile(",150,temp,1") << "" << 3 << "machine: empty" << 2;
        QTest::newRow("bad regime") << QByteArray(
            "machine,time,sensor,value,regime\nm1,100,temp,1.5,0\nm1,150,temp,1,200\nm1,200,temp,2.5,\n")
                                    << "" << 3 << "regime: '200' is not an integer 0..127" << 2;
        QTest::newRow("wide non-numeric")
            << wideFile("m1,150,1,abc") << "" << 3 << "pressure: 'abc' is not a number" << 2;
        QTest::newRow("wide conflict") << wideFile("m1,100,1.5,11") << "" << 3
                                       << "pressure: 11 conflicts with 10 at line 2" << 2;
        QTest::newRow("wide formula") << wideFile("m1,150,=cmd(),1") << "" << 3 << "temp: '=cmd()' is not a number"
                                      << 2;
        std::string many = "machine,time";
        for (int i = 0; i <= int(kMaxSensorColumns); ++i)
            many += ",s" + std::to_string(i);
        QTest::newRow("too many sensors")
            << QByteArray::fromStdString(many + "\n") << "more than 4096 columns" << 0 << "" << 0;
    }
    void fleetCsvBad()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        QFETCH(int, badLine);
        QFETCH(QString, reason);
        QFETCH(int, rows);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.csv"));
        if (content != "<missing>")
            writeFile(path, text(content));
        const FleetImport r = readFleetCsv(path.toStdString());
        if (!error.isEmpty()) {
            QVERIFY2(contains(r.error, error), r.error.c_str());
            QVERIFY2(contains(r.error, path), r.error.c_str()); // names the file
            return;
        }
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(totalRows(r.fleet), std::size_t(rows));
        QCOMPARE(r.fleet.machines.size(), std::size_t(1));
        QCOMPARE(r.lines, std::int64_t(3));
        const auto &m = r.fleet.machines[0];
        QCOMPARE(m.values[0].front(), 1.5f); // the good lines around the bad one
        QCOMPARE(m.values[0].back(), 2.5f);
        if (badLine == 0) {
            QVERIFY(r.bad.empty());
            return;
        }
        QCOMPARE(r.bad.size(), std::size_t(1));
        const BadLine &bad = r.bad[0];
        QCOMPARE(bad.line, std::int64_t(badLine));
        QCOMPARE(bad.file, path.toStdString());
        QVERIFY2(contains(bad.reason, reason), bad.reason.c_str());
        QVERIFY(bad.reason.find('\x1B') == std::string::npos && bad.reason.find('\xFF') == std::string::npos);
        QVERIFY(bad.text.size() <= 1024);
        QVERIFY(!bad.text.empty());
    }

    void longAndWideGiveTheSameFleet()
    {
        std::istringstream longCsv(kLongHeader
                                   + "m2,2026-01-01T00:01:00Z,temp,3\n"
                                     "m1,2026-01-01T00:01:00Z,pressure,11\n"
                                     "m1,1767225600,temp,1.5\n"
                                     "m1,2026-01-01T00:00:00Z,pressure,10\n"
                                     "m1,2026-01-01 00:01:00,temp,NA\n"
                                     "m2,2026-01-01T00:01:00Z,pressure,\n");
        std::istringstream wideCsv(kWideHeader
                                   + "m2,2026-01-01T00:01:00Z,3,NaN\n"
                                     "m1,2026-01-01T00:01:00Z,,11\n"
                                     "m1,2026-01-01T00:00:00Z,1.5,10\n");
        FleetImport l = parseFleetCsv(longCsv, "long.csv");
        FleetImport w = parseFleetCsv(wideCsv, "wide.csv");
        for (const FleetImport *r : {&l, &w}) {
            QVERIFY2(r->error.empty() && r->bad.empty(), r->error.c_str());
            QCOMPARE(r->fleet.time_unit, TimeUnit::Seconds);
            QCOMPARE(r->fleet.sensors, (std::vector<std::string>{"temp", "pressure"}));
            QCOMPARE(r->fleet.machines.size(), std::size_t(2));
            const MachineSeries &m1 = r->fleet.machines[1];
            QCOMPARE(r->fleet.machines[0].name, std::string("m2"));
            QCOMPARE(m1.name, std::string("m1"));
            QCOMPARE(m1.time, (std::vector<double>{1767225600, 1767225660})); // sorted
            QCOMPARE(m1.values[0][0], 1.5f);
            QVERIFY(isMissing(m1.values[0][1])); // NA / empty kept as missing
            QCOMPARE(m1.values[1], (std::vector<float>{10, 11}));
            QVERIFY(isMissing(r->fleet.machines[0].values[1][0]));
            QVERIFY(m1.regime.empty());
        }
    }

    void layoutDetection()
    {
        QCOMPARE(detectFleetCsvLayout("machine,time,sensor,value"), FleetCsvLayout::Long);
        QCOMPARE(detectFleetCsvLayout("Value,Sensor,Time,Machine,regime"), FleetCsvLayout::Long);
        QCOMPARE(detectFleetCsvLayout("machine,time,regime,temp"), FleetCsvLayout::Wide);
        std::istringstream in("regime,machine,time,temp\n3,m1,5,1\n");
        const FleetImport r = parseFleetCsv(in, FleetCsvLayout::Wide, "w.csv");
        QVERIFY(r.error.empty());
        QCOMPARE(r.fleet.machines.at(0).regime, (std::vector<std::int8_t>{3}));
    }

    void eventLogsBad_data()
    {
        QTest::addColumn<bool>("maintenance");
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown machine") << true << QByteArray("m9,150,scheduled,,")
                                         << "machine: 'm9' is not a machine";
        QTest::newRow("bad kind") << true << QByteArray("m1,150,repair,,") << "kind: 'repair' is not scheduled";
        QTest::newRow("bad time") << true << QByteArray("m1,soon,scheduled,,") << "time: 'soon'";
        QTest::newRow("formula downtime")
            << true << QByteArray("m1,150,corrective,,=cmd()") << "downtime_hours: '=cmd()'";
        QTest::newRow("failure without mode") << false << QByteArray("m1,150,") << "mode: empty";
        QTest::newRow("failure unknown machine") << false << QByteArray("m3,150,seal") << "machine: 'm3'";
    }
    void eventLogsBad()
    {
        QFETCH(bool, maintenance);
        QFETCH(QByteArray, bad);
        QFETCH(QString, reason);
        std::istringstream fleetCsv(kLongHeader + "m1,100,temp,1\nm2,100,temp,1\n");
        Fleet fleet = parseFleetCsv(fleetCsv, "f.csv").fleet;
        const std::string header = maintenance ? "machine,time,kind,mode,downtime_hours\n" : "machine,time,mode\n";
        const std::string good1 = maintenance ? "m2,300,corrective,bearing,4\n" : "m2,300,bearing\n";
        const std::string good2 = maintenance ? "m1,200,scheduled,,\n" : "m1,200,seal\n";
        std::istringstream log(header + good1 + text(bad) + "\n" + good2);
        const LogImport r = maintenance ? parseMaintenanceCsv(log, "log.csv", fleet)
                                        : parseFailureCsv(log, "log.csv", fleet);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.lines, std::int64_t(3));
        QCOMPARE(r.events, std::int64_t(2));
        QCOMPARE(r.bad.size(), std::size_t(1));
        QCOMPARE(r.bad[0].line, std::int64_t(3));
        QCOMPARE(r.bad[0].file, std::string("log.csv"));
        QVERIFY2(contains(r.bad[0].reason, reason), r.bad[0].reason.c_str());
        QCOMPARE(r.bad[0].text, text(bad));
    }

    void eventLogsMerge()
    {
        std::istringstream fleetCsv(kLongHeader + "m1,100,temp,1\nm2,100,temp,1\n");
        Fleet fleet = parseFleetCsv(fleetCsv, "f.csv").fleet;
        fleet.failure_modes = {"bearing"};
        std::istringstream maintenance("kind,machine,time,mode\ncorrective,m2,300,seal\nscheduled,m1,500,\n"
                                       "Scheduled,m1,200,bearing\n");
        LogImport r = parseMaintenanceCsv(maintenance, "m.csv", fleet);
        QVERIFY(r.error.empty() && r.bad.empty());
        QCOMPARE(fleet.failure_modes, (std::vector<std::string>{"bearing", "seal"}));
        QCOMPARE(fleet.maintenance.size(), std::size_t(3));
        QCOMPARE(fleet.maintenance[0].time, 200.0); // sorted by (machine, time)
        QCOMPARE(fleet.maintenance[0].mode, 0);
        QCOMPARE(fleet.maintenance[1].mode, -1);
        QCOMPARE(fleet.maintenance[2].machine, 1);
        QCOMPARE(fleet.maintenance[2].kind, MaintenanceKind::Corrective);
        QCOMPARE(fleet.maintenance[2].mode, 1);
        std::istringstream failures("machine,time,mode\nm1,2026-01-01T00:00:00Z,crack\n");
        r = parseFailureCsv(failures, "f.csv", fleet);
        QVERIFY(r.error.empty() && r.bad.empty());
        QCOMPARE(fleet.failures.size(), std::size_t(1));
        QCOMPARE(fleet.failures[0].time, 1767225600.0);
        QCOMPARE(fleet.failures[0].mode, 2);
        std::istringstream unknown("machine,time,mode,cost\n");
        const std::size_t before = fleet.failures.size();
        r = parseFailureCsv(unknown, "u.csv", fleet);
        QVERIFY2(contains(r.error, QStringLiteral("u.csv: line 1: unknown column 'cost'")), r.error.c_str());
        QCOMPARE(fleet.failures.size(), before);
        QVERIFY(contains(readMaintenanceCsv("/nonexistent/m.csv", fleet).error, QStringLiteral("/nonexistent/m.csv")));
    }

    // Each file: unit 1 cycles 1 and 2 (lines 1, 2), the bad line (line 3), unit 1 cycle 3.
    void cmapssBad_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("reason");
        const std::string line = cmapssLine(1, 9);
        const std::string withoutLast = line.substr(0, line.rfind(' ', line.size() - 3)) + "\n";
        QTest::newRow("25 columns") << QByteArray::fromStdString(withoutLast)
                                    << "expected 26 columns (unit, cycle, 3 settings, 21 sensors), found 25";
        QTest::newRow("27 columns") << QByteArray::fromStdString(line.substr(0, line.size() - 1) + " 7\n")
                                    << "found 27";
        QTest::newRow("non-integer unit")
            << QByteArray::fromStdString("1.5" + line.substr(1)) << "unit: '1.5' is not a positive integer";
        QTest::newRow("unit zero") << QByteArray::fromStdString("0" + line.substr(1)) << "unit: '0' is not a positive";
        QTest::newRow("non-numeric sensor")
            << QByteArray::fromStdString(cmapssLine(1, 9, "=cmd()")) << "T50: '=cmd()' is not a number";
        QTest::newRow("backwards cycle") << QByteArray::fromStdString(cmapssLine(1, 1))
                                         << "cycle: 1 does not follow cycle 2 of unit 1";
        QTest::newRow("over-long line") << QByteArray::fromStdString(std::string(3 << 20, '1') + "\n")
                                        << "longer than 1 MiB";
    }
    void cmapssBad()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, reason);
        std::istringstream in(cmapssLine(1, 1) + cmapssLine(1, 2) + text(bad) + cmapssLine(1, 3));
        const FleetImport r = parseCmapssTrain(in, "train_FD001.txt");
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.bad.size(), std::size_t(1));
        QCOMPARE(r.bad[0].line, std::int64_t(3));
        QVERIFY2(contains(r.bad[0].reason, reason), r.bad[0].reason.c_str());
        QCOMPARE(r.fleet.machines.size(), std::size_t(1));
        QCOMPARE(r.fleet.machines[0].time, (std::vector<double>{1, 2, 3}));
        QCOMPARE(r.fleet.failures.size(), std::size_t(1));
        QCOMPARE(r.fleet.failures[0].time, 3.0);
    }

    void cmapssTrain()
    {
        QCOMPARE(cmapssColumns().size(), std::size_t(24));
        QCOMPARE(cmapssColumns()[3], std::string("T2"));
        QCOMPARE(cmapssColumns()[23], std::string("W32"));
        // Trailing spaces and tabs, as in the real files, and a unit that comes back.
        std::string unit1 = cmapssLine(1, 1) + cmapssLine(1, 2);
        unit1.insert(unit1.size() - 1, "\t ");
        std::istringstream in(unit1 + cmapssLine(2, 1) + cmapssLine(2, 2) + cmapssLine(2, 3) + cmapssLine(1, 3));
        const FleetImport r = parseCmapssTrain(in, "train_FD001.txt");
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.lines, std::int64_t(6));
        QCOMPARE(r.bad.size(), std::size_t(1));
        QCOMPARE(r.bad[0].line, std::int64_t(6));
        QVERIFY2(contains(r.bad[0].reason, QStringLiteral("unit 1 reappears after unit 2")), r.bad[0].reason.c_str());
        const Fleet &f = r.fleet;
        QCOMPARE(f.time_unit, TimeUnit::Cycles);
        QCOMPARE(f.machines.size(), std::size_t(2));
        QCOMPARE(f.machines[1].name, std::string("unit 2"));
        QCOMPARE(f.machines[0].values[0][0], -0.0007f);  // setting_1
        QCOMPARE(f.machines[0].values[6][1], 1400.60f);  // T50
        QCOMPARE(f.machines[0].values[23][1], 23.4190f); // W32
        QCOMPARE(f.failure_modes, (std::vector<std::string>{"failure"}));
        QCOMPARE(f.failures.size(), std::size_t(2));
        QCOMPARE(f.failures[0].time, 2.0);
        QCOMPARE(f.failures[1].machine, 1);
        QCOMPARE(f.failures[1].time, 3.0);
    }

    void cmapssTest()
    {
        QTemporaryDir dir;
        const QString test = dir.filePath(QStringLiteral("test_FD001.txt"));
        const QString rul = dir.filePath(QStringLiteral("RUL_FD001.txt"));
        writeFile(test, cmapssLine(1, 1) + cmapssLine(1, 2) + cmapssLine(2, 1));
        writeFile(rul, "112\n98 \n");
        CmapssTestImport r = readCmapssTest(test.toStdString(), rul.toStdString());
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.rul, (std::vector<double>{112, 98}));
        QVERIFY(r.fleet.failures.empty());
        QCOMPARE(r.fleet.machines.at(0).rows(), std::size_t(2));

        writeFile(rul, "112\n98\n69\n");
        r = readCmapssTest(test.toStdString(), rul.toStdString());
        QVERIFY2(contains(r.error, QStringLiteral("3 RUL values for the 2 units")), r.error.c_str());
        QVERIFY(r.rul.empty());
        writeFile(rul, "112\n");
        r = readCmapssTest(test.toStdString(), rul.toStdString());
        QVERIFY2(contains(r.error, QStringLiteral("1 RUL values for the 2 units")), r.error.c_str());
        writeFile(rul, "112\nlots\n");
        r = readCmapssTest(test.toStdString(), rul.toStdString());
        QVERIFY2(contains(r.error, QStringLiteral("line 2: 'lots'")), r.error.c_str());
        r = readCmapssTest((dir.path() + QStringLiteral("/none.txt")).toStdString(), rul.toStdString());
        QVERIFY2(contains(r.error, QStringLiteral("none.txt: no such file")), r.error.c_str());
        writeFile(test, "");
        r = readCmapssTest(test.toStdString(), rul.toStdString());
        QVERIFY2(contains(r.error, QStringLiteral("empty")), r.error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestPdmImport)
#include "test_pdm_import.moc"
