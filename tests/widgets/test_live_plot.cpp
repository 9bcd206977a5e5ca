// LivePlot against an in-memory provider: batched replots, smoothing, log-y, zoom
// re-queries, exports.
#include "seekbench/widgets/live_plot.h"
#include "seekbench/widgets/plot_data_provider.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench::widgets;

namespace {
class MemoryProvider : public PlotDataProvider
{
public:
    QVector<PlotSeries> data;
    QList<QPair<double, double>> ranges;
    void requestRange(double from, double to, int) override
    {
        ranges.append({from, to});
        Q_EMIT seriesReplaced(data);
    }
    void requestAll(int) override { Q_EMIT seriesReplaced(data); }
};

PlotSeries ramp(const QString &id, int n)
{
    PlotSeries s;
    s.id = id;
    s.label = id;
    for (int i = 0; i < n; ++i)
        s.append(i, 1000.0 + i, 1.0 / (i + 1), 1.0 / (i + 1), 1.0 / (i + 1));
    return s;
}
} // namespace

class TestLivePlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesAppendsIntoFewReplots()
    {
        LivePlot plot;
        plot.resize(600, 400);
        plot.show();
        MemoryProvider provider;
        provider.data = {ramp(QStringLiteral("a"), 10)};
        QSignalSpy replots(&plot, &LivePlot::replotted);
        plot.setProvider(&provider); // a whole set: drawn at once
        QCOMPARE(replots.count(), 1);
        replots.clear();
        for (int i = 10; i < 1010; ++i) {
            PlotSeries tail;
            tail.id = QStringLiteral("a");
            tail.append(i, 1000.0 + i, 1, 1, 1);
            Q_EMIT provider.seriesAppended({tail});
        }
        QTRY_COMPARE(plot.pointCount(), 1010);
        QTRY_VERIFY(replots.count() >= 1);
        QVERIFY2(replots.count() <= 2, "1000 points must not cause 1000 replots");
    }

    void smoothingLogYAndAxes()
    {
        LivePlot plot;
        MemoryProvider provider;
        provider.data = {ramp(QStringLiteral("a"), 100), ramp(QStringLiteral("b"), 50)};
        plot.setProvider(&provider);
        QTRY_COMPARE(plot.pointCount(), 150);
        plot.setSmoothing(0.9);
        QCOMPARE(plot.smoothing(), 0.9);
        plot.setLogY(true);
        QVERIFY(plot.logY());
        plot.setXAxis(LivePlot::XAxis::Relative);
        QCOMPARE(plot.xAxis(), LivePlot::XAxis::Relative);
        QSignalSpy replots(&plot, &LivePlot::replotted);
        QTRY_VERIFY(replots.count() >= 1);
    }

    void zoomRequeriesTheProvider()
    {
        LivePlot plot;
        plot.resize(600, 400);
        MemoryProvider provider;
        provider.data = {ramp(QStringLiteral("a"), 1000)};
        plot.setProvider(&provider);
        QTRY_COMPARE(plot.pointCount(), 1000);
        QVERIFY(plot.isFollowing());
        plot.zoomToSteps(100, 200);
        QVERIFY(!plot.isFollowing());
        QTRY_VERIFY(!provider.ranges.isEmpty());
        QCOMPARE(provider.ranges.last().first, 100.0);
        QCOMPARE(provider.ranges.last().second, 200.0);
        plot.resetView();
        QVERIFY(plot.isFollowing());
    }

    // Issue 21: the wheel zooms the steps and leaves the values; Ctrl+wheel zooms the
    // values and leaves the steps (the wheel once zoomed both and lost the curve). A short
    // curve's step ticks are whole steps.
    void wheelZoomsStepsCtrlWheelValues()
    {
        LivePlot plot;
        plot.resize(600, 400);
        MemoryProvider provider;
        provider.data = {ramp(QStringLiteral("a"), 1000)};
        plot.setProvider(&provider);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QTRY_COMPARE(plot.pointCount(), 1000);
        auto *canvas = plot.findChild<QWidget *>(QStringLiteral("livePlotCanvas"));
        const QPointF centre(canvas->width() / 2.0, canvas->height() / 2.0);
        auto wheel = [&](Qt::KeyboardModifiers modifiers) {
            QWheelEvent e(centre, canvas->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, modifiers,
                          Qt::NoScrollPhase, false);
            QApplication::sendEvent(canvas, &e);
        };
        auto x0 = plot.xRange(), y0 = plot.yRange();
        wheel(Qt::NoModifier);
        QVERIFY(plot.xRange().second - plot.xRange().first < x0.second - x0.first);
        QCOMPARE(plot.yRange(), y0);
        x0 = plot.xRange();
        wheel(Qt::ControlModifier);
        QVERIFY(plot.yRange().second - plot.yRange().first < y0.second - y0.first);
        QCOMPARE(plot.xRange(), x0);
    }

    // Issue 21: the chart follows the theme; under a dark palette its canvas is dark (it
    // once stayed white in the dark theme), and it turns light again with the palette.
    void followsTheThemesPalette()
    {
        LivePlot plot;
        plot.resize(400, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        auto *canvas = plot.findChild<QWidget *>(QStringLiteral("livePlotCanvas"));
        QVERIFY(canvas);
        auto corner = [&] { return canvas->grab().toImage().pixelColor(2, 2); };
        QPalette dark = plot.palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        plot.setPalette(dark);
        QTRY_COMPARE(corner(), QColor(30, 30, 32));
        QPalette light = plot.palette();
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        plot.setPalette(light);
        QTRY_COMPARE(corner(), QColor(Qt::white));
    }

    void exports()
    {
        QTemporaryDir dir;
        LivePlot plot;
        MemoryProvider provider;
        provider.data = {ramp(QStringLiteral("loss"), 20)};
        plot.setProvider(&provider);
        QTRY_COMPARE(plot.pointCount(), 20);
        QVERIFY(plot.exportPng(dir.filePath(QStringLiteral("a.png")), 400, 300));
        QVERIFY(QFile(dir.filePath(QStringLiteral("a.png"))).size() > 1000);
        QVERIFY(plot.exportSvg(dir.filePath(QStringLiteral("a.svg")), 400, 300));
        QFile svg(dir.filePath(QStringLiteral("a.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QVERIFY(plot.exportCsv(dir.filePath(QStringLiteral("a.csv"))));
        QFile csv(dir.filePath(QStringLiteral("a.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 21);
        QCOMPARE(lines[0], QByteArray("series,step,wall_time,min,max,mean"));
        QVERIFY(lines[1].startsWith("\"loss\",0,1000.000,1,1,1"));
    }
};

QTEST_MAIN(TestLivePlot)
#include "test_live_plot.moc"
