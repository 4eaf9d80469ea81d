#pragma once
// GUI thread.

#include "widgets/Page.h"

#include <memory>

namespace ferry::ui {

namespace Ui {
class QuarantinePage;
}

/// The Quarantine page. Not built yet: it says what it will do and that it does not do it yet.
class QuarantinePage : public Page
{
    Q_OBJECT

public:
    explicit QuarantinePage(QWidget *parent = nullptr);
    ~QuarantinePage() override;

    QString pageId() const override { return QStringLiteral("quarantine"); }
    QString title() const override;
    QIcon icon() const override;

private:
    std::unique_ptr<Ui::QuarantinePage> m_ui;
};

} // namespace ferry::ui
