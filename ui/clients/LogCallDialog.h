#pragma once

#include <QDate>
#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QSpinBox;

namespace cd::ui {

class Workspace;

class ClientListModel;

// Log a call (or any interaction) from anywhere: pick the client by number or name, write the
// note, choose a follow-up ("Thursday"), Enter saves. Shift+Enter starts a new line in the note.
class LogCallDialog final : public QDialog
{
    Q_OBJECT
public:
    LogCallDialog(Workspace& workspace, qint64 staffId, qint64 clientId, QWidget* parent = nullptr);
    qint64 clientId() const { return m_clientId; }
    qint64 savedInteractionId() const { return m_savedId; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void pickClient(qint64 id);
    void searchClients(const QString& text);
    void followUpChanged();
    void save();

    Workspace& m_workspace;
    qint64 m_staffId;
    qint64 m_clientId = 0;
    qint64 m_savedId = 0;
    QLineEdit* m_find;
    QListView* m_results;
    ClientListModel* m_model;
    QLabel* m_client;
    QComboBox* m_kind;
    QSpinBox* m_minutes;
    QPlainTextEdit* m_note;
    QComboBox* m_followUp;
    QDateEdit* m_followUpDate;
    QLabel* m_error;
    QString m_chosenName; // what the find box shows while the client is chosen
    QString m_typed;      // letters typed on the follow-up list, for the day names
    qint64 m_typedAt = 0; // when (ms since epoch), so a pause starts a new word
};

} // namespace cd::ui
