#include "QuarantinePage.h"

#include "ui_QuarantinePage.h"

#include "Resources.h"

namespace ferry::ui {

QuarantinePage::QuarantinePage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::QuarantinePage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

QuarantinePage::~QuarantinePage() = default;

QString QuarantinePage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon QuarantinePage::icon() const
{
    return themeIcon(QStringLiteral("quarantine"));
}

} // namespace ferry::ui
