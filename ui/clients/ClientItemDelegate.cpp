#include "clients/ClientItemDelegate.h"

#include "clients/ClientListModel.h"

#include <QApplication>
#include <QPainter>

namespace cd::ui {

void ClientItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect r = option.rect.adjusted(8, 3, -8, -3);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    painter->save();
    painter->setFont(bold);
    painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const int line = QFontMetrics(bold).height();
    painter->drawText(QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight, r.width()));
    painter->setFont(option.font);
    QColor quiet =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    painter->setPen(quiet);
    const QString second = index.data(ClientListModel::SecondLineRole).toString();
    painter->drawText(QRect(r.left(), r.top() + line, r.width(), QFontMetrics(option.font).height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(option.font).elidedText(second, Qt::ElideRight, r.width()));
    painter->restore();
}

QSize ClientItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    QFont bold = option.font;
    bold.setWeight(QFont::DemiBold);
    return {200, QFontMetrics(bold).height() + QFontMetrics(option.font).height() + 8};
}

} // namespace cd::ui
