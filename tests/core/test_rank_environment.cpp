// Ranks from any launcher's environment: torchrun, Slurm, Open MPI; bad values named.

#include "seekbench/run/rank_environment.h"

#include <QtTest>

using namespace seekbench;

class TestRankEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void launchers_data();
    void launchers();
    void badValues_data();
    void badValues();
    void slurmFirstHost_data();
    void slurmFirstHost();
};

namespace {

EnvLookup fromText(const QString &text)
{
    QMap<QString, QString> vars;
    for (const QString &pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        vars[pair.section(QLatin1Char('='), 0, 0)] = pair.section(QLatin1Char('='), 1);
    return [vars](const std::string &name) -> std::optional<std::string> {
        auto it = vars.find(QString::fromStdString(name));
        if (it == vars.end())
            return std::nullopt;
        return it->toStdString();
    };
}

} // namespace

void TestRankEnvironment::launchers_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("rank");
    QTest::addColumn<int>("world");
    QTest::addColumn<int>("localRank");
    QTest::addColumn<int>("localWorld");
    QTest::addColumn<QString>("addr");
    QTest::addColumn<int>("port");
    QTest::newRow("nothing") << ""
                             << "single" << 0 << 1 << 0 << 1 << "127.0.0.1" << 29500;
    QTest::newRow("torchrun") << "RANK=3 WORLD_SIZE=4 LOCAL_RANK=1 LOCAL_WORLD_SIZE=2 MASTER_ADDR=10.0.0.5 MASTER_PORT=1234"
                              << "torchrun" << 3 << 4 << 1 << 2 << "10.0.0.5" << 1234;
    QTest::newRow("slurm")
        << "SLURM_PROCID=5 SLURM_NTASKS=8 SLURM_LOCALID=1 SLURM_NTASKS_PER_NODE=4(x2) SLURM_JOB_NODELIST=gpu[07-08] MASTER_PORT=29600"
        << "slurm" << 5 << 8 << 1 << 4 << "gpu07" << 29600;
    QTest::newRow("slurm with explicit master")
        << "SLURM_PROCID=0 SLURM_NTASKS=2 SLURM_JOB_NODELIST=n1,n2 MASTER_ADDR=head"
        << "slurm" << 0 << 2 << 0 << 2 << "head" << 29500;
    QTest::newRow("torchrun wins over slurm") << "RANK=1 WORLD_SIZE=2 SLURM_PROCID=0 SLURM_NTASKS=1"
                                              << "torchrun" << 1 << 2 << 1 << 2 << "127.0.0.1" << 29500;
    QTest::newRow("open mpi")
        << "OMPI_COMM_WORLD_RANK=2 OMPI_COMM_WORLD_SIZE=3 OMPI_COMM_WORLD_LOCAL_RANK=0 OMPI_COMM_WORLD_LOCAL_SIZE=1"
        << "openmpi" << 2 << 3 << 0 << 1 << "127.0.0.1" << 29500;
}

void TestRankEnvironment::launchers()
{
    QFETCH(QString, env);
    QFETCH(QString, source);
    QFETCH(int, rank);
    QFETCH(int, world);
    QFETCH(int, localRank);
    QFETCH(int, localWorld);
    QFETCH(QString, addr);
    QFETCH(int, port);
    const auto r = readRankEnvironment(fromText(env));
    QVERIFY2(r.env.has_value(), r.error.c_str());
    QCOMPARE(QString::fromStdString(r.env->source), source);
    QCOMPARE(r.env->rank, rank);
    QCOMPARE(r.env->worldSize, world);
    QCOMPARE(r.env->localRank, localRank);
    QCOMPARE(r.env->localWorldSize, localWorld);
    QCOMPARE(QString::fromStdString(r.env->masterAddr), addr);
    QCOMPARE(r.env->masterPort, port);
}

void TestRankEnvironment::badValues_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("error");
    QTest::newRow("rank not a number") << "RANK=one WORLD_SIZE=2"
                                       << "RANK='one' is not a non-negative integer";
    QTest::newRow("negative world") << "RANK=0 WORLD_SIZE=-2"
                                    << "WORLD_SIZE='-2' is not a non-negative integer";
    QTest::newRow("rank beyond world") << "RANK=2 WORLD_SIZE=2"
                                       << "rank 2 is not below the world size 2 (torchrun variables)";
    QTest::newRow("rank without size") << "RANK=0"
                                       << "WORLD_SIZE is not set but RANK is";
    QTest::newRow("port out of range") << "RANK=0 WORLD_SIZE=1 MASTER_PORT=70000"
                                       << "MASTER_PORT='70000' is not a port (1-65535)";
    QTest::newRow("zero world") << "RANK=0 WORLD_SIZE=0"
                                << "the world size must be at least 1 (torchrun variables)";
    QTest::newRow("bad node list") << "SLURM_PROCID=0 SLURM_NTASKS=2 SLURM_JOB_NODELIST=node[1-2"
                                   << "SLURM_JOB_NODELIST='node[1-2' has no first host";
}

void TestRankEnvironment::badValues()
{
    QFETCH(QString, env);
    QFETCH(QString, error);
    const auto r = readRankEnvironment(fromText(env));
    QVERIFY(!r.env.has_value());
    QCOMPARE(QString::fromStdString(r.error), error);
}

void TestRankEnvironment::slurmFirstHost_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("host");
    QTest::newRow("single") << "node1"
                            << "node1";
    QTest::newRow("plain list") << "a,b,c"
                                << "a";
    QTest::newRow("range") << "node[03-05]"
                           << "node03";
    QTest::newRow("range list") << "node[9,11-12],gpu1"
                                << "node9";
    QTest::newRow("suffix") << "rack[2-3]-n1"
                            << "rack2-n1";
}

void TestRankEnvironment::slurmFirstHost()
{
    QFETCH(QString, list);
    QFETCH(QString, host);
    QCOMPARE(QString::fromStdString(firstSlurmHost(list.toStdString()).value_or("<none>")), host);
}

QTEST_GUILESS_MAIN(TestRankEnvironment)
#include "test_rank_environment.moc"
