#pragma once
// Test thread: the org files the target tests read.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <gtest/gtest.h>

namespace ferry::test {

inline QString demoOrgPath()
{
    return QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/org.json");
}

inline QString testDataPath(const char *name)
{
    return QStringLiteral(FERRY_TEST_DATA_DIR "/emulator/") + QLatin1String(name);
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read " << path.toStdString();
        return {};
    }
    return f.readAll();
}

} // namespace ferry::test
