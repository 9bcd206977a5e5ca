#include "inspector/attention_inspector_view.h"

#include "common/project_paths.h"

#include "inspector/inspection_client.h"
#include "seekbench/formats/fashion_captions.h"
#include "seekbench/widgets/attention_heatmap.h"
#include "seekbench/widgets/gate_chart.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace seekbench::ui {

using widgets::AttentionHeatmap;
using widgets::ColourMap;

namespace {

// The run picker: Qt::UserRole holds the run folder, this role its checkpoint folder.
constexpr int kCheckpointsRole = Qt::UserRole + 1;

QImage sampleImage(const std::vector<std::uint8_t> &pixels, int rows, int cols)
{
    QImage img(cols, rows, QImage::Format_Grayscale8);
    for (int r = 0; r < rows; ++r)
        std::copy_n(pixels.data() + std::size_t(r) * std::size_t(cols), cols, img.scanLine(r));
    return img;
}

QString className(int cls)
{
    return cls >= 0 && cls < kFashionClasses ? QString::fromStdString(fashionClassNames()[std::size_t(cls)])
                                             : QString();
}

} // namespace

AttentionInspectorView::AttentionInspectorView(QWidget *parent) : QWidget(parent), m_client(new InspectionClient(this))
{
    setObjectName(QStringLiteral("attentionInspector"));
    buildUi();
    retranslate();
    connect(m_client, &InspectionClient::inspected, this,
            [this](qint64, std::shared_ptr<const AttentionInspection> a) { showInspection(std::move(a)); });
    connect(m_client, &InspectionClient::testSetReady, this,
            [this](std::shared_ptr<const TestSetSummary> s) { addTestSetChunk(std::move(s)); });
    connect(m_client, &InspectionClient::ready, this, [this](qint64 step, qint64 samples) {
        m_sample->setMaximum(int(std::max<qint64>(0, samples - 1)));
        m_testSetTotal = samples;
        Q_EMIT message(tr("Inspection engine ready: checkpoint step %1, %2 test samples").arg(step).arg(samples));
    });
    connect(m_client, &InspectionClient::requestFailed, this, [this](qint64, const QString &e) {
        m_waitingFor = -1;
        setBusy(QString());
        m_status->setText(e);
    });
    connect(m_client, &InspectionClient::helperFailed, this, [this](const QString &e) {
        m_waitingFor = -1;
        setBusy(QString());
        m_status->setText(e);
    });
}

AttentionInspectorView::~AttentionInspectorView() = default;

