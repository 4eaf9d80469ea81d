#pragma once
// GUI thread, before the first window is created.

#include <QList>
#include <QLocale>

class QTranslator;

namespace ferry::ui {

/// Installs Qt's own translations and Ferry's (from :/i18n/ferry_<lang>.qm, built from translations/) for
/// `locale`. Returns the installed translators, parented to the application; an empty list means the
/// locale has no translation and the English source strings are used.
QList<QTranslator *> installTranslators(const QLocale &locale);

} // namespace ferry::ui
