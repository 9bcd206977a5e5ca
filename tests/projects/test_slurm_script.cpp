// The Slurm batch job of a run: sbatch options as arguments, the srun line single-quoted,
// and values that could end a line refused with their field named. Hostile values
// (quotes, $(...), backticks, semicolons) go through bash without running anything: the
// generated script is run by bash with `srun` on PATH replaced by a recorder, which must
// receive every word exactly as given, and a marker file must never appear.

#include "seekbench/projects/project_error.h"
#include "seekbench/projects/slurm_script.h"

#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <fstream>

using namespace seekbench::projects;
Q_DECLARE_METATYPE(std::string)

namespace {

SlurmJobSpec job(const std::filesystem::path &project)
{
    SlurmJobSpec j;
    j.runId = "20261128-120000-0a1b2c3d";
    j.attempt = 2;
    j.runName = "demo";
    j.projectDir = project;
    return j;
}

bool hasIssueFor(const std::vector<SlurmIssue> &issues, const std::string &field)
{
    for (const auto &i : issues)
        if (i.field == field)
            return true;
    return false;
}

std::string readAll(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

class TestSlurmScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting_data();
    void quoting();
    void hostileValuesNeverRun_data();
    void hostileValuesNeverRun();
    void controlCharactersAreRefused_data();
    void controlCharactersAreRefused();
    void optionsAreArguments();
    void badSettingsAreNamed_data();
    void badSettingsAreNamed();
    void profile();
    void badProfile_data();
    void badProfile();
};

void TestSlurmScript::quoting_data()
{
    QTest::addColumn<std::string>("word");
    QTest::addColumn<std::string>("quoted");
    QTest::newRow("plain") << std::string("abc") << std::string("'abc'");
    QTest::newRow("empty") << std::string() << std::string("''");
    QTest::newRow("quote") << std::string("it's") << std::string("'it'\\''s'");
    QTest::newRow("dollar") << std::string("$(x)") << std::string("'$(x)'");
}

void TestSlurmScript::quoting()
{
    QFETCH(std::string, word);
    QFETCH(std::string, quoted);
    QCOMPARE(shellQuote(word), quoted);
}

void TestSlurmScript::hostileValuesNeverRun_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    const QString mark = QStringLiteral("touch \"$MARKER\"");
    const QStringList values{
        QStringLiteral("x'; ") + mark + QStringLiteral("; echo '"),
        QStringLiteral("$(") + mark + QStringLiteral(")"),
        QStringLiteral("`") + mark + QStringLiteral("`"),
        QStringLiteral("a; ") + mark,
        QStringLiteral("\"$(") + mark + QStringLiteral(")\" && ") + mark,
        QStringLiteral("x' \"$(") + mark + QStringLiteral(")\" '`") + mark + QStringLiteral("`"),
    };
    for (const char *field : {"project", "cli", "partition", "account", "job_name", "sbatch"})
        for (int i = 0; i < values.size(); ++i)
            QTest::addRow("%s-%d", field, i) << QString::fromLatin1(field) << values[i];
}

void TestSlurmScript::hostileValuesNeverRun()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QTemporaryDir tmp;
    const std::filesystem::path root = tmp.path().toStdString();
    const std::string v = value.toStdString();
    // A project folder whose name is the hostile value (a path component has no '/').
    std::filesystem::path project = root / "p";
    SlurmSettings s;
    s.nodes = 1;
    s.tasksPerNode = 2;
    s.cli = (root / "bin" / "seekbench-cli").string();
    if (field == QLatin1String("project") && v.find('/') == std::string::npos)
        project = root / v;
    else if (field == QLatin1String("cli"))
        s.cli = (root / "bin" / v).string();
    else if (field == QLatin1String("partition"))
        s.partition = v;
    else if (field == QLatin1String("account"))
        s.account = v;
    else if (field == QLatin1String("job_name"))
        s.jobName = v;
    else if (field == QLatin1String("sbatch"))
        s.extra = {"--comment=" + v};
    std::filesystem::create_directories(project);
    const SlurmJobSpec j = job(project);
    QVERIFY(checkSlurmSettings(s, j).empty());

    // sbatch gets each option as one argument, the value untouched.
    const auto args = sbatchArguments(s, j);
    if (field == QLatin1String("partition"))
        QVERIFY(std::find(args.begin(), args.end(), "--partition=" + v) != args.end());
    if (field == QLatin1String("sbatch"))
        QCOMPARE(args.front(), "--comment=" + v);

    // Run the script: `srun` records its arguments, one per line, NUL-free.
    const std::filesystem::path bin = root / "fakebin";
    std::filesystem::create_directories(bin);
    {
        std::ofstream srun(bin / "srun");
        srun << "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$RECORD\"\n";
    }
    std::filesystem::permissions(bin / "srun", std::filesystem::perms::owner_all);
    const std::filesystem::path script = root / "job.sbatch";
    {
        std::ofstream out(script);
        out << sbatchScript(s, j);
    }
    const std::filesystem::path marker = root / "MARKER", record = root / "record";
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), QString::fromStdString(bin.string()) + QStringLiteral(":/usr/bin:/bin"));
    env.insert(QStringLiteral("MARKER"), QString::fromStdString(marker.string()));
    env.insert(QStringLiteral("RECORD"), QString::fromStdString(record.string()));
    env.insert(QStringLiteral("SLURM_JOB_ID"), QStringLiteral("42"));
    bash.setProcessEnvironment(env);
    bash.start(QStringLiteral("/bin/bash"), {QString::fromStdString(script.string())});
    QVERIFY(bash.waitForFinished(10000));
    QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
    QVERIFY2(!std::filesystem::exists(marker), "a hostile value ran a command");

    const std::string expected = "--kill-on-bad-exit=0\n--output=runs/" + j.runId + "/logs/rank-%t.jsonl\n--error=runs/"
                                 + j.runId + "/logs/rank-%t.log\n" + s.cli + "\ntrain\n--project\n" + project.string()
                                 + "\n--run-id\n" + j.runId + "\n--attempt\n2\n";
    QCOMPARE(readAll(record), expected);
}

