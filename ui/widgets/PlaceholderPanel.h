#pragma once
// GUI thread.

#include <QWidget>

#include <memory>

namespace ferry::ui {

namespace Ui {
class PlaceholderPanel;
}

/// The honest body of a page that is not built yet: a "Not built yet" notice, and, while no workspace
/// is open, a box that says so and offers New/Open (wired by the page to the main window's real actions).
class PlaceholderPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PlaceholderPanel(QWidget *parent = nullptr);
    ~PlaceholderPanel() override;

    /// Shows or hides the "No workspace is open" box.
    void setWorkspaceOpen(bool open);
    bool isWorkspaceOpen() const { return m_workspaceOpen; }

signals:
    void newWorkspaceRequested();
    void openWorkspaceRequested();

private:
    std::unique_ptr<Ui::PlaceholderPanel> m_ui;
    bool m_workspaceOpen = false;
};

} // namespace ferry::ui
