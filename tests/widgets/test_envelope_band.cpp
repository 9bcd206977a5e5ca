// The min/max band of a decimated curve (widgets/src/envelope_band.*): what it covers on
// screen, where it breaks, and that vector exports get a polygon rather than pixel spans.
#include "envelope_band.h"

#include <QBuffer>
#include <QSvgGenerator>
#include <QtTest>

#include <cmath>
#include <limits>

using seekbench::widgets::EnvelopeBand;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

bool tinted(const QImage &image, QPointF at)
{
    const QColor c = image.pixelColor(at.toPoint());
    return c.blue() > c.red() + 20; // the band's blue over the white background
}

} // namespace

class TestEnvelopeBand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coversMinToMaxAndBreaksAtGaps_data()
    {
        QTest::addColumn<double>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("covered");
        // Points at keys 0..10: low 2, high 6, except key 7 which is a gap (NaN), and a
        // spike to 9 at key 3. Between points the band is interpolated.
        QTest::newRow("inside the band") << 1.5 << 4.0 << true;
        QTest::newRow("above the band") << 1.5 << 7.5 << false;
        QTest::newRow("below the band") << 1.5 << 1.0 << false;
        QTest::newRow("at the spike") << 3.0 << 8.5 << true;
        QTest::newRow("halfway up to the spike") << 2.5 << 7.0 << true;
        QTest::newRow("beside the spike, above the interpolation") << 2.2 << 8.5 << false;
        QTest::newRow("in the gap") << 7.0 << 4.0 << false;
        QTest::newRow("after the gap") << 9.0 << 4.0 << true;
    }

    void coversMinToMaxAndBreaksAtGaps()
    {
        QFETCH(double, key);
        QFETCH(double, value);
        QFETCH(bool, covered);
        QCustomPlot plot;
        plot.resize(600, 400);
        auto *band = new EnvelopeBand(plot.xAxis, plot.yAxis);
        band->setBrush(QColor(31, 119, 180, 200));
        QVector<double> keys, low, high;
        for (int k = 0; k <= 10; ++k) {
            keys << k;
            low << (k == 7 ? kNan : 2.0);
            high << (k == 7 ? kNan : k == 3 ? 9.0 : 6.0);
        }
        band->setData(keys, low, high);
        plot.xAxis->setRange(-0.5, 10.5);
        plot.yAxis->setRange(0, 10);
        const QImage image = plot.toPixmap(600, 400).toImage();
        const QPointF at(plot.xAxis->coordToPixel(key), plot.yAxis->coordToPixel(value));
        QCOMPARE(tinted(image, at), covered);
    }

    void rangesSkipGapsAndRespectTheSignDomain()
    {
        QCustomPlot plot;
        auto *band = new EnvelopeBand(plot.xAxis, plot.yAxis);
        band->setData({-2, 0, 5, 9}, {-1, kNan, 0.5, 2}, {3, kNan, 4, 8});
        bool found = false;
        const QCPRange keys = band->getKeyRange(found);
        QVERIFY(found);
        QCOMPARE(keys.lower, -2.0);
        QCOMPARE(keys.upper, 9.0);
        const QCPRange values = band->getValueRange(found);
        QCOMPARE(values.lower, -1.0);
        QCOMPARE(values.upper, 8.0);
        const QCPRange positive = band->getValueRange(found, QCP::sdPositive); // log axis
        QCOMPARE(positive.lower, 0.5);
        const QCPRange window = band->getValueRange(found, QCP::sdBoth, QCPRange(4, 6));
        QCOMPARE(window.lower, 0.5);
        QCOMPARE(window.upper, 4.0);
        band->setData({}, {}, {});
        band->getKeyRange(found);
        QVERIFY(!found);
    }

    void vectorExportIsOnePolygonPerStretch()
    {
        QCustomPlot plot;
        auto *band = new EnvelopeBand(plot.xAxis, plot.yAxis);
        band->setBrush(QColor(31, 119, 180, 45));
        plot.xAxis->setRange(0, 2000);
        plot.yAxis->setRange(-1.5, 2.5);
        auto svgOf = [&plot] {
            QBuffer svg;
            svg.open(QIODevice::WriteOnly);
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(QSize(800, 400));
            QCPPainter painter(&generator);
            plot.toPainter(&painter, 800, 400);
            painter.end();
            return svg.data();
        };
        const QByteArray empty = svgOf();
        QVector<double> keys, low, high;
        for (int k = 0; k < 2000; ++k) {
            keys << k;
            low << (k == 1000 ? kNan : std::sin(k * 0.37));
            high << (k == 1000 ? kNan : std::sin(k * 0.37) + 1);
        }
        band->setData(keys, low, high);
        const QByteArray drawn = svgOf();
        // Two stretches (split at the gap), each one path of its high and low edges, and
        // no rectangle per pixel column.
        QCOMPARE(drawn.count("<path") - empty.count("<path"), 2);
        QCOMPARE(drawn.count("<rect"), empty.count("<rect"));
    }
};

QTEST_MAIN(TestEnvelopeBand)
#include "test_envelope_band.moc"
