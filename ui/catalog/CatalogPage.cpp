#include "CatalogPage.h"

#include "ui_CatalogPage.h"

#include "Resources.h"

namespace ferry::ui {

CatalogPage::CatalogPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::CatalogPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

CatalogPage::~CatalogPage() = default;

QString CatalogPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon CatalogPage::icon() const
{
    return themeIcon(QStringLiteral("catalog"));
}

} // namespace ferry::ui
