#include "staff/RekeyDialog.h"

#include "backup/BackupSchedule.h"
#include "common/Style.h"
#include "desk/TaskRunner.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

// Sixteen groups of four on two lines of eight, as it is written down, rather than wherever the
// label happens to wrap.
QString keyInTwoLines(const QString& key)
{
    const QStringList groups = key.split(QLatin1Char('-'));
    if (groups.size() < 2)
        return key.toHtmlEscaped();
    const int half = int(groups.size() + 1) / 2;
    return groups.mid(0, half).join(QLatin1Char('-')).toHtmlEscaped() + QStringLiteral("-<br>") +
           groups.mid(half).join(QLatin1Char('-')).toHtmlEscaped();
}

} // namespace

RekeyDialog::RekeyDialog(Vault& vault, const QString& leaver, TaskRunner* tasks, QWidget* parent)
    : QDialog(parent), m_vault(vault), m_leaver(leaver), m_tasks(tasks)
{
    setObjectName(QStringLiteral("rekeyDialog"));
    setWindowTitle(leaver.isEmpty() ? tr("Re-key the vault")
                                    : tr("Remove %1 and re-key the vault").arg(leaver));
    const QString why = tr(
        "copy of the vault's keyring taken earlier (on a laptop, a USB stick, an old backup) still opens the "
        "database with the passphrases it held. Re-keying gives the database a new key, so such a copy opens "
        "nothing.");
    // A vault made before key domains: the re-key is also its upgrade (the recovery key must change,
    // since the old one is the database key every slot holds), offered at each manager's sign-in.
    const QString upgrade =
        vault.hasKeyDomains()
            ? QString()
            : tr("<p><b>This vault was made before key domains.</b> Every account's passphrase opens the one "
                 "key, which is also the recovery key: with the right tool, a receptionist could read "
                 "treatment records and photos. Re-keying gives the vault separate keys for the front desk, "
                 "the treatment room and management, each held only by the roles that need it.</p>");
    auto* intro = new QLabel(
        upgrade +
        (leaver.isEmpty()
             ? tr("A %1").arg(why)
             : tr("<b>%1's account is removed: their passphrase will open nothing from now on, and "
                  "their past actions stay in the audit log under their name.</b> But a %2")
                   .arg(leaver.toHtmlEscaped(), why)) +
        tr("<ul><li>You keep your passphrase.</li>"
           "<li>Everyone else gets a one-time passphrase, shown at the end, to change at their "
           "next sign-in.</li>"
           "<li>A new recovery key replaces the one in the clinic's safe.</li>"
           "<li>The daily backups made before now are replaced by one made under the new key. Copies made "
           "elsewhere (a USB stick) still open with the old recovery key and the managers' passphrases "
           "of the day: destroy them, or keep them in the safe with the old key.</li></ul>"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("rekeyPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Your passphrase"));
    // What to read and type before: gone once it is done, so the new key and passphrases are what shows.
    m_ask = new QWidget;
    auto* askLayout = new QVBoxLayout(m_ask);
    askLayout->setContentsMargins(0, 0, 0, 0);
    askLayout->addWidget(intro);
    auto* form = new QFormLayout;
    askLayout->addLayout(form);
    if (!vault.openedWithRecoveryKey())
        form->addRow(tr("Your &passphrase:"), m_passphrase);
    else
        m_passphrase->hide();
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("rekeyProgress"));
    m_progress->hide();
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("rekeyResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("rekeyError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    m_run = new QPushButton(leaver.isEmpty() ? tr("&Re-key now") : tr("Remove and &re-key"));
    m_run->setObjectName(QStringLiteral("rekeyRun"));
    m_run->setDefault(true);
    m_close = new QPushButton(leaver.isEmpty() ? tr("&Not now") : tr("&Cancel"));
    m_close->setObjectName(QStringLiteral("rekeyClose"));
    m_skip = new QPushButton(tr("Remove &without re-keying"));
    m_skip->setObjectName(QStringLiteral("rekeySkip"));
    m_skip->setToolTip(tr("A copy of the keyring made before today would still open the database with %1's "
                          "old passphrase, until the vault is re-keyed.")
                           .arg(leaver));
    m_skip->setVisible(!leaver.isEmpty());
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_skip);
    buttons->addStretch();
    buttons->addWidget(m_close);
    buttons->addWidget(m_run);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_ask);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addLayout(buttons);
    resize(600, 420);
    connect(m_run, &QPushButton::clicked, this, &RekeyDialog::run);
    connect(m_skip, &QPushButton::clicked, this, &RekeyDialog::removeOnly);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
}

bool RekeyDialog::offersUpgrade(Vault& vault)
{
    return !vault.hasKeyDomains() &&
           (vault.openedWithRecoveryKey() || vault.db().actor().role == Role::Manager);
}

void RekeyDialog::removeOnly()
{
    if (const Status st = Accounts(m_vault).remove(m_leaver); !st)
        return m_error->setText(st.message());
    m_removed = true;
    accept();
}

