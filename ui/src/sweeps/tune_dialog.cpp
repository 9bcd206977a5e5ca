#include "sweeps/tune_dialog.h"

#include "common/project_paths.h"
#include "config/config_field_text.h"
#include "config/issue_text.h"
#include "launch/launch_dialog.h"
#include "runs/runs_table_model.h"
#include "seekbench/config/config_schema.h"
#include "seekbench/tuning/propose.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {
namespace {

using tuning::ParamKind;

// Kinds offered in a row's combo, by the key's type.
struct KindOption
{
    ParamKind kind;
    bool log;
};

std::vector<KindOption> kindsFor(const ConfigField &f)
{
    switch (f.type) {
    case ConfigField::Type::Double: return {{ParamKind::LogUniform, false}, {ParamKind::Uniform, false}};
    case ConfigField::Type::Int:
    case ConfigField::Type::UInt64: return {{ParamKind::Int, false}, {ParamKind::Int, true}};
    default: return {{ParamKind::Choice, false}};
    }
}

QString numberText(double v) { return QString::number(v, 'g', 8); }

std::optional<std::vector<double>> numbers(const QString &text)
{
    std::vector<double> out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        out.push_back(v);
    }
    return out;
}

const QRegularExpression &nameRule()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    return re;
}

} // namespace

TuneDialog::TuneDialog(const QString &projectDir, const projects::RunRecord &run, int cores, QWidget *parent)
    : QDialog(parent), m_projectDir(projectDir), m_run(run)
{
    setObjectName(QStringLiteral("tuneDialog"));
    setWindowTitle(tr("Tune this run"));
    const QString runName = QString::fromStdString(run.name);
    m_heading = new QLabel(tr("A sweep over the hyperparameters of run “%1”: tick the keys to vary, check their "
                              "ranges, then create it. Every trial starts from this run's config.")
                               .arg(runName.toHtmlEscaped()),
                           this);
    m_heading->setWordWrap(true);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("tuneName"));
    QString base = runName;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^[^A-Za-z0-9]+")));
    m_name->setText((base.isEmpty() ? QStringLiteral("run") : base.left(50)) + QStringLiteral("-tune"));

    m_metric = new QComboBox(this);
    m_metric->setEditable(true);
    for (const auto &[key, summary] : run.summary)
        m_metric->addItem(QString::fromStdString(key));
    const int evalLoss = m_metric->findText(QStringLiteral("eval/loss"));
    m_metric->setCurrentIndex(evalLoss >= 0 ? evalLoss : 0);
    if (m_metric->currentText().isEmpty())
        m_metric->setEditText(QStringLiteral("eval/loss"));
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("minimise"), int(tuning::Direction::Minimize));
    m_direction->addItem(tr("maximise"), int(tuning::Direction::Maximize));
    m_at = new QComboBox(this);
    m_at->addItem(tr("at the run's end"), int(tuning::ObjectiveAt::End));
    m_at->addItem(tr("its best during the run"), int(tuning::ObjectiveAt::Best));
    m_sampler = new QComboBox(this);
    m_sampler->setObjectName(QStringLiteral("tuneSampler"));
    m_sampler->addItem(tr("TPE (Bayesian)"), int(tuning::SamplerKind::Tpe));
    m_sampler->addItem(tr("Random"), int(tuning::SamplerKind::Random));
    m_sampler->addItem(tr("Grid"), int(tuning::SamplerKind::Grid));
    m_trials = new QSpinBox(this);
    m_trials->setRange(1, 100000);
    m_trials->setValue(20);
    m_parallel = new QSpinBox(this);
    const auto threadsIt = run.params.find("training.threads");
    const int threads = threadsIt == run.params.end() ? 0 : std::atoi(threadsIt->second.c_str());
    m_parallel->setRange(1, std::max(1, cores));
    m_parallel->setValue(threads > 0 ? std::max(1, cores / threads) : 1);
    m_pruner = new QComboBox(this);
    m_pruner->addItem(tr("none"), int(tuning::PrunerKind::None));
    m_pruner->addItem(tr("median"), int(tuning::PrunerKind::Median));
    m_pruner->addItem(tr("ASHA (successive halving)"), int(tuning::PrunerKind::Asha));

    auto *form = new QFormLayout;
    form->addRow(tr("Sweep name:"), m_name);
    auto *objective = new QHBoxLayout;
    objective->addWidget(m_metric, 2);
    objective->addWidget(m_direction, 1);
    objective->addWidget(m_at, 1);
    form->addRow(tr("Objective:"), objective);
    auto *search = new QHBoxLayout;
    search->addWidget(m_sampler, 2);
    search->addWidget(new QLabel(tr("trials:"), this));
    search->addWidget(m_trials, 1);
    search->addWidget(new QLabel(tr("at once:"), this));
    search->addWidget(m_parallel, 1);
    form->addRow(tr("Search:"), search);
    form->addRow(tr("Early stopping:"), m_pruner);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter keys…"));
    m_filter->setClearButtonEnabled(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("tuneTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Key"), tr("This run"), tr("Kind"), tr("Low / choices"), tr("High"), tr("Grid points")});
    m_table->horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    // Fusion outlines a check box in a darker shade of the Window colour, which a dark
    // theme makes invisible on the table: a lighter Window for the table only.
    if (m_table->palette().color(QPalette::Base).lightness() < 128) {
        QPalette p = m_table->palette();
        p.setColor(QPalette::Window, QColor(170, 170, 170));
        m_table->setPalette(p);
    }
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);

    m_cost = new QLabel(this);
    m_cost->setObjectName(QStringLiteral("tuneCost"));
    m_cost->setWordWrap(true);
    m_issues = new QLabel(this);
    m_issues->setObjectName(QStringLiteral("tuneIssues"));
    m_issues->setWordWrap(true);
    m_issues->setStyleSheet(QStringLiteral("color: #c0392b;"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = m_buttons->addButton(tr("Create sweep"), QDialogButtonBox::AcceptRole);
    m_createAndRun = m_buttons->addButton(tr("Create and run"), QDialogButtonBox::AcceptRole);
    m_createAndRun->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, [this] { finish(false); });
    connect(m_createAndRun, &QPushButton::clicked, this, [this] { finish(true); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_cost);
    layout->addWidget(m_issues);
    layout->addWidget(m_buttons);
    resize(900, 640);

    buildRows();
    onMetricChanged();
    connect(m_metric, &QComboBox::currentTextChanged, this, [this] { onMetricChanged(); });
    for (QComboBox *box : {m_direction, m_at, m_sampler, m_pruner})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { update(); });
    for (QSpinBox *box : {m_trials, m_parallel})
        connect(box, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_name, &QLineEdit::textChanged, this, [this] { update(); });
    connect(m_table, &QTableWidget::itemChanged, this, [this] { update(); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            const QTableWidgetItem *key = m_table->item(r, KeyColumn);
            m_table->setRowHidden(r, !text.isEmpty() && !key->text().contains(text, Qt::CaseInsensitive)
                                         && key->checkState() != Qt::Checked);
        }
    });
    update();
}