void AttentionInspectorView::buildUi()
{
    auto named = [](auto *w, const char *name) {
        w->setObjectName(QString::fromLatin1(name));
        return w;
    };
    m_runLabel = new QLabel(this);
    m_checkpointLabel = new QLabel(this);
    m_sampleLabel = new QLabel(this);
    m_classLabel = new QLabel(this);
    m_galleryLabel = new QLabel(this);
    m_tokensLabel = new QLabel(this);
    m_layerLabel = new QLabel(this);
    m_headLabel = new QLabel(this);
    m_modeLabel = new QLabel(this);
    m_mapLabel = new QLabel(this);
    m_opacityLabel = new QLabel(this);
    m_gateLabel = named(new QLabel(this), "gateLabel");
    m_status = named(new QLabel(this), "inspectorStatus");
    m_status->setWordWrap(true);
    m_run = named(new QComboBox(this), "runCombo");
    m_checkpoint = named(new QComboBox(this), "checkpointCombo");
    m_class = named(new QComboBox(this), "classCombo");
    for (int c = 0; c < kFashionClasses; ++c)
        m_class->addItem(className(c), c);
    m_layer = named(new QComboBox(this), "layerCombo");
    m_head = named(new QComboBox(this), "headCombo");
    m_mode = named(new QComboBox(this), "modeCombo");
    m_colourMap = named(new QComboBox(this), "colourMapCombo");
    m_sample = named(new QSpinBox(this), "sampleSpin");
    m_sample->setRange(0, 9999);
    m_show = named(new QPushButton(this), "showSampleButton");
    m_nextClass = named(new QPushButton(this), "nextOfClassButton");
    m_nextWrong = named(new QPushButton(this), "nextMisclassifiedButton");
    m_cancel = named(new QPushButton(this), "cancelButton");
    m_cancel->setEnabled(false);
    m_exportView = named(new QPushButton(this), "exportViewButton");
    m_exportHeads = named(new QPushButton(this), "exportHeadsButton");
    m_gallery = named(new QListWidget(this), "gallery");
    m_gallery->setViewMode(QListView::IconMode);
    m_gallery->setIconSize(QSize(42, 42));
    m_gallery->setResizeMode(QListView::Adjust);
    m_tokens = named(new QListWidget(this), "tokenList");
    m_tokens->setMouseTracking(true);
    m_opacity = named(new QSlider(Qt::Horizontal, this), "opacitySlider");
    m_opacity->setRange(0, 100);
    m_opacity->setValue(60);
    m_heatmap = new AttentionHeatmap(this);
    m_gateChart = new widgets::GateChart(this);

    auto *left = new QWidget(this);
    auto *l = new QVBoxLayout(left);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_runLabel, m_run, m_checkpointLabel, m_checkpoint, m_sampleLabel})
        l->addWidget(w);
    auto *sampleRow = new QHBoxLayout;
    sampleRow->addWidget(m_sample, 1);
    sampleRow->addWidget(m_show);
    l->addLayout(sampleRow);
    l->addWidget(m_classLabel);
    auto *classRow = new QHBoxLayout;
    classRow->addWidget(m_class, 1);
    classRow->addWidget(m_nextClass);
    l->addLayout(classRow);
    l->addWidget(m_nextWrong);
    l->addWidget(m_galleryLabel);
    l->addWidget(m_gallery, 1);
    l->addWidget(m_status);
    l->addWidget(m_cancel);

    auto *right = new QWidget(this);
    auto *grid = new QGridLayout(right);
    int row = 0;
    for (auto [label, field] : {std::pair<QLabel *, QWidget *>{m_layerLabel, m_layer},
                                {m_headLabel, m_head},
                                {m_modeLabel, m_mode},
                                {m_mapLabel, m_colourMap},
                                {m_opacityLabel, m_opacity}}) {
        grid->addWidget(label, row, 0);
        grid->addWidget(field, row++, 1);
    }
    grid->addWidget(m_tokensLabel, row++, 0, 1, 2);
    grid->addWidget(m_tokens, row++, 0, 1, 2);
    grid->setRowStretch(row - 1, 1);
    grid->addWidget(m_gateLabel, row++, 0, 1, 2);
    grid->addWidget(m_gateChart, row++, 0, 1, 2);
    auto *exports = new QHBoxLayout;
    exports->addWidget(m_exportView);
    exports->addWidget(m_exportHeads);
    grid->addLayout(exports, row++, 0, 1, 2);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_heatmap);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto *top = new QVBoxLayout(this);
    top->addWidget(split);

    connect(m_run, &QComboBox::currentIndexChanged, this, [this] {
        m_checkpoint->clear();
        const QDir dir(m_run->currentData(kCheckpointsRole).toString());
        m_checkpoint->addItem(tr("Newest"), QString());
        for (const QString &f : dir.entryList({QStringLiteral("*.sbckpt")}, QDir::Files, QDir::Name | QDir::Reversed))
            m_checkpoint->addItem(f, dir.filePath(f));
    });
    connect(m_checkpoint, &QComboBox::currentIndexChanged, this, [this] { runChanged(); });
    connect(m_show, &QPushButton::clicked, this, [this] { inspectSample(m_sample->value()); });
    connect(m_nextClass, &QPushButton::clicked, this, [this] { nextMatching(false); });
    connect(m_nextWrong, &QPushButton::clicked, this, [this] { nextMatching(true); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_client->cancel();
        m_waitingFor = -1;
        setBusy(QString());
    });
    connect(m_gallery, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { inspectSample(item->data(Qt::UserRole).toLongLong()); });
    connect(m_tokens, &QListWidget::currentRowChanged, this, [this](int r) { selectToken(r); });
    connect(m_tokens, &QListWidget::itemEntered, this,
            [this](QListWidgetItem *item) { selectToken(m_tokens->row(item)); });
    connect(m_heatmap, &AttentionHeatmap::patchClicked, this, [this](int p) { selectPatch(p); });
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        fillHeads();
        refresh();
    });
    connect(m_head, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_head->setEnabled(m_mode->currentData().toInt() == int(AttentionMode::Attention));
        refresh();
    });
    connect(m_colourMap, &QComboBox::currentIndexChanged, this,
            [this] { m_heatmap->setColourMap(ColourMap(m_colourMap->currentData().toInt())); });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int v) { m_heatmap->setOpacity(v / 100.0); });
    connect(m_exportView, &QPushButton::clicked, this, [this] { exportView(); });
    connect(m_exportHeads, &QPushButton::clicked, this, [this] { exportHeads(); });
}

