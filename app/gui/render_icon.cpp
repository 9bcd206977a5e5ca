// seekbench-render-icon: a build tool, not installed. Renders the application icon's SVG to
// the PNG sizes of the hicolor theme, so the PNGs are always the SVG's and nothing binary is
// kept in the sources.
//   seekbench-render-icon ICON.svg OUT_DIR SIZE...   writes OUT_DIR/SIZExSIZE.png

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fputs("usage: seekbench-render-icon ICON.svg OUT_DIR SIZE...\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "seekbench-render-icon: %s: not a valid SVG\n", qPrintable(args.at(1)));
        return 2;
    }
    if (!QDir().mkpath(args.at(2))) {
        std::fprintf(stderr, "seekbench-render-icon: %s: cannot create the folder\n", qPrintable(args.at(2)));
        return 3;
    }
    for (qsizetype i = 3; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "seekbench-render-icon: %s: not an icon size (8 to 1024)\n", qPrintable(args.at(i)));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString out = QStringLiteral("%1/%2x%2.png").arg(args.at(2)).arg(size);
        if (!image.save(out, "PNG")) {
            std::fprintf(stderr, "seekbench-render-icon: %s: cannot write\n", qPrintable(out));
            return 3;
        }
    }
    return 0;
}