QString TuneDialog::kindText(ParamKind kind, bool log) const
{
    switch (kind) {
    case ParamKind::LogUniform: return tr("log-uniform");
    case ParamKind::Uniform: return tr("uniform");
    case ParamKind::Int: return log ? tr("integer, log scale") : tr("integer");
    case ParamKind::Choice: return tr("choices");
    }
    return {};
}

void TuneDialog::buildRows()
{
    m_building = true;
    // What sweeps tune most often first, then the rest in the schema's order.
    static const char *const kFirst[]
        = {"training.lr",        "training.weight_decay",   "training.warmup_steps",  "training.batch_size",
           "training.optimizer", "training.schedule",       "training.min_lr_ratio",  "training.grad_clip",
           "model.hidden_size",  "model.num_hidden_layers", "model.attention_dropout"};
    std::vector<const ConfigField *> fields;
    for (const char *key : kFirst)
        if (const ConfigField *f = findConfigField(key))
            fields.push_back(f);
    for (const ConfigField &f : configSchema())
        if (std::find(fields.begin(), fields.end(), &f) == fields.end())
            fields.push_back(&f);
    for (const ConfigField *field : fields) {
        const ConfigField &f = *field;
        const auto value = m_run.params.find(f.path);
        if (value == m_run.params.end())
            continue;
        const auto proposal = tuning::proposeParam(f, value->second);
        if (!proposal)
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *key = new QTableWidgetItem(QString::fromStdString(f.path));
        key->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        key->setCheckState(Qt::Unchecked);
        key->setToolTip(ConfigFieldText::description(f.description));
        m_table->setItem(row, KeyColumn, key);
        auto *current = new QTableWidgetItem(QString::fromStdString(value->second));
        current->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, RunValueColumn, current);
        auto *kind = new QComboBox(m_table);
        for (const KindOption &k : kindsFor(f))
            kind->addItem(kindText(k.kind, k.log), QVariantList{int(k.kind), k.log});
        for (int i = 0; i < kind->count(); ++i) {
            const QVariantList data = kind->itemData(i).toList();
            if (ParamKind(data[0].toInt()) == proposal->kind && data[1].toBool() == proposal->log)
                kind->setCurrentIndex(i);
        }
        connect(kind, &QComboBox::currentIndexChanged, this, [this] { update(); });
        m_table->setCellWidget(row, KindColumn, kind);
        const bool choice = proposal->kind == ParamKind::Choice;
        QStringList choices;
        for (const std::string &c : proposal->choices)
            choices << QString::fromStdString(c);
        m_table->setItem(row, LowColumn,
                         new QTableWidgetItem(choice ? choices.join(QStringLiteral(", ")) : numberText(proposal->low)));
        auto *high = new QTableWidgetItem(choice ? QString() : numberText(proposal->high));
        auto *grid = new QTableWidgetItem;
        if (choice) {
            high->setFlags(Qt::NoItemFlags);
            grid->setFlags(Qt::NoItemFlags);
        }
        m_table->setItem(row, HighColumn, high);
        m_table->setItem(row, GridColumn, grid);
    }
    m_building = false;
    // The learning rate is what most sweeps tune first.
    setTuned(QStringLiteral("training.lr"), true);
}

