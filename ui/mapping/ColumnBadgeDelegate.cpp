#include "ColumnBadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace ferry::ui {

namespace {

QColor badgeColor(const QString &badge)
{
    if (badge == QLatin1String("PK"))
        return {0xb8, 0x86, 0x0b};
    if (badge == QLatin1String("FK") || badge == QLatin1String("LOOKUP"))
        return {0x2b, 0x6c, 0xb0};
    if (badge == QLatin1String("KEY"))
        return {0x2f, 0x85, 0x5a};
    if (badge == QLatin1String("REQ"))
        return {0xc0, 0x39, 0x2b};
    if (badge == QLatin1String("BIZ"))
        return {0xd3, 0x54, 0x00};
    return {0x5f, 0x6b, 0x7a};
}

QFont badgeFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

} // namespace

void ColumnBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics fm(font);
    int x = option.rect.left() + 3;
    const int h = fm.height() + 2;
    const int y = option.rect.top() + (option.rect.height() - h) / 2;
    for (const QString &badge : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const int w = fm.horizontalAdvance(badge) + 8;
        if (x + w > option.rect.right())
            break;
        QPainterPath path;
        path.addRoundedRect(QRectF(x, y, w, h), 3, 3);
        painter->fillPath(path, badgeColor(badge));
        painter->setPen(Qt::white);
        painter->drawText(QRect(x, y, w, h), Qt::AlignCenter, badge);
        x += w + 3;
    }
    painter->restore();
}

QSize ColumnBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(badgeFont(option.font));
    int width = 6;
    for (const QString &badge : index.data().toString().split(QLatin1Char(' '), Qt::SkipEmptyParts))
        width += fm.horizontalAdvance(badge) + 11;
    size.setWidth(std::max(width, 24));
    return size;
}

} // namespace ferry::ui