void AttentionInspectorView::retranslate()
{
    setWindowTitle(tr("Attention inspector"));
    m_runLabel->setText(tr("Run"));
    m_checkpointLabel->setText(tr("Checkpoint"));
    m_sampleLabel->setText(tr("Test sample"));
    m_show->setText(tr("Show"));
    m_classLabel->setText(tr("By class"));
    m_nextClass->setText(tr("Next"));
    m_nextWrong->setText(tr("Next misclassified"));
    m_galleryLabel->setText(tr("Gallery"));
    m_cancel->setText(tr("Cancel"));
    m_tokensLabel->setText(tr("Caption tokens (hover or select one; click a patch for the reverse view)"));
    m_layerLabel->setText(tr("Layer"));
    m_headLabel->setText(tr("Head"));
    m_modeLabel->setText(tr("Method"));
    m_mapLabel->setText(tr("Colour map"));
    m_opacityLabel->setText(tr("Opacity"));
    m_exportView->setText(tr("Export view…"));
    m_exportHeads->setText(tr("Export all heads…"));
    const QSignalBlocker block(m_mode);
    const int mode = std::max(0, m_mode->currentIndex());
    m_mode->clear();
    m_mode->addItem(tr("Attention"), int(AttentionMode::Attention));
    m_mode->addItem(tr("Rollout"), int(AttentionMode::Rollout));
    m_mode->addItem(tr("Relevance (Chefer et al. 2021)"), int(AttentionMode::Relevance));
    m_mode->setCurrentIndex(mode);
    const QSignalBlocker blockMap(m_colourMap);
    const int map = std::max(1, m_colourMap->currentIndex());
    m_colourMap->clear();
    for (ColourMap c : {ColourMap::Viridis, ColourMap::Inferno, ColourMap::Hot, ColourMap::Greys})
        m_colourMap->addItem(widgets::colourMapName(c), int(c));
    m_colourMap->setCurrentIndex(map);
    fillLayers();
}

void AttentionInspectorView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

AttentionInspectorView *AttentionInspectorView::openFor(QWidget *host, const QString &projectDir)
{
    auto *view = host->findChild<AttentionInspectorView *>(QString(), Qt::FindDirectChildrenOnly);
    if (!view) {
        view = new AttentionInspectorView(host);
        view->setWindowFlag(Qt::Window);
        view->resize(1300, 820);
    }
    if (view->m_projectDir != projectDir || view->m_run->count() == 0)
        view->setProjectDir(projectDir);
    view->show();
    view->raise();
    view->activateWindow();
    return view;
}

void AttentionInspectorView::closeEvent(QCloseEvent *event)
{
    m_client->stop();
    QWidget::closeEvent(event);
}

void AttentionInspectorView::setProjectDir(const QString &dir)
{
    if (dir != m_projectDir) // another project's runs: this helper serves none of them
        m_client->stop();
    m_projectDir = dir;
    if (dir.isEmpty()) {
        m_run->clear();
        m_status->setText(tr("Open a project to inspect its runs."));
        return;
    }
    const QSignalBlocker block(m_run);
    m_run->clear();
    const auto layout = layoutOf(dir);
    const QDir runs(pathText(layout.runsDir()));
    for (const QString &id : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time)) {
        QString runDir, checkpoints;
        try {
            runDir = pathText(layout.runDir(id.toStdString()));
            checkpoints = pathText(layout.runCheckpointsDir(id.toStdString()));
        } catch (const std::exception &) {
            continue; // not a run's folder (runs/.launching, a stray name)
        }
        if (QDir(checkpoints).entryList({QStringLiteral("*.sbckpt")}, QDir::Files).isEmpty())
            continue;
        m_run->addItem(id, runDir);
        m_run->setItemData(m_run->count() - 1, checkpoints, kCheckpointsRole);
    }
    if (m_run->count() == 0) {
        m_status->setText(tr("This project has no run with a checkpoint to inspect yet."));
        return;
    }
    m_run->setCurrentIndex(-1);
    QMetaObject::invokeMethod(
        m_run, [this] { m_run->setCurrentIndex(0); }, Qt::QueuedConnection);
}

