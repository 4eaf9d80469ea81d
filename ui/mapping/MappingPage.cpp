#include "MappingPage.h"

#include "ui_MappingPage.h"

#include "Resources.h"

namespace ferry::ui {

MappingPage::MappingPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::MappingPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

MappingPage::~MappingPage() = default;

QString MappingPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon MappingPage::icon() const
{
    return themeIcon(QStringLiteral("mapping"));
}

} // namespace ferry::ui
