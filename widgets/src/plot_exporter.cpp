#include "seekbench/widgets/plot_exporter.h"

#include "qcustomplot_wrapper.h"

#include <QFile>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

namespace seekbench::widgets {

bool PlotExporter::png(QCustomPlot *plot, const QString &path, int width, int height)
{
    return plot->savePng(path, width, height);
}

bool PlotExporter::svg(QCustomPlot *plot, const QString &path, int width, int height, const QString &title)
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(title);
    QCPPainter painter;
    if (!painter.begin(&generator))
        return false;
    painter.setMode(QCPPainter::pmVectorized);
    plot->toPainter(&painter, width, height);
    painter.end();
    return QFile::exists(path);
}

bool PlotExporter::csv(const QVector<PlotSeries> &series, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "series,step,wall_time,min,max,mean\n";
    for (const PlotSeries &s : series) {
        QString label = s.label;
        label.replace(QLatin1Char('"'), QLatin1String("\"\""));
        for (int i = 0; i < s.size(); ++i)
            out << '"' << label << "\"," << QString::number(s.step[i], 'g', 12) << ','
                << QString::number(s.time[i], 'f', 3) << ',' << QString::number(s.min[i], 'g', 10) << ','
                << QString::number(s.max[i], 'g', 10) << ',' << QString::number(s.mean[i], 'g', 10) << '\n';
    }
    out.flush();
    return file.commit();
}

} // namespace seekbench::widgets
