#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace seekbench::widgets {

// One parameter's importance: the mean over the forest's trees and their spread.
struct ParameterImportance
{
    QString name;
    double mean = 0;
    double stddev = 0;
};

// Parameter importances as horizontal bars, the most important on top, each with an error
// bar (one standard deviation over the trees) and its value. Clicking a bar emits
// parameterClicked (the sweep view shows that parameter's scatter).
class ImportanceChart : public QWidget
{
    Q_OBJECT
public:
    explicit ImportanceChart(QWidget *parent = nullptr);

    void setImportances(const QList<ParameterImportance> &importances); // any order
    // Sorted: descending mean, ties by name.
    const QList<ParameterImportance> &importances() const { return m_items; }
    void setPlaceholder(const QString &text); // shown while there is nothing to draw

    // The bar of row `row` (0: the top, the most important) in widget coordinates.
    QRectF barRect(int row) const;
    int rowAt(const QPointF &pos) const; // -1 outside the rows

Q_SIGNALS:
    void parameterClicked(const QString &name);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    double rowHeight() const;
    double labelWidth() const;
    double valueWidth() const;
    static QString valueText(const ParameterImportance &item);
    double valueToX(double value) const;
    double scaleMax() const;

    QList<ParameterImportance> m_items;
    QString m_placeholder;
};

} // namespace seekbench::widgets