void TestSlurmScript::controlCharactersAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<std::string>("value");
    const std::vector<std::pair<const char *, std::string>> bad{{"newline", "a\n#SBATCH --wrap=touch x"},
                                                                {"nul", std::string("a\0b", 3)},
                                                                {"cr", "a\rb"},
                                                                {"escape", "a\x1b[2Jb"},
                                                                {"del", "a\x7f"},
                                                                {"tab", "a\tb"}};
    for (const char *field :
         {"time", "partition", "account", "job_name", "sbatch[0]", "cli", "run name", "project folder"})
        for (const auto &[name, v] : bad)
            QTest::addRow("%s-%s", field, name) << QString::fromLatin1(field) << v;
}

void TestSlurmScript::controlCharactersAreRefused()
{
    QFETCH(QString, field);
    QFETCH(std::string, value);
    SlurmSettings s;
    s.cli = "/usr/bin/seekbench-cli";
    SlurmJobSpec j = job("/tmp/project");
    const std::string f = field.toStdString();
    if (f == "time")
        s.timeLimit = value;
    else if (f == "partition")
        s.partition = value;
    else if (f == "account")
        s.account = value;
    else if (f == "job_name")
        s.jobName = value;
    else if (f == "sbatch[0]")
        s.extra = {"--qos=" + value};
    else if (f == "cli")
        s.cli = "/usr/bin/" + value;
    else if (f == "run name")
        j.runName = value;
    else
        j.projectDir = "/tmp/" + value;
    const auto issues = checkSlurmSettings(s, j);
    QCOMPARE(issues.size(), std::size_t(1));
    QCOMPARE(issues.front().field, f);
    QVERIFY2(issues.front().message.find("control character") != std::string::npos, issues.front().message.c_str());
}

void TestSlurmScript::optionsAreArguments()
{
    SlurmSettings s;
    s.nodes = 2;
    s.tasksPerNode = 4;
    s.cpusPerTask = 8;
    s.gpusPerTask = 1;
    s.timeLimit = "1-02:00:00";
    s.partition = "gpu";
    s.account = "proj42";
    s.extra = {"#SBATCH --qos=high", "--exclusive"};
    s.cli = "/opt/seekbench/bin/seekbench-cli";
    const SlurmJobSpec j = job("/shared/project");
    QVERIFY(checkSlurmSettings(s, j).empty());
    QCOMPARE(s.ranks(), 8);
    const std::vector<std::string> expected{"--qos=high",
                                            "--exclusive",
                                            "--parsable",
                                            "--job-name=seekbench-20261128-120000-0a1b2c3d",
                                            "--nodes=2",
                                            "--ntasks-per-node=4",
                                            "--cpus-per-task=8",
                                            "--gpus-per-task=1",
                                            "--time=1-02:00:00",
                                            "--partition=gpu",
                                            "--account=proj42",
                                            "--chdir=/shared/project",
                                            "--output=runs/20261128-120000-0a1b2c3d/logs/slurm-%j.out"};
    QCOMPARE(sbatchArguments(s, j), expected);
    const std::string script = sbatchScript(s, j);
    // No directive in the script: sbatch reads the options from its arguments only.
    QVERIFY(script.find("\n#SBATCH") == std::string::npos);
    QVERIFY(script.find("exec srun") != std::string::npos);
    // Tasks see every GPU of their node and pick theirs by LOCAL_RANK (SLURM_LOCALID).
    QVERIFY(script.find("exec srun --kill-on-bad-exit=0 --gpu-bind=none") != std::string::npos);
    QCOMPARE(sbatchScriptPath(j.runId, j.attempt), std::string("runs/20261128-120000-0a1b2c3d/job-2.sbatch"));
}

