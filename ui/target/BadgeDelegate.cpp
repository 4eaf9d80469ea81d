#include "BadgeDelegate.h"

#include "AttributeModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace ferry::ui {

namespace {

QColor badgeColor(const QString &kind)
{
    if (kind == QLatin1String("system-required"))
        return {0xb0, 0x3a, 0x2e};
    if (kind == QLatin1String("app-required"))
        return {0xb9, 0x77, 0x0e};
    if (kind == QLatin1String("key"))
        return {0x2f, 0x85, 0x5a};
    if (kind == QLatin1String("lookup"))
        return {0x2b, 0x6c, 0xb0};
    return {0x5f, 0x6b, 0x7a};
}

constexpr int kPadding = 10; // inside a chip, both sides together
constexpr int kGap = 4;      // between chips and at the cell's left edge

} // namespace

QFont BadgeDelegate::badgeFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QStringList kinds = index.data(AttributeModel::BadgesRole).toStringList();
    if (kinds.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics fm(font);
    int x = option.rect.left() + kGap;
    const int h = fm.height() + 2;
    const int y = option.rect.top() + (option.rect.height() - h) / 2;
    for (const QString &kind : kinds) {
        const QString text = AttributeModel::badgeText(kind);
        const int w = fm.horizontalAdvance(text) + kPadding;
        QPainterPath path;
        path.addRoundedRect(QRectF(x, y, w, h), 4, 4);
        painter->fillPath(path, badgeColor(kind));
        painter->setPen(Qt::white);
        painter->drawText(QRect(x, y, w, h), Qt::AlignCenter, text);
        x += w + kGap;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(badgeFont(option.font));
    int width = kGap;
    for (const QString &kind : index.data(AttributeModel::BadgesRole).toStringList())
        width += fm.horizontalAdvance(AttributeModel::badgeText(kind)) + kPadding + kGap;
    size.setWidth(std::max(size.width(), width + kGap));
    return size;
}

} // namespace ferry::ui
