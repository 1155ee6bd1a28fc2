#pragma once

#include "records/Quotes.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

namespace records {
}

class QuotesTab final : public QWidget
{
    Q_OBJECT
public:
    explicit QuotesTab(Workspace& workspace, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload(); // the same client's quotes again
    void newQuote();
    void openQuote(qint64 id);
    qint64 currentQuoteId() const;
    void selectQuote(qint64 id);
    void changeStatus(QuoteStatus status);
    void exportPdf();
    void removeDraft();

Q_SIGNALS:
    void countChanged(int quotes);

private:
    void updateButtons();
    Workspace& m_workspace;
    qint64 m_client = 0;
    QTreeWidget* m_list;
    QPushButton* m_open;
    QPushButton* m_send;
    QPushButton* m_accept;
    QPushButton* m_decline;
    QPushButton* m_expire;
    QPushButton* m_delete;
    QPushButton* m_pdf;
    QLabel* m_message;
};

} // namespace cd::ui
