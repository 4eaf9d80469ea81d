#include "Resources.h"

#include <QFile>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initFerryQrc()
{
    Q_INIT_RESOURCE(ferry);
}

namespace ferry::ui {

void initResources()
{
    static const bool once = [] {
        initFerryQrc();
        return true;
    }();
    (void)once;
}

QIcon themeIcon(const QString &name)
{
    initResources();
    QIcon icon;
    const QString base = QStringLiteral(":/ferry/icons/") + name;
    // The same pixmaps for the Selected mode: the default tint over the highlight muddies coloured icons.
    for (QIcon::Mode mode : {QIcon::Normal, QIcon::Selected}) {
        icon.addFile(base + QStringLiteral(".png"), QSize(), mode);
        if (QFile::exists(base + QStringLiteral("@2x.png")))
            icon.addFile(base + QStringLiteral("@2x.png"), QSize(), mode);
    }
    return icon;
}

QIcon applicationIcon()
{
    initResources();
    QIcon icon;
    for (int size : {32, 64, 128, 256})
        icon.addFile(QStringLiteral(":/ferry/icons/ferry-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace ferry::ui
