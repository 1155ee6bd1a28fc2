#include "clients/ClientListModel.h"

#include "clients/ClientStore.h"
#include "clients/Phone.h"

namespace cd::ui {

ClientListModel::ClientListModel(ClientStore& clients, ClientSearch& search, QObject* parent)
    : QAbstractListModel(parent), m_clients(clients), m_searcher(search)
{
    reload();
}

int ClientListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ClientListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientSummary& c = m_rows.at(index.row());
    const QString phone = phone::formatNational(c.phoneE164);
    QStringList second;
    if (!phone.isEmpty())
        second << phone;
    if (!c.email.isEmpty())
        second << c.email;
    if (!c.postcode.isEmpty())
        second << c.postcode;
    switch (role) {
    case Qt::DisplayRole:
        return c.displayName().isEmpty() ? tr("(no name)") : c.displayName();
    case Qt::ToolTipRole:
    case SecondLineRole:
        return second.join(QStringLiteral(" · "));
    case Qt::AccessibleDescriptionRole:
        return tr("%1, %2").arg(c.displayName(), second.join(QStringLiteral(", ")));
    case ClientIdRole:
        return c.id;
    default:
        return {};
    }
}

bool ClientListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_resetting && m_search.isEmpty() && m_rows.size() < m_total;
}

void ClientListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    auto page = m_clients.page(int(m_rows.size()), kPageSize);
    if (!page || page->isEmpty()) {
        m_total = m_rows.size();
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows.append(page.value());
    endInsertRows();
}

QString ClientListModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        m_search.clear();
        reload();
        return {};
    }
    auto hits = m_searcher.search(trimmed, 100);
    if (!hits)
        return hits.message();
    beginResetModel();
    m_search = trimmed;
    m_rows.clear();
    for (const SearchHit& h : hits.value())
        m_rows.append(h.client);
    endResetModel();
    return {};
}

void ClientListModel::reload()
{
    if (!m_search.isEmpty()) {
        setSearchText(m_search);
        return;
    }
    // The first page is loaded inside the reset: views and testers may ask for more as soon as the
    // reset signal arrives, and an insertion must never start while the reset is in flight.
    beginResetModel();
    auto count = m_clients.count();
    m_total = count ? count.value() : 0;
    auto page = m_clients.page(0, kPageSize);
    m_rows = page ? page.value() : QList<ClientSummary>{};
    m_resetting = true; // listeners of modelReset must not start an insertion inside it
    endResetModel();
    m_resetting = false;
}

qint64 ClientListModel::clientIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

} // namespace cd::ui
