// Project workspaces: create, open, validate, move; bad projects named clearly; a
// damaged database never modified and recoverable by copy-aside.

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "test_support.h"

#include <QtTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace seekbench::projects;
using namespace testsupport;

Q_DECLARE_METATYPE(ProjectError::Kind)

class TestProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAndOpen()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp);
        {
            auto p = makeProject(dir);
            QCOMPARE(p.manifest().name, std::string("test project"));
            QVERIFY(fs::is_directory(dir / "runs"));
            QVERIFY(fs::is_directory(dir / "datasets"));
            QVERIFY(fs::is_directory(dir / "reports"));
            QCOMPARE(p.storageMode(), StorageMode::Local);
        }
        const std::string yaml = readFile(dir / "seekbench-project.yaml");
        QVERIFY(yaml.find("name: test project") != std::string::npos);
        QVERIFY(yaml.find(dir.string()) == std::string::npos); // no absolute paths inside
        auto p = Project::open(dir);
        QCOMPARE(p.schemaVersionAtOpen(), Schema::kLatest);
        QCOMPARE(queryText(dir / "seekbench.db", "PRAGMA journal_mode"), std::string("wal"));
        Project::validate(dir);
    }

    void manifestDefaultsRoundTrip()
    {
        ProjectManifest m
            = ProjectManifest::parse("seekbench_project: 1\nname: demo\ndefaults:\n  training:\n    lr: 0.01\n",
                                     "x.yaml");
        QVERIFY(m.defaultsYaml.find("lr: 0.01") != std::string::npos);
        const auto again = ProjectManifest::parse(m.toYaml(), "y.yaml");
        QCOMPARE(again.defaultsYaml, m.defaultsYaml);
        QCOMPARE(again.name, std::string("demo"));
    }

    void folderCanMove()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp, "a");
        std::string id;
        {
            auto p = makeProject(dir);
            RunStore store(p);
            NewRun r;
            r.name = "moved";
            r.status = seekbench::RunStatus::Finished;
            id = store.createRun(r);
            writeFile(p.runDir(id) / "report.txt", "hello");
            store.addArtifact(id, "report", "runs/" + id + "/report.txt");
        }
        const auto moved = tempPath(tmp, "b");
        fs::rename(dir, moved);
        auto p = Project::open(moved);
        RunStore store(p);
        const auto arts = store.artifacts(id);
        QCOMPARE(arts.size(), std::size_t(1));
        QVERIFY(!fs::path(arts[0].path).is_absolute());
        QVERIFY(fs::exists(p.resolveInside(arts[0].path)));
        QCOMPARE(store.run(id).name, std::string("moved"));
    }

    void badProjects_data()
    {
        QTest::addColumn<int>("setup");
        QTest::addColumn<ProjectError::Kind>("kind");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("place"); // a file name the message must contain

        using K = ProjectError::Kind;
        QTest::newRow("missing folder") << 0 << K::NotAProject << "does not exist"
                                        << "nowhere";
        QTest::newRow("a file, not a folder") << 1 << K::NotAProject << "is not a folder"
                                              << "plain.txt";
        QTest::newRow("no manifest") << 2 << K::NotAProject << "seekbench-project.yaml is missing"
                                     << "project";
        QTest::newRow("manifest not YAML") << 3 << K::BadManifest << "not valid YAML"
                                           << "seekbench-project.yaml";
        QTest::newRow("manifest unknown key") << 4 << K::BadManifest << "unknown key 'colour'"
                                              << "seekbench-project.yaml";
        QTest::newRow("manifest without name") << 5 << K::BadManifest << "'name' is missing"
                                               << "seekbench-project.yaml";
        QTest::newRow("manifest newer format") << 6 << K::BadManifest << "newer than this build"
                                               << "seekbench-project.yaml";
        QTest::newRow("manifest bad storage") << 7 << K::BadManifest << "'storage' must be auto, local or segments"
                                              << "seekbench-project.yaml";
        QTest::newRow("database missing") << 8 << K::DamagedDatabase << "is missing"
                                          << "seekbench.db";
        QTest::newRow("database not SQLite") << 9 << K::DamagedDatabase << "not a SQLite database"
                                             << "seekbench.db";
        QTest::newRow("database page damaged") << 10 << K::DamagedDatabase << "is damaged"
                                               << "seekbench.db";
        QTest::newRow("database newer schema") << 11 << K::NewerSchema << "newer than this build"
                                               << "seekbench.db";
        QTest::newRow("foreign SQLite file") << 12 << K::DamagedDatabase << "no Seekbench schema"
                                             << "seekbench.db";
        QTest::newRow("manifest version not a number") << 13 << K::BadManifest << "must be a whole number"
                                                       << "seekbench-project.yaml";
    }

    void badProjects()
    {
        QFETCH(int, setup);
        QFETCH(ProjectError::Kind, kind);
        QFETCH(QString, problem);
        QFETCH(QString, place);
        QTemporaryDir tmp;
        fs::path dir = tempPath(tmp);
        const auto manifest = [&](const std::string &text) { writeFile(dir / "seekbench-project.yaml", text); };
        switch (setup) {
        case 0: dir = tempPath(tmp, "nowhere"); break;
        case 1:
            dir = tempPath(tmp, "plain.txt");
            writeFile(dir, "x");
            break;
        case 2: fs::create_directories(dir); break;
        default: makeProject(dir); break;
        }
        fs::path damaged;
        std::string before;
        switch (setup) {
        case 3: manifest("name: [unclosed\n"); break;
        case 4: manifest("seekbench_project: 1\nname: x\ncolour: red\n"); break;
        case 5: manifest("seekbench_project: 1\ndescription: no name\n"); break;
        case 6: manifest("seekbench_project: 9\nname: x\n"); break;
        case 7: manifest("seekbench_project: 1\nname: x\nstorage: cloud\n"); break;
        case 8: fs::remove(dir / "seekbench.db"); break;
        case 9: writeFile(dir / "seekbench.db", std::string(8192, 'z')); break;
        case 10: {
            // Overwrite the middle of the schema page: SQLite reports a malformed image.
            std::string bytes = readFile(dir / "seekbench.db");
            for (std::size_t i = 100; i < std::min<std::size_t>(bytes.size(), 4000); ++i)
                bytes[i] = static_cast<char>(0xA5);
            writeFile(dir / "seekbench.db", bytes);
            damaged = dir / "seekbench.db";
            before = readFile(damaged);
            break;
        }
        case 11: execSql(dir / "seekbench.db", "PRAGMA user_version = 99"); break;
        case 12:
            fs::remove(dir / "seekbench.db");
            execSqlCreate(dir / "seekbench.db");
            break;
        case 13: manifest("seekbench_project: one\nname: x\n"); break;
        default: break;
        }
        try {
            Project::open(dir);
            QFAIL("open() accepted a bad project");
        } catch (const ProjectError &e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(e.kind() == kind, qPrintable(msg));
            QVERIFY2(msg.contains(problem), qPrintable(msg));
            QVERIFY2(msg.contains(place), qPrintable(msg));
            QCOMPARE(e.exitCode(), 2);
            // The check reads a private copy; its temporary path is not the user's file.
            QVERIFY2(!msg.contains(QStringLiteral("check.db")) && !msg.contains(QStringLiteral("seekbench-check")),
                     qPrintable(msg));
        }
        if (!damaged.empty()) {
            // Never modified: byte for byte what it was, and no WAL appeared beside it.
            QVERIFY(readFile(damaged) == before);
            QVERIFY(!fs::exists(damaged.string() + "-wal"));
        }
    }

    void damagedDatabaseRecovery()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp);
        {
            auto p = makeProject(dir);
            RunStore store(p);
            NewRun r;
            r.name = "keep me";
            r.status = seekbench::RunStatus::Finished;
            store.createRun(r);
        }
        // Damage a late page only (the metrics b-tree root), so the runs table survives.
        const auto db = dir / "seekbench.db";
        execSql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        std::string bytes = readFile(db);
        const std::int64_t page = queryInt(db, "SELECT rootpage FROM sqlite_master WHERE name = 'metrics'");
        QVERIFY(page > 1);
        const std::size_t pageSize = 4096;
        for (std::size_t i = (static_cast<std::size_t>(page) - 1) * pageSize;
             i < static_cast<std::size_t>(page) * pageSize && i < bytes.size(); ++i)
            bytes[i] = static_cast<char>(0x5A);
        writeFile(db, bytes);
        try {
            Project::validate(dir);
            QFAIL("validate() accepted a damaged database");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::DamagedDatabase);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("project recover")));
        }
        QVERIFY(readFile(db) == bytes);
        const auto r = Project::recoverDamaged(dir);
        QVERIFY(fs::exists(r.movedTo));
        QVERIFY(readFile(r.movedTo) == bytes); // the damaged file is kept as it was
        QVERIFY(std::find(r.salvaged.begin(), r.salvaged.end(), "runs") != r.salvaged.end());
        auto p = Project::open(dir);
        RunStore store(p);
        QCOMPARE(store.listRuns().size(), std::size_t(1));
        QCOMPARE(store.listRuns().front().name, std::string("keep me"));
        Project::validate(dir);
    }

    void pathsStayInside()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp);
        auto p = makeProject(dir);
        QVERIFY(p.resolveInside("runs/x/file.csv").string().rfind(dir.string(), 0) == 0);
        fs::create_directory_symlink(tmp.path().toStdString(), dir / "escape");
        for (const char *bad : {"../outside", "/etc/passwd", "runs/../../x", "escape/file", ""}) {
            try {
                p.resolveInside(bad);
                QFAIL(qPrintable(QStringLiteral("accepted %1").arg(QString::fromUtf8(bad))));
            } catch (const ProjectError &e) {
                QCOMPARE(e.kind(), ProjectError::Kind::BadInput);
                QVERIFY(QString::fromUtf8(e.what()).contains(QString::fromUtf8(bad)));
            }
        }
        for (const char *bad : {"../x", "a/b", "", ".hidden", "x y", "-rf"}) {
            QVERIFY_THROWS_EXCEPTION(ProjectError, p.runDir(bad));
        }
    }

    void createRefusesExistingProject()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp);
        makeProject(dir);
        try {
            makeProject(dir);
            QFAIL("created a project over a project");
        } catch (const ProjectError &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("already a Seekbench project")));
        }
    }

    // Opening a project a second time in a process that has it open (the GUI's session
    // and a recorder; a CLI verb and the project it was handed) must leave the first
    // connection's locks in place. A plain read or copy of the store's files closes a
    // descriptor, and closing any descriptor of a file drops all of the process's POSIX
    // locks on it: another process could then checkpoint or write under the first
    // connection (seen as SQLITE_IOERR_SHORT_READ at a run's end).
    void reopeningKeepsTheFirstConnectionsLocks()
    {
        QTemporaryDir tmp;
        const auto dir = tempPath(tmp);
        const auto project = makeProject(dir);
        RunStore first(project);
        QVERIFY(first.listRuns().empty()); // the connection has read: the WAL index is mapped
        const fs::path shm = dir / "seekbench.db-shm";
        QVERIFY(fs::exists(shm));
        QVERIFY2(otherProcessSeesSharedMemoryLock(shm), "the first connection holds no lock to begin with");
        const auto second = Project::open(dir);
        QCOMPARE(second.schemaVersionAtOpen(), Schema::kLatest);
        QVERIFY2(otherProcessSeesSharedMemoryLock(shm),
                 "opening the project again dropped the first connection's locks");
        QVERIFY(first.listRuns().empty());
    }

private:
    // Whether another process sees a lock of this one on the WAL index's "DMS" byte (128:
    // SQLite's unix VFS holds a shared lock there while a connection uses the file).
    static bool otherProcessSeesSharedMemoryLock(const fs::path &shm)
    {
        const pid_t child = ::fork();
        if (child == 0) {
            const int fd = ::open(shm.c_str(), O_RDWR);
            struct flock probe
            {};
            probe.l_type = F_WRLCK;
            probe.l_whence = SEEK_SET;
            probe.l_start = 128;
            probe.l_len = 1;
            const bool locked = fd >= 0 && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
            ::_exit(locked ? 0 : 1);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }

    static void execSqlCreate(const fs::path &db)
    {
        sqlite3 *h = nullptr;
        sqlite3_open(db.c_str(), &h);
        sqlite3_exec(h, "CREATE TABLE notes (x TEXT)", nullptr, nullptr, nullptr);
        sqlite3_close(h);
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "test_project.moc"
