#include "TargetPage.h"

#include "ui_TargetPage.h"

#include "Resources.h"

namespace ferry::ui {

TargetPage::TargetPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::TargetPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

TargetPage::~TargetPage() = default;

QString TargetPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon TargetPage::icon() const
{
    return themeIcon(QStringLiteral("target"));
}

} // namespace ferry::ui
