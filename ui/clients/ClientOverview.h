#pragma once

#include <QHash>
#include <QWidget>

class QLabel;

namespace cd::ui {

class Workspace;

// The top of a client's record: what the desk needs before it says hello, in six cards: the next
// appointment, the last treatment (practitioners and managers), the balance, marketing consent,
// open privacy requests with their deadline, and a restriction of processing. Each card's link opens
// the tab with the whole story.
class ClientOverview final : public QWidget
{
    Q_OBJECT
public:
    enum class Card { Next, LastTreatment, Balance, Consent, Requests, Restriction };
    explicit ClientOverview(Workspace& workspace, QWidget* parent = nullptr);
    void showClient(qint64 id);
    // The card's text as shown (for tests and the screen reader).
    QString text(Card card) const;

Q_SIGNALS:
    // "appointments", "treatments", "payments", "consent", "privacy".
    void openRequested(const QString& where);

private:
    void set(Card card, const QString& value, const QString& detail = {}, bool attention = false);
    Workspace& m_workspace;
    struct Labels
    {
        QWidget* frame = nullptr;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
    };
    QHash<int, Labels> m_cards;
};

} // namespace cd::ui
