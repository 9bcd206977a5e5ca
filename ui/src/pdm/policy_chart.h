#pragma once

// The maintenance policies side by side (issue 26): two panels of stacked bars, downtime
// hours (unplanned, planned) and cost (downtime, parts, crew), one bar per policy with its
// total written above it. Drawn with the palette, so it reads in light and dark themes.

#include "seekbench/pdm/policy.h"

#include <QList>
#include <QString>
#include <QWidget>

namespace seekbench::ui {

// One policy's bar: what the chart stacks.
struct PolicyBar
{
    QString name; // "Reactive", "Fixed schedule (every 30 days)", ...
    double unplannedHours = 0, plannedHours = 0;
    double downtimeCost = 0, partsCost = 0, crewCost = 0;
};

class PolicyChart : public QWidget
{
    Q_OBJECT
public:
    explicit PolicyChart(QWidget *parent = nullptr);

    // The bars to draw; none shows the placeholder.
    void setPolicies(const QList<PolicyBar> &bars);
    QList<PolicyBar> policies() const { return m_bars; }
    void setPlaceholder(const QString &text);
    // Out-of-date results are drawn faded, with a note, until the next good replay.
    void setOutOfDate(bool outOfDate);
    bool isOutOfDate() const { return m_outOfDate; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // "12 k", "1.3 M": a compact amount for the bars' labels and axis.
    static QString compact(double value);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Segment
    {
        QString label;
        QColor color;
    };
    // One panel: a title, a legend, bars of `values` (per bar, per segment) in `area`.
    void paintPanel(QPainter &painter, const QRectF &area, const QString &title, const QList<Segment> &segments,
                    const QList<QList<double>> &values, bool hours) const;

    QList<PolicyBar> m_bars;
    QString m_placeholder;
    bool m_outOfDate = false;
};

} // namespace seekbench::ui
