#include "staff/StaffDialog.h"

#include "accounts/Roster.h"
#include "common/Style.h"
#include "staff/Accounts.h"
#include "staff/RekeyDialog.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

StaffDialog::StaffDialog(Vault& vault, TaskRunner* tasks, QWidget* parent)
    : QDialog(parent), m_vault(vault), m_tasks(tasks)
{
    setWindowTitle(tr("Staff accounts"));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("staffList"));
    m_list->setHeaderLabels({tr("Account"), tr("Name"), tr("Role"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_username = new QLineEdit;
    m_username->setObjectName(QStringLiteral("staffUsername"));
    m_display = new QLineEdit;
    m_display->setObjectName(QStringLiteral("staffDisplayName"));
    m_role = new QComboBox;
    m_role->setObjectName(QStringLiteral("staffRole"));
    m_role->addItem(tr("Receptionist"), QStringLiteral("receptionist"));
    m_role->addItem(tr("Practitioner"), QStringLiteral("practitioner"));
    m_role->addItem(tr("Manager"), QStringLiteral("manager"));
    auto* addButton = new QPushButton(tr("&Add"));
    addButton->setObjectName(QStringLiteral("staffAdd"));
    auto* roleButton = new QPushButton(tr("Give the selected the &role above"));
    auto* removeButton = new QPushButton(tr("&Remove the selected (a leaver)"));
    removeButton->setObjectName(QStringLiteral("staffRemove"));
    auto* rekeyButton = new QPushButton(tr("Re-&key the vault…"));
    rekeyButton->setObjectName(QStringLiteral("staffRekey"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("staffMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout;
    form->addRow(tr("Account &name:"), m_username);
    form->addRow(tr("&Full name:"), m_display);
    form->addRow(tr("R&ole:"), m_role);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(roleButton);
    buttons->addWidget(removeButton);
    buttons->addWidget(rekeyButton);
    // Shown only when someone changed the accounts outside Clinicdesk (accounts/Roster.h).
    m_rosterWarning = style::errorLabel(QStringLiteral("staffRosterWarning"));
    m_signRoster = new QPushButton(tr("&Sign the accounts as listed"));
    m_signRoster->setObjectName(QStringLiteral("staffSignRoster"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_rosterWarning);
    layout->addWidget(m_signRoster, 0, Qt::AlignLeft);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    resize(640, 480);
    connect(m_signRoster, &QPushButton::clicked, this, [this] {
        const Status st = Accounts(m_vault).signRoster();
        m_message->setText(st ? tr("The accounts as listed are signed: these roles now count.")
                              : st.message());
        refresh();
    });
    connect(addButton, &QPushButton::clicked, this, &StaffDialog::add);
    connect(roleButton, &QPushButton::clicked, this, &StaffDialog::changeRole);
    connect(removeButton, &QPushButton::clicked, this, &StaffDialog::removeSelected);
    connect(rekeyButton, &QPushButton::clicked, this, [this] {
        RekeyDialog d(m_vault, QString(), m_tasks, this);
        d.exec();
    });
    refresh();
}

void StaffDialog::refresh()
{
    m_list->clear();
    const auto roster = roster::check(m_vault.db());
    QString warning;
    if (!roster)
        warning = roster.message();
    else if (roster->state == roster::State::Missing || roster->state == roster::State::Invalid)
        warning = tr("The list of accounts was changed outside Clinicdesk: its signature does not match, "
                     "so only managers can sign in. Check every account and role below, remove any you do "
                     "not recognise, then sign the accounts as listed.");
    else if (!roster->differences.isEmpty())
        warning = tr("Someone changed the staff accounts outside Clinicdesk (%1). The signed roles, shown "
                     "below, still count; putting the accounts back makes the staff table agree with them.")
                      .arg(roster->differences.join(QStringLiteral("; ")));
    m_rosterWarning->setText(warning);
    m_rosterWarning->setVisible(!warning.isEmpty());
    m_signRoster->setText(roster && roster->state == roster::State::Signed
                              ? tr("&Put the accounts back as signed")
                              : tr("&Sign the accounts as listed"));
    m_signRoster->setVisible(!warning.isEmpty());
    auto all = Accounts(m_vault).list();
    if (!all)
        return m_message->setText(all.message());
    for (const StaffMember& m : all.value())
        new QTreeWidgetItem(m_list, {m.username, m.displayName, vocab::label(m.role),
                                     !m.active ? tr("left")
                                     : m_vault.keyring().slot(m.username)
                                         ? tr("active")
                                         : tr("active, cannot sign in (no passphrase set)")});
}

QString StaffDialog::selected() const
{
    return m_list->currentItem() ? m_list->currentItem()->text(0) : QString();
}

void StaffDialog::add()
{
    style::setTone(m_message, style::Tone::Plain);
    QByteArray oneTime = Accounts::generateOneTimePassphrase();
    const QString shown = QString::fromLatin1(oneTime);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto added =
        Accounts(m_vault).add(m_username->text(), m_display->text(), m_role->currentData().toString(),
                              SecretBytes::takeFrom(oneTime), KdfParams::calibrated());
    QApplication::restoreOverrideCursor();
    if (!added)
        return m_message->setText(added.message());
    m_message->setText(
        tr("Added <b>%1</b>. Their one-time passphrase is <b><tt>%2</tt></b> — give it to them in person; "
           "they choose their own at first sign-in.")
            .arg(added->username.toHtmlEscaped(), shown));
    m_username->clear();
    m_display->clear();
    refresh();
}

void StaffDialog::changeRole()
{
    style::setTone(m_message, style::Tone::Plain);
    auto changed = Accounts(m_vault).changeRole(selected(), m_role->currentData().toString());
    if (!changed)
        m_message->setText(changed.message());
    else if (changed->isEmpty())
        m_message->setText(tr("%1 is now %2.").arg(selected(), m_role->currentData().toString()));
    else
        m_message->setText(
            tr("%1 is now %2. The new role opens other records, so their passphrase was replaced: the "
               "one-time passphrase is <b><tt>%3</tt></b> — give it to them in person; they choose their "
               "own at the next sign-in.")
                .arg(selected().toHtmlEscaped(), m_role->currentData().toString(),
                     QString::fromLatin1(changed.value())));
    refresh();
}

void StaffDialog::removeSelected()
{
    const QString who = selected();
    if (who.isEmpty())
        return m_message->setText(tr("Select the account of the person who is leaving."));
    // Removing a leaver re-keys the vault unless the manager chooses otherwise in the dialog: a copy of
    // the old keyring would otherwise still open the database with her passphrase.
    RekeyDialog d(m_vault, who, m_tasks, this);
    d.exec();
    style::setTone(m_message, d.removed() && !d.rekeyed() ? style::Tone::Warning : style::Tone::Plain);
    if (d.rekeyed())
        m_message->setText(tr("%1 removed and the vault re-keyed: their passphrase opens nothing now, nor "
                              "does any old copy of the keyring; their past actions stay in the audit log.")
                               .arg(who));
    else if (d.removed())
        m_message->setText(
            tr("%1 removed: their passphrase opens nothing in this vault now; their past "
               "actions stay in the audit log. NOT re-keyed: a copy of the keyring made before "
               "today still opens the database with their old passphrase. Re-key soon.")
                .arg(who));
    refresh();
}

} // namespace cd::ui
