#include "project/demo_setup.h"

#include "common/project_paths.h"

#include "common/cli_client.h"
#include "seekbench/config/config_io.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/kg_corpora.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/pdm_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/transactions.h"
#include "seekbench/replies/aml_replies.h"

#include <QDir>
#include <QFile>

#include <csignal>

namespace seekbench::ui {

namespace {
bool isPdm(const QString &scenario) { return scenario == QStringLiteral("pdm"); }
bool isKg(const QString &scenario) { return scenario == QStringLiteral("kg"); }

// The demo's config, copied into the project by its template (project_templates.cpp).
QString configPath(const QString &dir, const QString &scenario)
{
    const char *file = isPdm(scenario) ? "pdm_demo.yaml" : isKg(scenario) ? "kg_demo.yaml" : "aml_demo.yaml";
    return pathText(layoutOf(dir).configsDir() / file);
}

// The knowledge graph demo's corpus; kg_demo.yaml trains on it by name.
const QString kKgCorpus = QStringLiteral("clinical");

bool alive(qint64 pid)
{
    // Our own detached child: /proc/<pid> is there while it runs, and its command line
    // names seekbench-cli (a reused pid would not).
    QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmd.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = cmd.readAll();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly) && stat.readAll().contains(") Z "))
        return false; // a zombie has finished
    return !line.isEmpty();
}
} // namespace

DemoSetup::DemoSetup(const QString &projectDir, QObject *parent, const QString &scenario)
    : QObject(parent), m_dir(projectDir), m_scenario(scenario)
{
    m_timer.setInterval(300);
    connect(&m_timer, &QTimer::timeout, this, &DemoSetup::poll);
}

DemoSetup::~DemoSetup() = default;

bool DemoSetup::hasDemo(const QString &scenario)
{
    return scenario == QStringLiteral("aml") || isPdm(scenario) || isKg(scenario);
}

QStringList DemoSetup::generateArguments(const QString &projectDir, const QString &scenario)
{
    if (isPdm(scenario)) // 40 machines, four months of 10-minute readings: about 30 s
        return {QStringLiteral("pdm"),
                QStringLiteral("generate"),
                QStringLiteral("--project"),
                projectDir,
                QStringLiteral("--name"),
                QStringLiteral("plant"),
                QStringLiteral("--machines"),
                QStringLiteral("40"),
                QStringLiteral("--days"),
                QStringLiteral("120"),
                QStringLiteral("--resolution-s"),
                QStringLiteral("600"),
                QStringLiteral("--seed"),
                QStringLiteral("7")};
    if (isKg(scenario)) // 600 case notes and paragraphs from a generated ontology: a few seconds
        return {QStringLiteral("kg"),          QStringLiteral("generate"),
                QStringLiteral("--project"),   projectDir,
                QStringLiteral("--name"),      kKgCorpus,
                QStringLiteral("--documents"), QStringLiteral("600"),
                QStringLiteral("--seed"),      QStringLiteral("7")};
    return {QStringLiteral("aml"),    QStringLiteral("generate"), QStringLiteral("--project"), projectDir,
            QStringLiteral("--seed"), QStringLiteral("7")};
}

QStringList DemoSetup::trainArguments(const QString &projectDir, const QString &scenario)
{
    const QString verb = isPdm(scenario)  ? QStringLiteral("pdm")
                         : isKg(scenario) ? QStringLiteral("kg")
                                          : QStringLiteral("aml");
    return {verb,
            QStringLiteral("train"),
            QStringLiteral("--project"),
            projectDir,
            QStringLiteral("--config"),
            configPath(projectDir, scenario),
            QStringLiteral("--name"),
            verb + QStringLiteral("-demo")};
}

int DemoSetup::trainSteps(const QString &projectDir, const QString &scenario)
{
    const auto load = loadRunConfig(configPath(projectDir, scenario).toStdString());
    return load.ok() ? int(load.config.training.max_steps) : 200;
}

bool DemoSetup::launch(const QStringList &arguments, const QString &logName)
{
    const QString logs = QDir(m_dir).filePath(QStringLiteral("logs"));
    QDir().mkpath(logs);
    m_outLog = QDir(logs).filePath(logName + QStringLiteral(".out.log"));
    m_errLog = QDir(logs).filePath(logName + QStringLiteral(".err.log"));
    CliClient::DetachedOptions options;
    options.workingDirectory = m_dir;
    options.stdoutFile = m_outLog;
    options.stderrFile = m_errLog;
    QString error;
    if (!CliClient::startDetached(arguments, options, &m_pid, &error)) {
        fail(error);
        return false;
    }
    m_timer.start();
    return true;
}