void RekeyDialog::run()
{
    QString typedText = m_passphrase->text();
    m_passphrase->clear();
    QByteArray typed = typedText.toUtf8();
    wipeShared(typedText);
    m_error->clear();
    m_run->setEnabled(false);
    m_close->setEnabled(false);
    m_progress->show();
    // In a worker owned by the session: a lock waits for it (a re-key is never cut short), and the
    // windows do not read the vault while its file is swapped.
    Vault& vault = m_vault;
    const QString leaver = m_removed ? QString() : m_leaver;
    struct Outcome
    {
        Result<Accounts::Rekeyed> rekeyed;
        bool removed = false;
        QString backups; // what became of the daily backups, in words
    };
    auto r = TaskRunner::runWith<Outcome>(
        m_tasks, this, tr("Re-keying the vault…"), false,
        [&vault, typed, leaver](const TaskRunner::Progress& progress) mutable -> Outcome {
            SecretBytes mine = SecretBytes::takeFrom(typed);
            // The passphrase is checked before the account goes, so a typing mistake removes nobody.
            if (!leaver.isEmpty() && !vault.openedWithRecoveryKey())
                if (auto check = vault.keyring().unwrap(vault.user(), mine); !check)
                    return {
                        makeError(check.error().kind,
                                  tr("Your passphrase is needed to re-key the vault, and that was not it. "
                                     "Nobody was removed.")),
                        false, QString()};
            Outcome out{makeError(Error::Kind::Failed, QString()), false, QString()};
            if (!leaver.isEmpty()) {
                if (const Status st = Accounts(vault).remove(leaver); !st)
                    return {st.error(), false, QString()};
                out.removed = true;
            }
            out.rekeyed = Accounts(vault).rekey(
                mine, KdfParams::calibrated(),
                [progress](int done, int total, const QString& step) { (void)progress(done, total, step); });
            if (!out.rekeyed)
                return out;
            const BackupSchedule schedule(BackupSchedule::defaultFolder(vault.dir()));
            if (auto b = schedule.runAfterRekey(vault)) {
                out.backups = tr("A backup under the new key was made (%1). %2")
                                  .arg(QDir::toNativeSeparators(b->path),
                                       b->removed == 0 ? tr("There was no earlier daily backup to delete.")
                                       : b->removed == 1
                                           ? tr("The one daily backup made under the old key was deleted.")
                                           : tr("The %1 daily backups made under the old key were deleted.")
                                                 .arg(b->removed));
                if (!b->notRemoved.isEmpty())
                    out.backups +=
                        QLatin1Char(' ') + tr("<b>These could not be deleted; delete them by hand:</b> %1")
                                               .arg(b->notRemoved.join(QStringLiteral(", ")).toHtmlEscaped());
            } else
                out.backups = tr("<b>No backup under the new key could be made:</b> %1 The daily backups "
                                 "made before the re-key still open with the old key.")
                                  .arg(b.message().toHtmlEscaped());
            return out;
        });
    wipeShared(typed); // the worker took its copy into guarded memory; this one shared the buffer
    m_close->setEnabled(true);
    m_progress->hide();
    m_removed = m_removed || r.removed;
    if (!r.rekeyed) {
        m_error->setText(
            r.removed
                ? tr("%1 was removed, but the vault was not re-keyed: %2").arg(m_leaver, r.rekeyed.message())
                : r.rekeyed.message());
        m_run->setText(tr("&Re-key now"));
        m_skip->hide();
        m_run->setEnabled(true);
        return;
    }
    Accounts::Rekeyed& rekeyed = r.rekeyed.value();
    m_done = true;
    m_skip->hide();
    m_run->hide();
    m_passphrase->setEnabled(false);
    m_close->setText(tr("I have written these down — &close"));
    QString html = tr("<p><b>The vault is re-keyed.</b> Old copies of the keyring and the old recovery key "
                      "open nothing now.</p>"
                      "<p>New recovery key, for the clinic's safe (shown only now):<br><tt style='font-size: "
                      "large'>%1</tt></p>")
                       .arg(keyInTwoLines(rekeyed.recoveryKey));
    if (rekeyed.oneTimePassphrases.isEmpty())
        html += tr("<p>No other account can sign in with a passphrase, so there are no one-time passphrases "
                   "to hand out.</p>");
    else {
        html += tr("<p>One-time passphrases, to give to each person (they choose their own at their next "
                   "sign-in):</p><table>");
        for (const auto& [user, otp] : rekeyed.oneTimePassphrases)
            html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td><tt>%2</tt></td></tr>")
                        .arg(user.toHtmlEscaped(), QString::fromLatin1(otp));
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("<p>%1</p>").arg(r.backups);
    m_result->setText(html);
    // Shown now, and only there: the copies that carried them here are zeroed.
    wipeShared(rekeyed.recoveryKey);
    for (auto& [user, otp] : rekeyed.oneTimePassphrases)
        wipeShared(otp);
    // The explanation and the passphrase are done with: the dialog keeps its width and loses their height.
    const int w = width();
    m_ask->hide();
    resize(w, layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(w) : sizeHint().height());
}

} // namespace cd::ui
