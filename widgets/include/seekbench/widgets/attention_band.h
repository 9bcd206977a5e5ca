#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

namespace seekbench::widgets {

// One step of a window: the x span it covers and the attention it got.
struct AttentionStep
{
    double from = 0, to = 0;
    double weight = 0;
    QString tip; // the tooltip: the step's span and weight, as the caller words them
};

// A model's temporal attention as a heat band over the steps of one window, drawn on the
// same x scale as the charts above it (setXRange, setPlotArea), so each cell lies under
// the readings it weighted. The strongest step is the most intense; a tooltip tells each
// step's span and weight.
class AttentionBand : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionBand(QWidget *parent = nullptr);

    void setSteps(const QVector<AttentionStep> &steps);
    const QVector<AttentionStep> &steps() const { return m_steps; }
    void setXRange(double lower, double upper);
    // The plotting area's left and right edges, in this widget's x coordinates.
    void setPlotArea(int left, int right);
    void setCaption(const QString &caption);  // in the margin left of the area
    void setPlaceholder(const QString &text); // shown with no steps
    int stepAt(const QPointF &pos) const;     // -1 outside every step
    QRectF stepRect(int i) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    double xToPixel(double x) const;

    QVector<AttentionStep> m_steps;
    double m_lower = 0, m_upper = 1;
    int m_left = 0, m_right = -1;
    QString m_caption, m_placeholder;
};

} // namespace seekbench::widgets
