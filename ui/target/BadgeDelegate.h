#pragma once
// GUI thread.

#include <QStyledItemDelegate>

namespace ferry::ui {

/// Paints AttributeModel's markers column as small coloured chips (Required, App required, Key, Lookup)
/// instead of plain text; the text stays in DisplayRole for screen readers, copy and tests.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static QFont badgeFont(const QFont &base);
};

} // namespace ferry::ui
