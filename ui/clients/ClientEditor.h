#pragma once

#include "clients/Client.h"
#include "clients/ClientStore.h"

#include <QDialog>
#include <QSet>
#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd {
class ClientStore;
}

namespace cd::ui {

// New or existing client. Email and phone are checked as typed, a phone or email that is already
// on file is pointed out, unsaved changes are confirmed before closing, Escape cancels.
class ClientEditor final : public QDialog
{
    Q_OBJECT
public:
    ClientEditor(ClientStore& clients, Client client, QWidget* parent = nullptr);
    // For a new client typed in the search box: "Amara Okafor" fills first and last name,
    // a phone number fills the phone, an email the email.
    static Client fromSearchText(const QString& text);
    qint64 savedClientId() const { return m_client.id; }
    // The client on file the desk chose to open instead of saving this one (0: none).
    qint64 openExistingId() const { return m_openExisting; }
    // Asked before unsaved changes are thrown away; tests replace it.

    void reject() override;

private:
    QLineEdit* addLine(QFormLayout* form, const QString& label, const QString& name, const QString& value);
    void validateInline();
    void save();
    Client collect() const;

    ClientStore& m_clients;
    Client m_client;
    bool m_dirty = false;
    QComboBox* m_title;
    QLineEdit *m_first, *m_last, *m_preferred, *m_pronouns, *m_dob;
    QComboBox *m_status, *m_source;
    QLineEdit *m_phone, *m_phone2, *m_email, *m_email2;
    QLineEdit *m_line1, *m_line2, *m_town, *m_postcode;
    QComboBox* m_handleService;
    QLineEdit *m_handle, *m_tags;
    QLabel* m_phoneHint;
    QLabel* m_emailHint;
    QLabel* m_duplicates;
    QWidget* m_dupChoice;
    QPushButton* m_dupOpen;
    QComboBox* m_dupReason;
    QList<DuplicateMatch> m_matches;
    QSet<qint64> m_settledMatches; // editing: matches the record already had when opened
    bool m_keepApart = false;
    qint64 m_openExisting = 0;
    QLabel* m_error;
    QLabel* m_saveWhy;
    QPushButton* m_save;
};

} // namespace cd::ui
