// seekbench: the desktop workbench. Only argument parsing and the main window here.
#include "screenshots.h"
#include "shell/app_setup.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    seekbench::ui::AppSetup::configure(app);
    // The installed desktop entry and icon (resources/desktop, resources/icons).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.seekbench.Seekbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.seekbench.Seekbench.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seekbench desktop workbench"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Project folder to open, or its seekbench-project.yaml"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open DIR, creating it as a blank project first when it is none"),
                                  QStringLiteral("DIR"));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Save screenshots of the main views into DIR, then quit"),
                                         QStringLiteral("DIR"));
    parser.addOption(demo);
    parser.addOption(screenshots);
    parser.process(app);

    seekbench::ui::MainWindow window;
    window.show();
    if (parser.isSet(demo))
        seekbench::ui::Screenshots::openDemo(window, parser.value(demo));
    else if (!parser.positionalArguments().isEmpty()) {
        // A file manager passes the manifest (the MIME type application/x-seekbench-project).
        const QFileInfo given(parser.positionalArguments().front());
        window.openProject(given.isFile() ? given.absolutePath() : given.filePath());
    } else if (!parser.isSet(screenshots))
        window.reopenLastProject();
    if (parser.isSet(screenshots))
        seekbench::ui::Screenshots::takeAndQuit(window, parser.value(screenshots));
    return QApplication::exec();
}