bool DemoSetup::start()
{
    if (m_stage == Stage::Generating || m_stage == Stage::Training)
        return false;
    m_steps = std::max(1, trainSteps(m_dir, m_scenario));
    m_stage = Stage::Generating;
    Q_EMIT progress(0, isPdm(m_scenario)  ? tr("Simulating the demo fleet…")
                       : isKg(m_scenario) ? tr("Generating the demo clinical corpus…")
                                          : tr("Generating the demo transactions…"));
    return launch(generateArguments(m_dir, m_scenario), m_scenario + QStringLiteral("-demo-generate"));
}

void DemoSetup::cancel()
{
    if (m_stage != Stage::Generating && m_stage != Stage::Training)
        return;
    m_timer.stop();
    if (m_pid > 0 && alive(m_pid))
        ::kill(pid_t(m_pid), SIGTERM);
    m_stage = Stage::Cancelled;
    Q_EMIT finished(false, tr("Demo data cancelled: the project is there without it."));
}

void DemoSetup::fail(const QString &message)
{
    m_timer.stop();
    m_stage = Stage::Failed;
    Q_EMIT finished(false, message);
}

QString DemoSetup::lastErrorLine() const
{
    QFile f(m_errLog);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split(QLatin1Char('\n'));
    return lines.isEmpty() ? QString() : lines.last();
}

int DemoSetup::lastStep() const
{
    QFile f(m_outLog);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    if (f.size() > 65536)
        f.seek(f.size() - 65536);
    int step = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        // The first line may be cut by the seek, the last still being written: skip what does not parse.
        try {
            const replies::TrainEventLine event = replies::TrainEventLine::fromJson(line.toStdString());
            if (event.event == "step" && event.step)
                step = std::max(step, int(*event.step));
        } catch (const std::invalid_argument &) {
        }
    }
    return step;
}

void DemoSetup::poll()
{
    if (m_stage == Stage::Training) {
        const int step = lastStep();
        Q_EMIT progress(10 + 85 * std::min(step, m_steps) / m_steps,
                        (isPdm(m_scenario)  ? tr("Training the sensor model: step %1 of %2…")
                         : isKg(m_scenario) ? tr("Training the entity and relation model: step %1 of %2…")
                                            : tr("Training the graph model and XGBoost: step %1 of %2…"))
                            .arg(step)
                            .arg(m_steps));
    }
    if (alive(m_pid))
        return;
    m_timer.stop();
    try {
        if (m_stage == Stage::Generating) {
            if (!generated())
                return fail(tr("Generating the demo data failed: %1").arg(lastErrorLine()));
            m_stage = Stage::Training;
            Q_EMIT progress(10, isPdm(m_scenario) ? tr("Training the sensor model, then XGBoost and the baselines…")
                                : isKg(m_scenario)
                                    ? tr("Training the entity and relation model, then building the graph…")
                                    : tr("Training the graph model and XGBoost…"));
            launch(trainArguments(m_dir, m_scenario), m_scenario + QStringLiteral("-demo-train"));
            return;
        }
        if (!trained())
            return fail(tr("Training the demo model failed: %1").arg(lastErrorLine()));
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    m_stage = Stage::Done;
    Q_EMIT progress(100, isKg(m_scenario) ? tr("The demo corpus and its knowledge graph are ready.")
                                          : tr("The demo data and its alerts are ready."));
    Q_EMIT finished(true, {});
}

bool DemoSetup::generated() const
{
    const auto project = projects::Project::open(m_dir.toStdString());
    if (isPdm(m_scenario))
        return projects::FleetStore(project, true).find("plant").has_value();
    if (isKg(m_scenario))
        return projects::findKgCorpus(project, kKgCorpus.toStdString()).has_value();
    return projects::TransactionStore(project).transactionCount() > 0;
}

bool DemoSetup::trained() const
{
    const auto project = projects::Project::open(m_dir.toStdString());
    if (isPdm(m_scenario))
        return !projects::PdmResultStore(project, true).runs().empty();
    if (isKg(m_scenario))
        return !projects::KgStore(project, true).graphs().empty();
    return projects::AmlCaseStore(project).latestAlertRun().has_value();
}

} // namespace seekbench::ui
