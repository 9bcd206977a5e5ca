#include "seekbench/widgets/run_palette.h"

namespace seekbench::widgets {

QColor runColor(int index)
{
    // Tol "bright": blue, red, green, yellow, cyan, purple, grey.
    static const QColor palette[kRunPaletteSize] = {QColor(0x44, 0x77, 0xAA), QColor(0xEE, 0x66, 0x77),
                                                    QColor(0x22, 0x88, 0x33), QColor(0xCC, 0xBB, 0x44),
                                                    QColor(0x66, 0xCC, 0xEE), QColor(0xAA, 0x33, 0x77),
                                                    QColor(0xBB, 0xBB, 0xBB)};
    const int i = ((index % kRunPaletteSize) + kRunPaletteSize) % kRunPaletteSize;
    return palette[i];
}

Qt::PenStyle metricLineStyle(const QString &key)
{
    return key.startsWith(QLatin1String("eval/")) || key.startsWith(QLatin1String("test/")) ? Qt::DashLine
                                                                                            : Qt::SolidLine;
}

} // namespace seekbench::widgets
