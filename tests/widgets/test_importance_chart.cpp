// ImportanceChart (issue 22): sorted by mean, bars proportional, a click names the parameter.

#include "seekbench/widgets/importance_chart.h"

#include <QSignalSpy>
#include <QtTest>

using namespace seekbench::widgets;

class TestImportanceChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sortedByMeanDescending()
    {
        ImportanceChart c;
        c.setImportances({{QStringLiteral("dropout"), 0.2, 0.05},
                          {QStringLiteral("lr"), 0.6, 0.1},
                          {QStringLiteral("layers"), 0.2, 0.01},
                          {QStringLiteral("optimizer"), 0.0, 0.0}});
        QStringList names;
        for (const auto &item : c.importances())
            names << item.name;
        QCOMPARE(names, (QStringList{QStringLiteral("lr"), QStringLiteral("dropout"), QStringLiteral("layers"),
                                     QStringLiteral("optimizer")})); // ties by name
        c.resize(500, 200);
        QVERIFY(c.barRect(0).width() > c.barRect(1).width());
        QCOMPARE(c.barRect(1).width(), c.barRect(2).width());
        QCOMPARE(c.barRect(3).width(), 0.0);
        QVERIFY(c.barRect(0).top() < c.barRect(1).top()); // the most important on top
        QVERIFY(c.barRect(4).isNull());
    }

    void clickNamesTheParameter()
    {
        ImportanceChart c;
        c.resize(500, 200);
        c.setImportances({{QStringLiteral("a"), 0.3, 0}, {QStringLiteral("b"), 0.7, 0}});
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        QSignalSpy spy(&c, &ImportanceChart::parameterClicked);
        QTest::mouseClick(&c, Qt::LeftButton, {}, c.barRect(1).center().toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toString(), QStringLiteral("a"));
        c.setImportances({});
        c.repaint(); // the placeholder
        QCOMPARE(c.rowAt(QPointF(10, 10)), -1);
    }
};

QTEST_MAIN(TestImportanceChart)
#include "test_importance_chart.moc"
