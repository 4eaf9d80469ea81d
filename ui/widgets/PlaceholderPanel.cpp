#include "PlaceholderPanel.h"

#include "ui_PlaceholderPanel.h"

#include "Resources.h"

#include <QStyle>

namespace ferry::ui {

PlaceholderPanel::PlaceholderPanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::PlaceholderPanel>())
{
    m_ui->setupUi(this);

    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_ui->notBuiltIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this).pixmap(iconSize, iconSize));
    m_ui->noWorkspaceIcon->setPixmap(applicationIcon().pixmap(iconSize, iconSize));

    // Headings are bold and a little larger than body text, relative to the user's font.
    for (QLabel *heading : {m_ui->notBuiltHeading, m_ui->noWorkspaceHeading}) {
        QFont font = heading->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.15);
        heading->setFont(font);
    }

    // Framed boxes, tinted from the palette so dark themes stay readable.
    setStyleSheet(QStringLiteral("QFrame#notBuiltBox, QFrame#noWorkspaceBox {"
                                 " border: 1px solid palette(mid); border-radius: 6px;"
                                 " background: palette(alternate-base); }"
                                 "QFrame#notBuiltBox QLabel, QFrame#noWorkspaceBox QLabel {"
                                 " border: none; background: transparent; }"));

    m_ui->newButton->setIcon(style()->standardIcon(QStyle::SP_FileIcon, nullptr, this));
    m_ui->openButton->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton, nullptr, this));
    connect(m_ui->newButton, &QPushButton::clicked, this, &PlaceholderPanel::newWorkspaceRequested);
    connect(m_ui->openButton, &QPushButton::clicked, this, &PlaceholderPanel::openWorkspaceRequested);

    setWorkspaceOpen(false);
}

PlaceholderPanel::~PlaceholderPanel() = default;

void PlaceholderPanel::setWorkspaceOpen(bool open)
{
    m_workspaceOpen = open;
    m_ui->noWorkspaceBox->setVisible(!open);
}

} // namespace ferry::ui
