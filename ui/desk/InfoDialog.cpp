#include "desk/InfoDialog.h"

#include "desk/Workspace.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtGlobal>

namespace cd::ui {

InfoDialog::InfoDialog(const QString& objectName, const QString& title, const QString& html, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(objectName);
    setWindowTitle(title);
    auto* label = new QLabel(html);
    label->setObjectName(QStringLiteral("infoText"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setMargin(8);
    auto* scroll = new QScrollArea;
    scroll->setWidget(label);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll);
    layout->addWidget(buttons);
    resize(560, 460);
}

QString InfoDialog::text() const
{
    return findChild<QLabel*>(QStringLiteral("infoText"))->text();
}

QString aboutText(Workspace& workspace)
{
    const QString cipher = workspace.db().cipherVersion();
    return InfoDialog::tr("<h3>Clinicdesk %1</h3>"
                          "<p>Encrypted client records for the clinic front desk.</p>"
                          "<table>"
                          "<tr><td>Encryption:</td><td>SQLCipher %2 (SQLite %3)</td></tr>"
                          "<tr><td>Qt:</td><td>%4 (built with %5)</td></tr>"
                          "</table>")
        .arg(QStringLiteral(CLINICDESK_VERSION),
             cipher.isEmpty() ? InfoDialog::tr("unknown").toHtmlEscaped() : cipher.toHtmlEscaped(),
             Database::sqliteVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR));
}

QString privacyText(Workspace& workspace)
{
    const Vault& vault = workspace.vault();
    const QString folder = QDir::toNativeSeparators(vault.dir()).toHtmlEscaped();
    return InfoDialog::
        tr("<h3>Where the clinic's data lives</h3>"
           "<p>Everything about clients is in the vault folder <b>%1</b> on this computer:</p>"
           "<ul><li><b>%2</b>: the encrypted database (SQLCipher, AES-256). Client details, notes of "
           "calls and messages, follow-ups, consent records, photos, the privacy register, the audit log "
           "and the clinic's settings are all inside it.</li>"
           "<li><b>%3</b>: the keyring. For each staff account it holds the database key wrapped with a "
           "key derived from that person's passphrase (Argon2id). Passphrases themselves are never "
           "stored.</li></ul>"
           "<h3>The recovery key</h3>"
           "<p>The recovery key shown once when the vault was created is the database key itself. It opens "
           "the vault even if every passphrase is forgotten or the keyring is damaged, in Clinicdesk or in "
           "the standard <tt>sqlcipher</tt> program. Keep it on paper in the clinic's safe: anyone who has "
           "it "
           "and a copy of the vault can read everything.</p>"
           "<h3>Never written unencrypted</h3>"
           "<p>Client records, notes and photos are never written to disk in the clear: photos are decrypted "
           "only in memory to be shown, and temporary data stays in memory. Clinicdesk keeps only the "
           "window's "
           "size and position and the last vault folder in its ordinary settings file.</p>"
           "<p>Data leaves the vault only when someone chooses to write it out: a subject-access or "
           "portability "
           "export (an AES-256 ZIP when a password is given, otherwise a plain ZIP; optionally a "
           "password-protected PDF) or an export of the audit log, which names staff and pseudonymous "
           "references, never clients.</p>")
            .arg(folder, QString::fromLatin1(Vault::kDatabaseFile), QString::fromLatin1(Vault::kKeyringFile));
}

void showAboutDialog(Workspace& workspace, QWidget* parent)
{
    InfoDialog dialog(QStringLiteral("aboutDialog"), InfoDialog::tr("About Clinicdesk"), aboutText(workspace),
                      parent);
    dialog.exec();
}

void showPrivacyDialog(Workspace& workspace, QWidget* parent)
{
    InfoDialog dialog(QStringLiteral("privacyInfoDialog"), InfoDialog::tr("Privacy: where data lives"),
                      privacyText(workspace), parent);
    dialog.exec();
}

} // namespace cd::ui
