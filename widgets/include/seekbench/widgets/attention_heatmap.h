#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

namespace seekbench::widgets {

// The colour maps the inspector offers; colourAt(t) for t in 0..1.
enum class ColourMap { Viridis, Inferno, Hot, Greys };
QRgb colourAt(ColourMap map, double t);
QString colourMapName(ColourMap map);

// A sample image shown large, with a per-patch heat (any non-negative scale, normalised to
// its maximum) overlaid in a colour map at an adjustable opacity, a colour bar beside it,
// and the selected patch outlined. The composite is rendered once into a cached QImage
// when the heat, image or style changes; paintEvent only scales it, so a redraw is cheap.
// Clicking a patch emits patchClicked (the reverse view: which tokens attend to it).
class AttentionHeatmap : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionHeatmap(QWidget *parent = nullptr);

    void setImage(const QImage &image); // greyscale or RGB, any size
    void setGrid(int rows, int cols);
    // rows * cols values, row-major; empty clears the overlay.
    void setHeat(const std::vector<float> &heat);
    void setOpacity(double opacity); // 0..1
    void setColourMap(ColourMap map);
    void setSelectedPatch(int patch); // -1: none

    const std::vector<float> &heat() const { return m_heat; }
    double opacity() const { return m_opacity; }
    ColourMap colourMap() const { return m_map; }
    int selectedPatch() const { return m_selected; }
    int gridRows() const { return m_rows; }
    int gridCols() const { return m_cols; }
    // The patch under a point in widget coordinates, or -1.
    int patchAt(const QPoint &pos) const;
    // The image with its overlay (no colour bar), one cell per source pixel times `scale`.
    const QImage &composite() const { return m_composite; }
    // What the widget shows (image, overlay, colour bar) at `size`, for export.
    QImage render(const QSize &size) const;
    // The image (scaled by `scale`) with a rows x cols heat overlaid; the heat is normalised
    // to its maximum. A null image gives a black background (a token-by-token matrix).
    static QImage compose(const QImage &image, int rows, int cols, const std::vector<float> &heat, ColourMap map,
                          double opacity, int scale);

Q_SIGNALS:
    void patchClicked(int patch);
    void painted(); // after each paint; the latency benchmark waits for it

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    void rebuild();
    QRect imageRect(const QSize &area) const;
    void paintInto(QPainter &painter, const QSize &area) const;

    QImage m_image, m_composite;
    std::vector<float> m_heat;
    float m_max = 0;
    int m_rows = 1, m_cols = 1, m_selected = -1;
    double m_opacity = 0.6;
    ColourMap m_map = ColourMap::Inferno;
};

} // namespace seekbench::widgets
