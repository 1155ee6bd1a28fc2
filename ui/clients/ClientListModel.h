#pragma once

#include "clients/Client.h"
#include "search/ClientSearch.h"

#include <QAbstractListModel>

namespace cd {
class ClientStore;
}

namespace cd::ui {

// The client list: with no search text, every client by name, fetched a page at a time as the view
// scrolls (memory follows the screen, not the vault); with search text, the ranked hits.
class ClientListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles { ClientIdRole = Qt::UserRole + 1, SecondLineRole };
    static constexpr int kPageSize = 200;

    ClientListModel(ClientStore& clients, ClientSearch& search, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Empty text shows all clients; returns an error message or empty.
    QString setSearchText(const QString& text);
    const QString& searchText() const { return m_search; }
    qint64 clientIdAt(int row) const;
    qint64 totalClients() const { return m_total; }
    void reload();

private:
    ClientStore& m_clients;
    ClientSearch& m_searcher;
    QString m_search;
    QList<ClientSummary> m_rows;
    qint64 m_total = 0;
    bool m_resetting = false;
};

} // namespace cd::ui