int TuneDialog::rowOf(const QString &key) const
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, KeyColumn)->text() == key)
            return r;
    return -1;
}

void TuneDialog::setTuned(const QString &key, bool tuned)
{
    if (const int r = rowOf(key); r >= 0)
        m_table->item(r, KeyColumn)->setCheckState(tuned ? Qt::Checked : Qt::Unchecked);
}

void TuneDialog::setRange(const QString &key, const QString &low, const QString &high)
{
    if (const int r = rowOf(key); r >= 0) {
        m_table->item(r, LowColumn)->setText(low);
        m_table->item(r, HighColumn)->setText(high);
    }
}

void TuneDialog::setGrid(const QString &key, const QString &points)
{
    if (const int r = rowOf(key); r >= 0)
        m_table->item(r, GridColumn)->setText(points);
}

QString TuneDialog::sweepName() const { return m_name->text().trimmed(); }

std::optional<tuning::SearchSpace> TuneDialog::space() const
{
    std::vector<tuning::ParamSpec> params;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->item(r, KeyColumn)->checkState() != Qt::Checked)
            continue;
        tuning::ParamSpec p;
        p.key = m_table->item(r, KeyColumn)->text().toStdString();
        const QVariantList kind = static_cast<QComboBox *>(m_table->cellWidget(r, KindColumn))->currentData().toList();
        p.kind = ParamKind(kind[0].toInt());
        p.log = kind[1].toBool();
        const QString low = m_table->item(r, LowColumn)->text();
        if (p.kind == ParamKind::Choice) {
            for (const QString &c : low.split(QLatin1Char(','), Qt::SkipEmptyParts))
                p.choices.push_back(c.trimmed().toStdString());
        } else {
            const auto lo = numbers(low), hi = numbers(m_table->item(r, HighColumn)->text());
            const auto grid = numbers(m_table->item(r, GridColumn)->text());
            if (!lo || !hi || lo->size() != 1 || hi->size() != 1 || !grid)
                return std::nullopt;
            p.low = lo->front();
            p.high = hi->front();
            if (p.kind == ParamKind::Int) {
                p.step = 1;
                if (!grid->empty())
                    return std::nullopt; // ints enumerate their values; grid points are for continuous keys
            } else {
                p.grid = *grid;
            }
        }
        params.push_back(std::move(p));
    }
    const QString name = sweepName();
    tuning::SearchSpace s
        = tuning::proposeSpace((std::filesystem::path("sweeps") / name.toStdString() / "base.yaml").string(),
                               m_metric->currentText().toStdString(), std::move(params), m_trials->value(),
                               m_parallel->value());
    s.name = name.toStdString();
    s.objective.direction = tuning::Direction(m_direction->currentData().toInt());
    s.objective.at = tuning::ObjectiveAt(m_at->currentData().toInt());
    s.sampler.kind = tuning::SamplerKind(m_sampler->currentData().toInt());
    s.sampler.seed = 1;
    s.pruner.kind = tuning::PrunerKind(m_pruner->currentData().toInt());
    // Rungs and warm-up at the run's evaluation cadence, up to its length.
    const auto param = [&](const char *key, std::int64_t fallback) {
        const auto it = m_run.params.find(key);
        return it == m_run.params.end() ? fallback : std::max<std::int64_t>(1, std::atoll(it->second.c_str()));
    };
    const std::int64_t every = param("training.eval_every", 1), steps = param("training.max_steps", 0);
    s.pruner.warmupSteps = every;
    s.pruner.minResource = every;
    s.pruner.maxResource = steps;
    return s;
}

