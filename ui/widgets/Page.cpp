#include "Page.h"

#include "PlaceholderPanel.h"

namespace ferry::ui {

Page::Page(QWidget *parent) : QWidget(parent) {}

void Page::setWorkspace(const ferry::Workspace *workspace)
{
    m_workspace = workspace;
    if (m_placeholder)
        m_placeholder->setWorkspaceOpen(workspace != nullptr);
}

void Page::usePlaceholder(PlaceholderPanel *panel)
{
    m_placeholder = panel;
    connect(panel, &PlaceholderPanel::newWorkspaceRequested, this, &Page::newWorkspaceRequested);
    connect(panel, &PlaceholderPanel::openWorkspaceRequested, this, &Page::openWorkspaceRequested);
    panel->setWorkspaceOpen(m_workspace != nullptr);
}

void Page::styleHeading(QWidget *heading)
{
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.6);
    heading->setFont(font);
}

} // namespace ferry::ui
