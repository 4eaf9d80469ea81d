#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class TargetPage;
}

/// The Target page. Not built yet: it says what it will do and that it does not do it yet.
class TargetPage : public Page
{
    Q_OBJECT

public:
    explicit TargetPage(QWidget *parent = nullptr);
    ~TargetPage() override;

    QString pageId() const override { return QStringLiteral("target"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::TargetPage> m_ui;
};

} // namespace ferry::ui
