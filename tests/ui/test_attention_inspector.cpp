// The attention inspector under the offscreen platform: selecting a token updates the
// heatmap, switching heads and methods works, the reverse (patch to tokens) view works, a
// cancelled or superseded computation never lands in the view, a helper that dies or
// refuses the run is a clear error, and the exports have the expected sizes.

#include "inspection_fixture.h"

#include "inspector/attention_inspector_view.h"
#include "inspector/inspection_client.h"
#include "seekbench/inspection/attention_relevance.h"
#include "seekbench/widgets/attention_heatmap.h"
#include "shell/main_window.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace seekbench;
using seekbench::testing::syntheticInspection;

namespace {

std::vector<float> row(const Matrix &m, int r)
{
    return {m.values.begin() + std::ptrdiff_t(r) * m.cols, m.values.begin() + std::ptrdiff_t(r + 1) * m.cols};
}

bool same(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-6f)
            return false;
    return true;
}

QPoint patchCentre(const widgets::AttentionHeatmap *w, int patch)
{
    long sx = 0, sy = 0, n = 0;
    for (int y = 0; y < w->height(); ++y)
        for (int x = 0; x < w->width(); ++x)
            if (w->patchAt({x, y}) == patch) {
                sx += x;
                sy += y;
                ++n;
            }
    return n ? QPoint(int(sx / n), int(sy / n)) : QPoint(-1, -1);
}

} // namespace