void TuneDialog::onMetricChanged()
{
    m_direction->setCurrentIndex(
        m_direction->findData(int(tuning::directionForMetric(m_metric->currentText().toStdString()))));
    update();
}

QString TuneDialog::costText() const { return m_cost->text(); }

void TuneDialog::update()
{
    if (m_building)
        return;
    m_problems.clear();
    const QString name = sweepName();
    if (!nameRule().match(name).hasMatch())
        m_problems << tr("The sweep's name may hold letters, digits, '.', '_' and '-', and starts with a letter or "
                         "a digit.");
    else if (QFileInfo::exists(pathText(layoutOf(m_projectDir).sweepSpacePath(name.toStdString()))))
        m_problems << tr("A sweep file named %1 already exists in the project.").arg(name);
    const auto s = space();
    std::optional<std::uint64_t> grid;
    if (!s) {
        m_problems << tr("Each range needs two numbers; grid points are numbers separated by commas (for "
                         "continuous keys only).");
    } else {
        for (const ConfigIssue &issue : tuning::validateSearchSpace(*s))
            m_problems << IssueText::describe(issue);
        if (s->sampler.kind == tuning::SamplerKind::Grid) {
            grid = tuning::gridSize(*s);
            if (!grid)
                m_problems << tr("A grid needs grid points for every uniform and log-uniform key.");
        }
    }
    // What it will cost, before anything starts.
    const int trials = grid ? int(std::min<std::uint64_t>(*grid, std::uint64_t(m_trials->value()))) : m_trials->value();
    QString cost = grid ? tr("A grid of %n point(s); the budget runs %1 of them.", "", int(*grid)).arg(trials)
                        : tr("A budget of %n trial(s).", "", trials);
    cost += QLatin1Char(' ') + tr("%n at once.", "", m_parallel->value());
    if (m_run.startedAt && m_run.endedAt && *m_run.endedAt > *m_run.startedAt) {
        const double each = *m_run.endedAt - *m_run.startedAt;
        const double rounds = std::ceil(double(trials) / m_parallel->value());
        cost += QLatin1Char(' ')
                + tr("About %1 in all, at this run's %2 per trial (less with early stopping).")
                      .arg(RunsTableModel::durationText(rounds * each), RunsTableModel::durationText(each));
    } else {
        cost += QLatin1Char(' ') + tr("No wall-time estimate: this run has not finished.");
    }
    m_cost->setText(cost);
    m_issues->setText(m_problems.join(QLatin1Char('\n')));
    m_issues->setVisible(!m_problems.isEmpty());
    m_create->setEnabled(m_problems.isEmpty());
    m_createAndRun->setEnabled(m_problems.isEmpty());
}

bool TuneDialog::writeFiles(QString *spaceFile, QString *error) const
{
    const auto s = space();
    if (!s || !m_problems.isEmpty()) {
        *error = m_problems.join(QLatin1Char('\n'));
        return false;
    }
    const projects::ProjectLayout layout = layoutOf(m_projectDir);
    const std::string name = sweepName().toStdString();
    const QString baseDir = pathText(layout.sweepDir(name));
    const QString base = QDir(baseDir).filePath(QStringLiteral("base.yaml"));
    const QString yaml = LaunchDialog::runConfigYaml(m_projectDir, m_run);
    if (yaml.isEmpty()) {
        *error = tr("The config snapshot of run %1 cannot be read.").arg(QString::fromStdString(m_run.id));
        return false;
    }
    *spaceFile = pathText(layout.sweepSpacePath(name));
    const auto write = [error](const QString &file, const QByteArray &bytes) {
        QSaveFile f(file);
        if (f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit())
            return true;
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), f.errorString());
        return false;
    };
    if (!QDir().mkpath(baseDir)) {
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(baseDir));
        return false;
    }
    return write(base, yaml.toUtf8()) && write(*spaceFile, QByteArray::fromStdString(tuning::toYaml(*s)));
}

void TuneDialog::finish(bool run)
{
    update();
    if (!m_problems.isEmpty())
        return;
    m_runAfter = run;
    accept();
}

} // namespace seekbench::ui
