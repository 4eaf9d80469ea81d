#pragma once
// GUI thread.

#include <QStyledItemDelegate>

namespace ferry::ui {

/// Paints a cell of space-separated short words ("PK KEY REQ") as small coloured chips.
class ColumnBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ferry::ui
