#include "Translations.h"

#include "Resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace ferry::ui {

QList<QTranslator *> installTranslators(const QLocale &locale)
{
    initResources();
    QList<QTranslator *> installed;
    auto tryInstall = [&](const QString &name, const QString &directory) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), directory) &&
            QCoreApplication::installTranslator(translator)) {
            installed.append(translator);
        } else {
            delete translator;
        }
    };
    // Standard buttons and dialogs (OK, Cancel, the file dialog) come from Qt's catalog.
    tryInstall(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    tryInstall(QStringLiteral("ferry"), QStringLiteral(":/i18n"));
    return installed;
}

} // namespace ferry::ui
