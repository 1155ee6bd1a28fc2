#include "staff/RekeyDialog.h"

#include "common/Style.h"
#include "desk/TaskRunner.h"
#include "staff/Accounts.h"
#include "vault/Vault.h"

#include <QApplication>
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
    : QDialog(parent), m_vault(vault), m_tasks(tasks)
{
    setObjectName(QStringLiteral("rekeyDialog"));
    setWindowTitle(tr("Re-key the vault"));
    const QString why = tr(
        "copy of the vault's keyring taken earlier (on a laptop, a USB stick, an old backup) still opens the "
        "database with the passphrases it held. Re-keying gives the database a new key, so such a copy opens "
        "nothing.");
    auto* intro =
        new QLabel((leaver.isEmpty()
                        ? tr("A %1").arg(why)
                        : tr("<b>%1 can no longer sign in.</b> But a %2").arg(leaver.toHtmlEscaped(), why)) +
                   tr("<ul><li>You keep your passphrase.</li>"
                      "<li>Everyone else gets a one-time passphrase, shown at the end, to change at their "
                      "next sign-in.</li>"
                      "<li>A new recovery key replaces the one in the clinic's safe.</li>"
                      "<li>Backups made before now still open with the old recovery key: keep them as safe "
                      "as before.</li></ul>"));
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
    m_run = new QPushButton(tr("&Re-key now"));
    m_run->setObjectName(QStringLiteral("rekeyRun"));
    m_run->setDefault(true);
    m_close = new QPushButton(tr("&Not now"));
    m_close->setObjectName(QStringLiteral("rekeyClose"));
    auto* buttons = new QHBoxLayout;
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
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
}

void RekeyDialog::run()
{
    QByteArray typed = m_passphrase->text().toUtf8();
    m_passphrase->clear();
    m_error->clear();
    m_run->setEnabled(false);
    m_close->setEnabled(false);
    m_progress->show();
    // In a worker owned by the session: a lock waits for it (a re-key is never cut short), and the
    // windows do not read the vault while its file is swapped.
    Vault& vault = m_vault;
    auto r = TaskRunner::runWith<Result<Accounts::Rekeyed>>(
        m_tasks, this, tr("Re-keying the vault…"), false,
        [&vault, typed](const TaskRunner::Progress& progress) mutable {
            return Accounts(vault).rekey(
                SecretBytes::takeFrom(typed), KdfParams::calibrated(),
                [progress](int done, int total, const QString& step) { (void)progress(done, total, step); });
        });
    m_close->setEnabled(true);
    m_progress->hide();
    if (!r) {
        m_error->setText(r.message());
        m_run->setEnabled(true);
        return;
    }
    m_done = true;
    m_run->hide();
    m_passphrase->setEnabled(false);
    m_close->setText(tr("I have written these down — &close"));
    QString html = tr("<p><b>The vault is re-keyed.</b> Old copies of the keyring and the old recovery key "
                      "open nothing now.</p>"
                      "<p>New recovery key, for the clinic's safe (shown only now):<br><tt style='font-size: "
                      "large'>%1</tt></p>")
                       .arg(keyInTwoLines(r->recoveryKey));
    if (r->oneTimePassphrases.isEmpty())
        html += tr("<p>No other account can sign in with a passphrase, so there are no one-time passphrases "
                   "to hand out.</p>");
    else {
        html += tr("<p>One-time passphrases, to give to each person (they choose their own at their next "
                   "sign-in):</p><table>");
        for (const auto& [user, otp] : r->oneTimePassphrases)
            html += QStringLiteral("<tr><td>%1&nbsp;&nbsp;</td><td><tt>%2</tt></td></tr>")
                        .arg(user.toHtmlEscaped(), QString::fromLatin1(otp));
        html += QStringLiteral("</table>");
    }
    m_result->setText(html);
    // The explanation and the passphrase are done with: the dialog keeps its width and loses their height.
    const int w = width();
    m_ask->hide();
    resize(w, layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(w) : sizeHint().height());
}

} // namespace cd::ui
