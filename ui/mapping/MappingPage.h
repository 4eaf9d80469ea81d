#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class MappingPage;
}

/// The Mapping page. Not built yet: it says what it will do and that it does not do it yet.
class MappingPage : public Page
{
    Q_OBJECT

public:
    explicit MappingPage(QWidget *parent = nullptr);
    ~MappingPage() override;

    QString pageId() const override { return QStringLiteral("mapping"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::MappingPage> m_ui;
};

} // namespace ferry::ui