void AttentionInspectorView::runChanged()
{
    if (m_run->currentIndex() < 0 || m_checkpoint->currentIndex() < 0)
        return;
    m_cache.clear();
    m_relevance.clear();
    m_testSet.reset();
    m_testSetNext = 0;
    m_gallery->clear();
    m_client->setRun(m_run->currentData().toString(), m_checkpoint->currentData().toString());
    // The sample first: the helper answers in order, and the test-set pass takes longer.
    inspectSample(m_sample->value());
    m_client->requestTestSet(kTestSetChunk, 0);
}

// One chunk of the test-set pass: appended when it starts where the last one ended, and
// the next one asked for until the split is covered.
void AttentionInspectorView::addTestSetChunk(std::shared_ptr<const TestSetSummary> chunk)
{
    const qint64 first = chunk->samples.empty() ? -1 : chunk->samples.front().index;
    if (first != m_testSetNext)
        return; // not the chunk asked for (a helper that ignores the offset): stop here
    if (first > 0 && m_testSet) {
        auto merged = std::make_shared<TestSetSummary>(*m_testSet);
        merged->samples.insert(merged->samples.end(), chunk->samples.begin(), chunk->samples.end());
        chunk = std::move(merged);
    }
    m_testSetNext = qint64(chunk->samples.size());
    setTestSet(std::move(chunk));
    if (m_testSetNext < m_testSetTotal)
        m_client->requestTestSet(kTestSetChunk, int(m_testSetNext));
}

void AttentionInspectorView::setBusy(const QString &text)
{
    m_status->setText(text);
    m_cancel->setEnabled(!text.isEmpty());
}

void AttentionInspectorView::inspectSample(qint64 index)
{
    if (const auto cached = m_cache.value(index)) {
        m_client->cancel();
        m_waitingFor = -1;
        setBusy(QString());
        showInspection(cached);
        return;
    }
    m_waitingFor = index;
    m_client->requestSample(index);
    setBusy(m_client->isReady() ? tr("Computing sample %1…").arg(index)
                                : tr("Starting the inspection engine and computing sample %1…").arg(index));
}

void AttentionInspectorView::showInspection(std::shared_ptr<const AttentionInspection> a)
{
    if (!a)
        return;
    m_cache.insert(a->index, a);
    if (m_waitingFor >= 0 && m_waitingFor != a->index)
        return; // a reply for a sample the user has left
    m_waitingFor = -1;
    setBusy(QString());
    const bool sameShape = m_current && m_current->maps.size() == a->maps.size();
    m_current = std::move(a);
    {
        const QSignalBlocker block(m_sample);
        m_sample->setValue(int(m_current->index));
    }
    m_heatmap->setImage(sampleImage(m_current->pixels, m_current->rows, m_current->cols));
    m_heatmap->setGrid(m_current->gridRows, m_current->gridCols);
    if (!sameShape)
        fillLayers();
    m_patch = -1;
    m_heatmap->setSelectedPatch(-1);
    // Relevance needs the gradients; documents from older helpers have none.
    if (auto *modes = qobject_cast<QStandardItemModel *>(m_mode->model()); modes && modes->rowCount() > 2)
        modes->item(2)->setEnabled(hasGradients(*m_current));
    showTokens();
    m_gateLabel->setText(m_current->architecture == "image_only"
                             ? tr("Image-only model: no gate")
                             : tr("Sample %1 (%2, predicted %3) — gate: text %4, image %5")
                                   .arg(m_current->index)
                                   .arg(className(m_current->label), className(m_current->predictedClass))
                                   .arg(m_current->gateText, 0, 'f', 3)
                                   .arg(m_current->gateImage, 0, 'f', 3));
    m_gateChart->setCurrent(m_current->label, m_current->gateText);
    const int token = m_current->classToken >= 0 && m_current->classToken < int(m_current->tokens.size())
                          ? m_current->classToken
                          : (m_current->tokens.empty() ? -1 : 0);
    m_token = -1;
    selectToken(token);
    if (token < 0)
        refresh();
}

void AttentionInspectorView::showTokens()
{
    const QSignalBlocker block(m_tokens);
    m_tokens->clear();
    for (const auto &t : m_current->tokens)
        m_tokens->addItem(QString::fromStdString(t));
}

