#pragma once
// Test thread: runs the built ferry-cli and captures its outcome.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

namespace ferry::test {

struct CliOutcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs ferry-cli with `arguments`, kills it after `timeoutMs`.
inline CliOutcome runCli(const QStringList &arguments, int timeoutMs = 30000)
{
    QProcess process;
    process.setProgram(QStringLiteral(FERRY_CLI_EXE));
    process.setArguments(arguments);
    process.start();
    CliOutcome outcome;
    if (!process.waitForStarted(timeoutMs)) {
        ADD_FAILURE() << "ferry-cli did not start: " << process.errorString().toStdString();
        return outcome;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        ADD_FAILURE() << "ferry-cli did not finish within " << timeoutMs << " ms";
        return outcome;
    }
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return outcome;
}

} // namespace ferry::test
