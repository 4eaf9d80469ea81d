#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class DryRunPage;
}

/// The Dry run page. Not built yet: it says what it will do and that it does not do it yet.
class DryRunPage : public Page
{
    Q_OBJECT

public:
    explicit DryRunPage(QWidget *parent = nullptr);
    ~DryRunPage() override;

    QString pageId() const override { return QStringLiteral("dryrun"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::DryRunPage> m_ui;
};

} // namespace ferry::ui
