#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class CatalogPage;
}

/// The Catalog page. Not built yet: it says what it will do and that it does not do it yet.
class CatalogPage : public Page
{
    Q_OBJECT

public:
    explicit CatalogPage(QWidget *parent = nullptr);
    ~CatalogPage() override;

    QString pageId() const override { return QStringLiteral("catalog"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::CatalogPage> m_ui;
};

} // namespace ferry::ui
