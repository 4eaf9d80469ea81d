// Test thread: the main of target_tests and target_keyring_tests. A QCoreApplication exists for the whole run
// because the keyring (QtKeychain) and QProcess need one.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
