#pragma once
// GUI thread (call before the first icon or translation is loaded).

#include <QIcon>
#include <QString>

namespace ferry::ui {

/// Registers resources/ferry.qrc. ferry_ui is a static library, so the linker would otherwise drop the
/// resource's static initializer. Safe to call more than once.
void initResources();

/// One of the icons in resources/icons, with its @2x variant for high-DPI screens. `name` is e.g. "run".
QIcon themeIcon(const QString &name);

/// The application icon in every size shipped.
QIcon applicationIcon();

} // namespace ferry::ui