class TestAttentionInspector : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static void selectLayer(ui::AttentionInspectorView &v, const QString &kind)
    {
        auto *layer = v.findChild<QComboBox *>(QStringLiteral("layerCombo"));
        layer->setCurrentIndex(layer->findData(kind + QStringLiteral("/0")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SeekbenchTest"));
    }

    void selectingATokenUpdatesTheHeatmap()
    {
        ui::AttentionInspectorView v;
        v.resize(1200, 700);
        v.show();
        const auto a = syntheticInspection();
        v.showInspection(a);
        // The default view: the last text-to-image layer, mean over heads, class token.
        QCOMPARE(v.selectedToken(), 2);
        const Matrix mean = headMatrix(a->maps[2], -1);
        QVERIFY(same(v.heatmap()->heat(), row(mean, 2)));
        QSignalSpy updated(&v, &ui::AttentionInspectorView::heatUpdated);
        auto *tokens = v.findChild<QListWidget *>(QStringLiteral("tokenList"));
        tokens->setCurrentRow(0);
        QCOMPARE(updated.count(), 1);
        QVERIFY(same(v.heatmap()->heat(), row(mean, 0)));
        QVERIFY(!same(row(mean, 0), row(mean, 2)));
        // The composite shows it: the hottest patch is drawn in the top colour of the map.
        const auto &heat = v.heatmap()->heat();
        const int hottest = int(std::max_element(heat.begin(), heat.end()) - heat.begin());
        const QImage c = v.heatmap()->composite();
        const QPoint p((hottest % 2) * c.width() / 2 + 4, (hottest / 2) * c.height() / 2 + 4);
        const QRgb top = widgets::colourAt(v.heatmap()->colourMap(), 1.0);
        QVERIFY(qAbs(qRed(c.pixel(p)) - int(0.6 * qRed(top))) <= 2); // black pixel, opacity 0.6
    }

    void switchingHeadsAndMethods()
    {
        ui::AttentionInspectorView v;
        const auto a = syntheticInspection();
        v.showInspection(a);
        auto *head = v.findChild<QComboBox *>(QStringLiteral("headCombo"));
        QCOMPARE(head->count(), 3); // mean, head 1, head 2
        head->setCurrentIndex(1);
        QVERIFY(same(v.heatmap()->heat(), row(headMatrix(a->maps[2], 0), 2)));
        head->setCurrentIndex(2);
        QVERIFY(same(v.heatmap()->heat(), row(headMatrix(a->maps[2], 1), 2)));
        auto *mode = v.findChild<QComboBox *>(QStringLiteral("modeCombo"));
        mode->setCurrentIndex(mode->findData(int(AttentionMode::Relevance)));
        QVERIFY(!head->isEnabled());
        QVERIFY(same(v.heatmap()->heat(), row(cheferRelevance(*a).textImage, 2)));
        mode->setCurrentIndex(mode->findData(int(AttentionMode::Rollout)));
        QVERIFY(same(v.heatmap()->heat(), row(viewMatrix(*a, "text_to_image", 0, -1, AttentionMode::Rollout), 2)));
        // Image self-attention: with no patch chosen, what each patch receives.
        mode->setCurrentIndex(0);
        selectLayer(v, QStringLiteral("image_self"));
        QVERIFY(same(v.heatmap()->heat(), patchHeat(headMatrix(a->maps[0], 1), "image_self", -1, -1)));
    }

    void clickingAPatchShowsTheTokensThatAttendToIt()
    {
        ui::AttentionInspectorView v;
        v.resize(1200, 700);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const auto a = syntheticInspection();
        v.showInspection(a);
        const QPoint at = patchCentre(v.heatmap(), 3);
        QVERIFY(at.x() >= 0);
        QTest::mouseClick(v.heatmap(), Qt::LeftButton, {}, at);
        QCOMPARE(v.selectedPatch(), 3);
        const Matrix mean = headMatrix(a->maps[2], -1);
        std::vector<float> column;
        for (int t = 0; t < mean.rows; ++t)
            column.push_back(mean.at(t, 3));
        QVERIFY(same(v.tokenWeights(), column));
        auto *tokens = v.findChild<QListWidget *>(QStringLiteral("tokenList"));
        QVERIFY(tokens->item(0)->text().contains(QString::number(column[0], 'f', 3)));
        // The image-to-text direction: the patch's own row over the tokens.
        selectLayer(v, QStringLiteral("image_to_text"));
        QVERIFY(same(v.tokenWeights(), row(headMatrix(a->maps[3], -1), 3)));
    }

    void aCancelledComputationNeverLands()
    {
        const QString helper = seekbench::testing::writeFakeHelper(m_dir.path(), QStringLiteral("0.3"));
        ui::AttentionInspectorView v;
        v.client()->setCommand(QStringLiteral("/bin/sh"), {helper});
        QSignalSpy failed(v.client(), &ui::InspectionClient::helperFailed);
        v.inspectSample(1);
        v.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QCOMPARE(v.client()->pendingSample(), -1);
        // Superseded, not cancelled: 2 then 3; only 3 may land.
        v.inspectSample(2);
        v.inspectSample(3);
        QTRY_VERIFY_WITH_TIMEOUT(v.current() != nullptr, 10000);
        QCOMPARE(v.current()->index, 3);
        QTRY_COMPARE_WITH_TIMEOUT(v.client()->droppedReplies(), 2, 10000); // 1 and 2 came back and were dropped
        QCOMPARE(v.current()->index, 3);
        QVERIFY(failed.isEmpty());
        // Cached now: switching back to 3 from elsewhere needs no helper.
        v.inspectSample(3);
        QCOMPARE(v.client()->pendingSample(), -1);
    }

    // Issue 21: the helper (`inspect serve`, ~190 MB) ends when the inspector is closed or
    // shows another project, not when the GUI exits; reopened, the next request starts it.
    void helperEndsWithItsView()
    {
        const QString helper = seekbench::testing::writeFakeHelper(m_dir.path(), QStringLiteral("0"));
        ui::AttentionInspectorView v;
        v.client()->setCommand(QStringLiteral("/bin/sh"), {helper});
        v.show();
        v.inspectSample(1);
        QTRY_VERIFY_WITH_TIMEOUT(v.current() != nullptr, 10000);
        QVERIFY(v.client()->isStarted());
        v.close();
        QVERIFY(!v.client()->isStarted());
        v.show();
        v.inspectSample(2);
        QVERIFY(v.client()->isStarted());
        QTRY_VERIFY_WITH_TIMEOUT(v.current() != nullptr && v.current()->index == 2, 10000);
        v.setProjectDir(m_dir.filePath(QStringLiteral("another-project")));
        QVERIFY(!v.client()->isStarted());
    }

    void helperFailures_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("message");
        QTest::newRow("dies at start") << QStringLiteral(
            "echo 'seekbench-cli inspect: no checkpoint in /p/runs/x/checkpoints' >&2; exit 2")
                                       << QStringLiteral("no checkpoint in /p/runs/x/checkpoints");
        QTest::newRow("refuses the run") << QStringLiteral(
            "echo '{\"ready\":false,\"error\":\"no run folder /nowhere\"}'; exit 2")
                                         << QStringLiteral("no run folder /nowhere");
        QTest::newRow("dies mid-request")
            << QStringLiteral("echo '{\"ready\":true,\"step\":1,\"test_samples\":5}'; read l; "
                              "echo 'killed by signal' >&2; exit 3")
            << QStringLiteral("killed by signal");
        QTest::newRow("bad reply") << QStringLiteral("echo 'this is not json'; sleep 5") << QStringLiteral("bad reply");
        QTest::newRow("missing program") << QString() << QStringLiteral("could not start");
    }

    void helperFailures()
    {
        QFETCH(QString, script);
        QFETCH(QString, message);
        ui::AttentionInspectorView v;
        if (script.isEmpty())
            v.client()->setCommand(m_dir.filePath(QStringLiteral("no-such-helper")), {});
        else
            v.client()->setCommand(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
        QSignalSpy failed(v.client(), &ui::InspectionClient::helperFailed);
        v.inspectSample(0);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        bool named = false;
        for (const auto &args : failed)
            named = named || args.at(0).toString().contains(message);
        QVERIFY2(named, qPrintable(failed.first().at(0).toString()));
        QTRY_VERIFY(v.findChild<QLabel *>(QStringLiteral("inspectorStatus"))->text().contains(message));
        QVERIFY(v.current() == nullptr);
    }

    void exportsHaveTheExpectedSize()
    {
        ui::AttentionInspectorView v;
        v.showInspection(syntheticInspection(0, 7, 4));
        const QImage view = v.viewImage();
        QCOMPARE(view.size(), ui::AttentionInspectorView::viewExportSize());
        const QImage grid = v.headsGridImage();
        QCOMPARE(grid.size(), QSize(5 * ui::AttentionInspectorView::kPanel,
                                    ui::AttentionInspectorView::kPanel + ui::AttentionInspectorView::kPanelLabel));
        const QString path = m_dir.filePath(QStringLiteral("grid.png"));
        QVERIFY(grid.save(path, "PNG"));
        QCOMPARE(QImage(path).size(), grid.size());
        // Text self-attention heads are drawn as token-by-token matrices, same grid size.
        selectLayer(v, QStringLiteral("text_self"));
        QCOMPARE(v.headsGridImage().size(), grid.size());
    }

    // End to end through the real seekbench-cli: a project whose only run has a damaged
    // checkpoint; the main window's action opens the inspector, which lists the run,
    // starts the helper, and shows the helper's error naming the file.
    void aDamagedCheckpointIsAClearError()
    {
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        const QString project = m_dir.filePath(QStringLiteral("proj"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/runs/r1/checkpoints")));
        QFile bad(project + QStringLiteral("/runs/r1/checkpoints/step-00000010.sbckpt"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a checkpoint");
        bad.close();
        ui::MainWindow w;
        auto *action = w.findChild<QAction *>(QStringLiteral("attentionInspectorAction"));
        QVERIFY(action);
        action->trigger(); // no project open yet
        auto *view = w.findChild<ui::AttentionInspectorView *>();
        QVERIFY(view && view->isVisible());
        auto *status = view->findChild<QLabel *>(QStringLiteral("inspectorStatus"));
        QVERIFY(status->text().contains(QStringLiteral("Open a project")));
        view->setProjectDir(project);
        QCOMPARE(view->findChild<QComboBox *>(QStringLiteral("runCombo"))->count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("step-00000010.sbckpt")), 60000);
        QVERIFY(view->current() == nullptr);
        view->client()->stop();
    }

    void testSetDrivesThePickers()
    {
        ui::AttentionInspectorView v;
        auto summary = std::make_shared<TestSetSummary>();
        for (int c = 0; c < 10; ++c)
            summary->classes.push_back("c" + std::to_string(c));
        for (int i = 0; i < 4; ++i)
            summary->samples.push_back({i, i % 2, i == 2 ? 1 : i % 2, 0.2 + 0.1 * i, 0.8 - 0.1 * i});
        summary->gallery.push_back({1, std::vector<std::uint8_t>(784, 100)});
        v.setTestSet(summary);
        QCOMPARE(v.findChild<QListWidget *>(QStringLiteral("gallery"))->count(), 1);
        for (int i = 0; i < 4; ++i)
            v.showInspection(syntheticInspection(i));
        v.inspectSample(0);
        v.findChild<QPushButton *>(QStringLiteral("nextMisclassifiedButton"))->click();
        QCOMPARE(v.current()->index, 2); // cached: at once
        auto *cls = v.findChild<QComboBox *>(QStringLiteral("classCombo"));
        cls->setCurrentIndex(1);
        v.findChild<QPushButton *>(QStringLiteral("nextOfClassButton"))->click();
        QCOMPARE(v.current()->index, 3);
        v.findChild<QPushButton *>(QStringLiteral("nextOfClassButton"))->click();
        QCOMPARE(v.current()->index, 1);
    }

    // The helper's pass comes in chunks: each joins the ones before when it starts where
    // they end; a chunk that does not (a repeat, a helper ignoring the offset) is ignored.
    void testSetChunksAreJoinedInOrder()
    {
        ui::AttentionInspectorView v;
        auto chunk = [](int from, int n) {
            auto s = std::make_shared<TestSetSummary>();
            for (int c = 0; c < 10; ++c)
                s->classes.push_back("c" + std::to_string(c));
            for (int i = from; i < from + n; ++i)
                s->samples.push_back({i, i % 3, i == 6 ? 1 : i % 3, 0.5, 0.5});
            if (from == 0)
                s->gallery.push_back({0, std::vector<std::uint8_t>(784, 100)});
            return s;
        };
        v.addTestSetChunk(chunk(0, 4));
        QCOMPARE(v.testSet()->samples.size(), std::size_t(4));
        v.addTestSetChunk(chunk(4, 4));
        QCOMPARE(v.testSet()->samples.size(), std::size_t(8));
        QCOMPARE(v.testSet()->samples.back().index, std::int64_t(7));
        QCOMPARE(v.findChild<QListWidget *>(QStringLiteral("gallery"))->count(), 1); // kept from the first
        v.addTestSetChunk(chunk(2, 4));
        QCOMPARE(v.testSet()->samples.size(), std::size_t(8));
        for (int i = 0; i < 8; ++i)
            v.showInspection(syntheticInspection(i));
        v.inspectSample(0);
        v.findChild<QPushButton *>(QStringLiteral("nextMisclassifiedButton"))->click();
        QCOMPARE(v.current()->index, 6); // found in the second chunk
    }
};

QTEST_MAIN(TestAttentionInspector)
#include "test_attention_inspector.moc"
