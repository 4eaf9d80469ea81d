#pragma once
// GUI thread.

#include <QDialog>

#include <memory>

namespace ferry::ui {

namespace Ui {
class AboutDialog;
}

/// Help ▸ About Ferry: the version of this build, the Qt it was built with and runs on, and the
/// libraries Ferry stands on.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    ~AboutDialog() override;

    /// Everything the dialog says, as plain text (for tests and for copying into a bug report).
    QString plainText() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace ferry::ui
