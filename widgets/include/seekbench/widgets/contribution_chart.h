#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace seekbench::widgets {

// One feature's signed contribution to a model's output (a TreeSHAP value, in log-odds).
struct Contribution
{
    QString name;
    QString tip;      // the tooltip: the feature's value and its contribution, as the caller words them
    double value = 0; // > 0 pushes toward the outcome, < 0 away from it
};

// Signed horizontal bars around a zero line, in the order given (largest |value| first,
// as the explanation keeps them): bars to the right push toward the outcome, bars to the
// left away from it, in two colours that stay apart in light and dark palettes. A legend
// row names the two directions; a summary line (bias, score) goes under the bars.
class ContributionChart : public QWidget
{
    Q_OBJECT
public:
    explicit ContributionChart(QWidget *parent = nullptr);

    void setContributions(const QList<Contribution> &items, const QString &summary);
    const QList<Contribution> &contributions() const { return m_items; }
    const QString &summary() const { return m_summary; }
    void setLegend(const QString &toward, const QString &away);
    void setPlaceholder(const QString &text); // shown with no bars
    QColor towardColor() const;
    QColor awayColor() const;
    QRectF barRect(int row) const;
    int rowAt(const QPointF &pos) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    double rowHeight() const;
    double labelWidth() const;
    double top() const; // below the legend row
    double zeroX() const;
    double scale() const; // pixels per unit

    QList<Contribution> m_items;
    QString m_summary, m_toward, m_away, m_placeholder;
};

} // namespace seekbench::widgets
