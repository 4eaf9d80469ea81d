#include "DryRunPage.h"

#include "ui_DryRunPage.h"

#include "Resources.h"

namespace ferry::ui {

DryRunPage::DryRunPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::DryRunPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
}

DryRunPage::~DryRunPage() = default;

QString DryRunPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon DryRunPage::icon() const
{
    return themeIcon(QStringLiteral("dryrun"));
}

} // namespace ferry::ui
