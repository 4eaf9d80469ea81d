#include "RunPage.h"

#include "ui_RunPage.h"

#include "Resources.h"

namespace ferry::ui {

RunPage::RunPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::RunPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

RunPage::~RunPage() = default;

QString RunPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon RunPage::icon() const
{
    return themeIcon(QStringLiteral("run"));
}

} // namespace ferry::ui
