// The ferry GUI executable: application setup only; everything else lives in ferry_ui.

#include "MainWindow.h"
#include "Resources.h"
#include "Translations.h"

#include <ferry/Version.h>

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("Ferry"));
    QApplication::setApplicationVersion(QString::fromLatin1(ferry::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("ferry"));
    QApplication::setWindowIcon(ferry::ui::applicationIcon());

    ferry::ui::installTranslators(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Ferry: migrate legacy data into Microsoft Dataverse."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"),
                                 QCoreApplication::translate("main", "The workspace file (.ferry) to open."),
                                 QStringLiteral("[workspace]"));
    parser.process(app);

    ferry::ui::MainWindow window;
    window.show();
    // After show(): a failure is reported in a message box over the window, not before it exists.
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        window.openWorkspace(positional.first());
    else
        window.reopenLastWorkspaceIfWanted();

    return QApplication::exec();
}
