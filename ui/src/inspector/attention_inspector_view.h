#pragma once

#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/attention_relevance.h"
#include "seekbench/inspection/test_set_summary.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;

namespace seekbench::widgets {
class AttentionHeatmap;
class GateChart;
} // namespace seekbench::widgets

namespace seekbench::ui {

class InspectionClient;

// The attention inspector: what a cross-modal model looks at, over the image itself. Pick
// a run, a checkpoint and a test sample (by index, by class, the next misclassified one,
// or from the gallery); the image is shown large with the caption's tokens beside it.
// Selecting (or hovering) a token shows its attention over the patches; clicking a patch
// shows which tokens attend to it. Layer, head (or the mean over heads) and the method
// (attention, rollout, Chefer et al. 2021 relevance) switch at once for cached samples;
// new samples come from the helper process (InspectionClient), off the GUI thread, and a
// stale reply is dropped. Exports: the current view, and a grid of every head of a layer.
class AttentionInspectorView : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionInspectorView(QWidget *parent = nullptr);
    ~AttentionInspectorView() override;

    // The host's inspector window (created on first use), showing the project's runs.
    static AttentionInspectorView *openFor(QWidget *host, const QString &projectDir);
    // Lists the project's runs that have checkpoints; the first is selected.
    void setProjectDir(const QString &dir);
    InspectionClient *client() const { return m_client; }

    // Shows a sample (a reply of the helper, or a document in tests) and caches it.
    void showInspection(std::shared_ptr<const AttentionInspection> inspection);
    void setTestSet(std::shared_ptr<const TestSetSummary> summary);
    // A chunk of the helper's test-set pass (the view asks for the whole split in chunks).
    void addTestSetChunk(std::shared_ptr<const TestSetSummary> chunk);
    // Asks for a sample: at once from the cache, else from the helper.
    void inspectSample(qint64 index);

    void selectToken(int token);
    void selectPatch(int patch);
    const AttentionInspection *current() const { return m_current.get(); }
    const TestSetSummary *testSet() const { return m_testSet.get(); }
    int selectedToken() const { return m_token; }
    int selectedPatch() const { return m_patch; }
    std::vector<float> tokenWeights() const { return m_tokenWeights; }
    widgets::AttentionHeatmap *heatmap() const { return m_heatmap; }

    // The view (image, overlay, colour bar, caption line) as one image of kViewExport size.
    QImage viewImage() const;
    // Every head of the current layer and the mean, one panel each, for the current
    // selection: ((heads + 1) * kPanel) x (kPanel + kPanelLabel).
    QImage headsGridImage() const;
    static constexpr int kPanel = 224, kPanelLabel = 24;
    // The test-set pass (pickers, gate chart) goes through the whole split in chunks: the
    // helper answers in order, so a sample asked for meanwhile waits for one chunk at most
    // (about 1 s on two CPU cores), and the chart fills in as the chunks arrive.
    static constexpr int kTestSetChunk = 500;
    static QSize viewExportSize() { return {800, 700}; }

Q_SIGNALS:
    void heatUpdated(); // after the heatmap got new values (tests, benchmark)
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    // Closing the inspector ends its helper process (about 190 MB with the model loaded);
    // the next request after reopening starts it again.
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void retranslate();
    void runChanged();
    void fillLayers();
    void fillHeads();
    void refresh();
    void showTokens();
    void nextMatching(bool misclassified);
    void exportView();
    void exportHeads();
    void setBusy(const QString &text);

    InspectionClient *m_client;
    QString m_projectDir;
    QHash<qint64, std::shared_ptr<const AttentionInspection>> m_cache;
    QHash<qint64, std::shared_ptr<const BiModalRelevance>> m_relevance;
    std::shared_ptr<const AttentionInspection> m_current;
    std::shared_ptr<const TestSetSummary> m_testSet;
    std::vector<float> m_tokenWeights;
    int m_token = -1, m_patch = -1;
    qint64 m_waitingFor = -1;
    qint64 m_testSetTotal = 0, m_testSetNext = 0; // test split size; next chunk's offset

    QLabel *m_runLabel, *m_checkpointLabel, *m_sampleLabel, *m_classLabel, *m_galleryLabel, *m_tokensLabel,
        *m_layerLabel, *m_headLabel, *m_modeLabel, *m_mapLabel, *m_opacityLabel, *m_gateLabel, *m_status;
    QComboBox *m_run, *m_checkpoint, *m_class, *m_layer, *m_head, *m_mode, *m_colourMap;
    QSpinBox *m_sample;
    QPushButton *m_show, *m_nextClass, *m_nextWrong, *m_cancel, *m_exportView, *m_exportHeads;
    QListWidget *m_gallery, *m_tokens;
    QSlider *m_opacity;
    widgets::AttentionHeatmap *m_heatmap;
    widgets::GateChart *m_gateChart;
};

} // namespace seekbench::ui