void TestSlurmScript::badSettingsAreNamed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("what");
    QTest::newRow("nodes") << "nodes"
                           << "0";
    QTest::newRow("tasks") << "tasks_per_node"
                           << "0";
    QTest::newRow("cpus") << "cpus_per_task"
                          << "-1";
    QTest::newRow("gpus") << "gpus_per_task"
                          << "65";
    QTest::newRow("time words") << "time"
                                << "two hours";
    QTest::newRow("time parts") << "time"
                                << "1:2:3:4";
    QTest::newRow("not an option") << "sbatch[0]"
                                   << "qos=high";
    QTest::newRow("wrap") << "sbatch[0]"
                          << "--wrap=touch x";
    QTest::newRow("relative cli") << "cli"
                                  << "bin/seekbench-cli";
    QTest::newRow("relative project") << "project folder"
                                      << "p";
}

void TestSlurmScript::badSettingsAreNamed()
{
    QFETCH(QString, field);
    QFETCH(QString, what);
    SlurmSettings s;
    s.cli = "/usr/bin/seekbench-cli";
    SlurmJobSpec j = job("/tmp/project");
    const std::string f = field.toStdString(), v = what.toStdString();
    if (f == "nodes")
        s.nodes = std::stoi(v);
    else if (f == "tasks_per_node")
        s.tasksPerNode = std::stoi(v);
    else if (f == "cpus_per_task")
        s.cpusPerTask = std::stoi(v);
    else if (f == "gpus_per_task")
        s.gpusPerTask = std::stoi(v);
    else if (f == "time")
        s.timeLimit = v;
    else if (f == "sbatch[0]")
        s.extra = {v};
    else if (f == "cli")
        s.cli = v;
    else
        j.projectDir = v;
    const auto issues = checkSlurmSettings(s, j);
    QVERIFY2(hasIssueFor(issues, f), issues.empty() ? "no issue" : describe(issues.front()).c_str());
}

void TestSlurmScript::profile()
{
    QTemporaryDir tmp;
    const auto file = std::filesystem::path(tmp.path().toStdString()) / "cluster.yaml";
    std::ofstream(file) << "nodes: 2\ntasks_per_node: 2\ncpus_per_task: 4\ntime: \"02:00:00\"\npartition: cpu\n"
                           "account: team\nsbatch:\n  - --qos=long\ncli: /opt/sb/seekbench-cli\n";
    const SlurmSettings s = loadSlurmProfile(file);
    QCOMPARE(s.ranks(), 4);
    QCOMPARE(s.cpusPerTask, 4);
    QCOMPARE(s.timeLimit, std::string("02:00:00"));
    QCOMPARE(s.partition, std::string("cpu"));
    QCOMPARE(s.account, std::string("team"));
    QCOMPARE(s.extra, std::vector<std::string>{"--qos=long"});
    QCOMPARE(s.cli, std::string("/opt/sb/seekbench-cli"));
}

void TestSlurmScript::badProfile_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << "nodes: 1\nqueue: fast\n"
                                 << "cluster.yaml:2: queue: unknown key";
    QTest::newRow("wrong type") << "nodes: many\n"
                                << "cluster.yaml:1: nodes: wrong type";
    QTest::newRow("list for scalar") << "partition: [a, b]\n"
                                     << "cluster.yaml:1: partition: expected a single value";
    QTest::newRow("sbatch not a list") << "sbatch: --qos=x\n"
                                       << "cluster.yaml:1: sbatch: expected a list";
    QTest::newRow("not yaml") << "nodes: [\n"
                              << "not valid YAML";
    QTest::newRow("not a mapping") << "- 1\n"
                                   << "a cluster profile is a mapping";
    QTest::newRow("duplicate key") << "nodes: 1\npartition: a\nnodes: 8\n"
                                   << "cluster.yaml:3: nodes: given more than once (first at line 1)";
    QTest::newRow("empty file") << ""
                                << "cluster.yaml: cannot read the cluster profile: it is empty";
    QTest::newRow("over 1 MiB") << QStringLiteral("nodes: 1\n") + QString(1 << 20, QLatin1Char('#'))
                                << "cluster.yaml: cannot read the cluster profile: it is larger than 1 MiB";
    QTest::newRow("a directory") << "@directory"
                                 << "cluster.yaml: cannot read the cluster profile: it is a directory";
    QTest::newRow("/dev/zero") << "@/dev/zero"
                               << "/dev/zero: cannot read the cluster profile: it is larger than 1 MiB";
}

void TestSlurmScript::badProfile()
{
    QFETCH(QString, yaml);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    auto file = std::filesystem::path(tmp.path().toStdString()) / "cluster.yaml";
    if (yaml == QLatin1String("@directory"))
        std::filesystem::create_directory(file);
    else if (yaml.startsWith(QLatin1Char('@')))
        file = yaml.mid(1).toStdString();
    else
        std::ofstream(file) << yaml.toStdString();
    try {
        loadSlurmProfile(file);
        QFAIL("no error");
    } catch (const ProjectError &e) {
        QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
    }
    try {
        loadSlurmProfile(std::filesystem::path(tmp.path().toStdString()) / "missing.yaml");
        QFAIL("no error for a missing file");
    } catch (const ProjectError &e) {
        QVERIFY2(std::string(e.what()).find("missing.yaml: cannot read") != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(TestSlurmScript)
#include "test_slurm_script.moc"