void AttentionInspectorView::fillLayers()
{
    const QSignalBlocker block(m_layer);
    const QString previous = m_layer->currentData().toString();
    m_layer->clear();
    if (!m_current)
        return;
    for (const auto &m : m_current->maps) {
        QString label;
        if (m.kind == "text_to_image")
            label = tr("Text → image, cross layer %1").arg(m.layer + 1);
        else if (m.kind == "image_to_text")
            label = tr("Image → text, cross layer %1").arg(m.layer + 1);
        else if (m.kind == "image_self")
            label = tr("Image self-attention, layer %1").arg(m.layer + 1);
        else
            label = tr("Text self-attention, layer %1").arg(m.layer + 1);
        m_layer->addItem(label, QStringLiteral("%1/%2").arg(QString::fromStdString(m.kind)).arg(m.layer));
    }
    int index = m_layer->findData(previous);
    if (index < 0) // the last text-to-image layer: what the caption looks at
        for (int i = 0; i < m_layer->count(); ++i)
            if (m_layer->itemData(i).toString().startsWith(QStringLiteral("text_to_image/")))
                index = i;
    m_layer->setCurrentIndex(std::max(0, index));
    fillHeads();
}

void AttentionInspectorView::fillHeads()
{
    const QSignalBlocker block(m_head);
    const int previous = m_head->currentData().isValid() ? m_head->currentData().toInt() : -1;
    m_head->clear();
    m_head->addItem(tr("Mean over heads"), -1);
    const auto kindLayer = m_layer->currentData().toString().split(QLatin1Char('/'));
    const AttentionMap *map = m_current && kindLayer.size() == 2
                                  ? findMap(*m_current, kindLayer[0].toStdString(), kindLayer[1].toInt())
                                  : nullptr;
    for (int h = 0; map && h < map->heads; ++h)
        m_head->addItem(tr("Head %1").arg(h + 1), h);
    m_head->setCurrentIndex(std::max(0, m_head->findData(previous)));
}

void AttentionInspectorView::selectToken(int token)
{
    if (!m_current || token >= int(m_current->tokens.size()))
        return;
    m_token = token;
    if (m_tokens->currentRow() != token) {
        const QSignalBlocker block(m_tokens);
        m_tokens->setCurrentRow(token);
    }
    refresh();
}

void AttentionInspectorView::selectPatch(int patch)
{
    if (!m_current)
        return;
    m_patch = patch;
    m_heatmap->setSelectedPatch(patch);
    refresh();
}

void AttentionInspectorView::refresh()
{
    if (!m_current)
        return;
    const auto kindLayer = m_layer->currentData().toString().split(QLatin1Char('/'));
    if (kindLayer.size() != 2)
        return;
    const std::string kind = kindLayer[0].toStdString();
    const auto mode = AttentionMode(m_mode->currentData().toInt());
    std::vector<float> heat;
    m_tokenWeights.clear();
    try {
        std::shared_ptr<const BiModalRelevance> relevance;
        if (mode == AttentionMode::Relevance) {
            relevance = m_relevance.value(m_current->index);
            if (!relevance) {
                relevance = std::make_shared<const BiModalRelevance>(cheferRelevance(*m_current));
                m_relevance.insert(m_current->index, relevance);
            }
        }
        const Matrix view = viewMatrix(*m_current, kind, kindLayer[1].toInt(), m_head->currentData().toInt(), mode,
                                       relevance.get());
        heat = patchHeat(view, kind, m_token, m_patch);
        m_tokenWeights = seekbench::tokenWeights(view, kind, m_token, m_patch);
        m_status->clear();
    } catch (const std::invalid_argument &e) {
        m_status->setText(QString::fromUtf8(e.what()));
    }
    m_heatmap->setHeat(heat);
    // The reverse view (or a token's attention over the tokens) as bars behind the tokens.
    const float max = m_tokenWeights.empty() ? 0.0f : *std::max_element(m_tokenWeights.begin(), m_tokenWeights.end());
    for (int t = 0; t < m_tokens->count(); ++t) {
        QListWidgetItem *item = m_tokens->item(t);
        const QString word = QString::fromStdString(m_current->tokens[std::size_t(t)]);
        if (std::size_t(t) < m_tokenWeights.size()) {
            const float w = m_tokenWeights[std::size_t(t)];
            item->setText(QStringLiteral("%1   %2").arg(word).arg(w, 0, 'f', 3));
            const QRgb c = widgets::colourAt(m_heatmap->colourMap(), max > 0 ? w / max : 0);
            item->setBackground(QColor(qRed(c), qGreen(c), qBlue(c), 150));
        } else {
            item->setText(word);
            item->setBackground(QBrush());
        }
    }
    Q_EMIT heatUpdated();
}

