// The heatmap widget and the gate chart: the overlay follows the heat, the opacity and the
// colour map; patches map to the right cells; renders have the requested size; the gate
// chart's boxes are the quartiles of each class.

#include "seekbench/widgets/attention_heatmap.h"
#include "seekbench/widgets/gate_chart.h"

#include <QtTest>

using namespace seekbench::widgets;

class TestAttentionHeatmap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlayFollowsHeatOpacityAndMap()
    {
        AttentionHeatmap w;
        QImage img(28, 28, QImage::Format_Grayscale8);
        img.fill(0);
        w.setImage(img);
        w.setGrid(2, 2);
        w.setOpacity(1.0);
        w.setColourMap(ColourMap::Greys);
        w.setHeat({0.0f, 0.5f, 0.25f, 1.0f});
        const QImage c = w.composite();
        QCOMPARE(c.size(), QSize(28 * 8, 28 * 8));
        QCOMPARE(qRed(c.pixel(10, 10)), 0);                          // patch 0: no heat
        QCOMPARE(qRed(c.pixel(c.width() - 5, 10)), 128);             // patch 1: half the maximum
        QCOMPARE(qRed(c.pixel(c.width() - 5, c.height() - 5)), 255); // patch 3: the maximum
        w.setColourMap(ColourMap::Inferno);
        QCOMPARE(w.composite().pixel(c.width() - 5, c.height() - 5), colourAt(ColourMap::Inferno, 1.0));
        w.setOpacity(0.0);
        QCOMPARE(qRed(w.composite().pixel(c.width() - 5, c.height() - 5)), 0); // the image alone
        w.setHeat({1.0f}); // wrong size: no overlay rather than garbage
        QVERIFY(w.heat().empty());
    }

    void patchesAndRenders()
    {
        AttentionHeatmap w;
        w.resize(400, 300);
        QImage img(28, 28, QImage::Format_Grayscale8);
        img.fill(90);
        w.setImage(img);
        w.setGrid(7, 7);
        QCOMPARE(w.patchAt({1, 1}), 0);
        QCOMPARE(w.patchAt({299, 299}), 48);
        QCOMPARE(w.patchAt({399, 150}), -1); // the colour bar
        QCOMPARE(w.render(QSize(640, 480)).size(), QSize(640, 480));
        QSignalSpy clicked(&w, &AttentionHeatmap::patchClicked);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::mouseClick(&w, Qt::LeftButton, {}, QPoint(300 / 7 * 2 + 5, 300 / 7 + 5));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 1 * 7 + 2);
        QCOMPARE(w.selectedPatch(), 9);
    }

    void gateChartBoxesAreQuartiles()
    {
        GateChart chart;
        chart.setDistribution({QStringLiteral("a"), QStringLiteral("b")}, {{0.1, 0.2, 0.3, 0.4, 0.5}, {}});
        const auto box = chart.boxOf(0);
        QCOMPARE(box.size(), std::size_t(5));
        QCOMPARE(box[0], 0.1);
        QCOMPARE(box[1], 0.2);
        QCOMPARE(box[2], 0.3);
        QCOMPARE(box[3], 0.4);
        QCOMPARE(box[4], 0.5);
        QVERIFY(chart.boxOf(1).empty());
    }

    // Issue 21: ten classes, ten boxes and ten labels (the last, "Ankle boot", was lost),
    // and the y title fits the chart's height.
    void gateChartLabelsEveryClass()
    {
        const QStringList classes = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"),
                                     QStringLiteral("Pullover"),    QStringLiteral("Dress"),
                                     QStringLiteral("Coat"),        QStringLiteral("Sandal"),
                                     QStringLiteral("Shirt"),       QStringLiteral("Sneaker"),
                                     QStringLiteral("Bag"),         QStringLiteral("Ankle boot")};
        std::vector<std::vector<double>> weights(10, {0.2, 0.4, 0.5, 0.6, 0.8});
        GateChart chart;
        chart.resize(520, 260);
        chart.setDistribution(classes, weights);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QImage shot = chart.grab().toImage();
        if (const QString out = qEnvironmentVariable("SEEKBENCH_WIDGET_SHOTS"); !out.isEmpty())
            shot.save(out + QStringLiteral("/gate-chart.png"));
        QCOMPARE(chart.tickLabels(), classes);
        QVERIFY2(chart.labelsFit(), "a class label or the y title is clipped");
    }
};

QTEST_MAIN(TestAttentionHeatmap)
#include "test_attention_heatmap.moc"
