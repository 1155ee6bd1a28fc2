#pragma once

#include <QStyledItemDelegate>

namespace cd::ui {

// Two lines per client: the name, then phone · email · postcode in a quieter colour, so the right
// "Amara" is recognised without opening her record.
class ClientItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace cd::ui