void AttentionInspectorView::setTestSet(std::shared_ptr<const TestSetSummary> summary)
{
    m_testSet = std::move(summary);
    m_gallery->clear();
    QStringList classes;
    for (const auto &c : m_testSet->classes)
        classes << QString::fromStdString(c);
    std::vector<std::vector<double>> gate(std::size_t(classes.size()));
    for (const auto &s : m_testSet->samples)
        gate[std::size_t(s.label)].push_back(s.gateText);
    m_gateChart->setDistribution(classes, gate);
    for (const auto &g : m_testSet->gallery) {
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(sampleImage(g.pixels, 28, 28).scaled(42, 42))),
                                         QString::number(g.index), m_gallery);
        item->setData(Qt::UserRole, qint64(g.index));
    }
    std::size_t wrong = 0;
    for (const auto &s : m_testSet->samples)
        wrong += s.misclassified() ? 1 : 0;
    Q_EMIT message(tr("%1 of %2 test samples misclassified").arg(wrong).arg(m_testSet->samples.size()));
}

void AttentionInspectorView::nextMatching(bool misclassified)
{
    if (!m_testSet) {
        m_status->setText(tr("The test-set pass has not finished yet."));
        return;
    }
    const qint64 from = m_current ? m_current->index : -1;
    const auto &samples = m_testSet->samples;
    const int cls = m_class->currentData().toInt();
    for (std::size_t k = 1; k <= samples.size(); ++k) {
        const auto &s = samples[(std::size_t(from + 1) + k - 1) % samples.size()];
        if (misclassified ? s.misclassified() : s.label == cls) {
            inspectSample(s.index);
            return;
        }
    }
    m_status->setText(misclassified ? tr("No misclassified sample in the test set.") : tr("No sample of this class."));
}

QImage AttentionInspectorView::viewImage() const
{
    const QSize size = viewExportSize();
    QImage out(size, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.drawImage(0, 0, m_heatmap->render(QSize(size.width(), size.height() - 60)));
    if (m_current) {
        QString caption;
        for (std::size_t t = 0; t < m_current->tokens.size(); ++t) {
            const QString word = QString::fromStdString(m_current->tokens[t]);
            caption += int(t) == m_token ? QStringLiteral("[%1] ").arg(word) : word + QLatin1Char(' ');
        }
        p.setPen(Qt::black);
        p.drawText(QRect(8, size.height() - 58, size.width() - 16, 56), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("Sample %1, %2 — %3\n%4")
                       .arg(m_current->index)
                       .arg(className(m_current->label), m_layer->currentText(), caption));
    }
    return out;
}

QImage AttentionInspectorView::headsGridImage() const
{
    const auto kindLayer = m_layer->currentData().toString().split(QLatin1Char('/'));
    const AttentionMap *map = m_current && kindLayer.size() == 2
                                  ? findMap(*m_current, kindLayer[0].toStdString(), kindLayer[1].toInt())
                                  : nullptr;
    if (!map)
        return {};
    const std::string kind = map->kind;
    QImage out((map->heads + 1) * kPanel, kPanel + kPanelLabel, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    const QImage image = sampleImage(m_current->pixels, m_current->rows, m_current->cols);
    for (int h = 0; h <= map->heads; ++h) {
        const int head = h < map->heads ? h : -1;
        const Matrix view = headMatrix(*map, head);
        QImage panel;
        if (kind == "text_self") { // token by token: the matrix itself
            panel = AttentionHeatmap::compose({}, view.rows, view.cols, view.values, m_heatmap->colourMap(), 1.0, 1);
        } else {
            panel = AttentionHeatmap::compose(image, m_current->gridRows, m_current->gridCols,
                                              patchHeat(view, kind, m_token, m_patch), m_heatmap->colourMap(),
                                              m_heatmap->opacity(), 1);
        }
        p.drawImage(QRect(h * kPanel, kPanelLabel, kPanel, kPanel), panel);
        p.setPen(Qt::black);
        p.drawText(QRect(h * kPanel, 0, kPanel, kPanelLabel), Qt::AlignCenter,
                   head < 0 ? tr("Mean over heads") : tr("Head %1").arg(h + 1));
    }
    return out;
}

void AttentionInspectorView::exportView()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"), QString(), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !viewImage().save(path, "PNG"))
        m_status->setText(tr("Cannot write %1").arg(path));
}

void AttentionInspectorView::exportHeads()
{
    const QImage grid = headsGridImage();
    if (grid.isNull())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export all heads"), QString(), tr("PNG images (*.png)"));
    if (!path.isEmpty() && !grid.save(path, "PNG"))
        m_status->setText(tr("Cannot write %1").arg(path));
}

} // namespace seekbench::ui
