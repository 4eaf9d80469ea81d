#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class RunPage;
}

/// The Run page. Not built yet: it says what it will do and that it does not do it yet.
class RunPage : public Page
{
    Q_OBJECT

public:
    explicit RunPage(QWidget *parent = nullptr);
    ~RunPage() override;

    QString pageId() const override { return QStringLiteral("run"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::RunPage> m_ui;
};

} // namespace ferry::ui
