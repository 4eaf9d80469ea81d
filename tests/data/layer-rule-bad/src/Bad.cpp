// Test data for the layer-rule test: this file must make the check fail.
#include <QMessageBox>
#include <QString>
