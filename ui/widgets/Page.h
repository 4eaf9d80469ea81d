#pragma once
// GUI thread.

#include <QIcon>
#include <QString>
#include <QWidget>

namespace ferry {
class Workspace;
}

namespace ferry::ui {

class PlaceholderPanel;

/// One area of the main window (Catalog, Target, ...). The main window owns the workspace and tells
/// every page which one is open; a page never opens or closes one itself, it asks through its signals.
class Page : public QWidget
{
    Q_OBJECT

public:
    explicit Page(QWidget *parent = nullptr);

    /// Stable, untranslated id used in settings and file names, e.g. "dryrun".
    virtual QString pageId() const = 0;
    /// The translated name shown in the navigation list and as the page heading.
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;

    /// The open workspace, or nullptr when none is open. The page does not own it.
    virtual void setWorkspace(const ferry::Workspace *workspace);
    const ferry::Workspace *workspace() const { return m_workspace; }

signals:
    void newWorkspaceRequested();
    void openWorkspaceRequested();

protected:
    /// For pages that are not built yet: forwards the panel's New/Open requests and keeps its
    /// "no workspace" box in step with setWorkspace().
    void usePlaceholder(PlaceholderPanel *panel);
    /// Gives the page heading its size: relative to the user's font, not fixed points.
    static void styleHeading(QWidget *heading);

private:
    const ferry::Workspace *m_workspace = nullptr;
    PlaceholderPanel *m_placeholder = nullptr;
};

} // namespace ferry::ui
