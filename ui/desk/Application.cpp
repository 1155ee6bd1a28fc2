#include "desk/Application.h"

#include "backup/BackupSchedule.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "demo/DemoGenerator.h"
#include "desk/Desk.h"
#include "desk/Localisation.h"
#include "desk/MainWindow.h"
#include "privacy/Ledger.h"
#include "signin/ChangePassphraseDialog.h"
#include "signin/SetupDialog.h"
#include "signin/UnlockDialog.h"
#include "staff/Accounts.h"
#include "staff/RekeyDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <array>

namespace cd::ui {

QString defaultVaultDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("vault"));
}

QString demoVaultDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo-vault"));
}

// The only things kept outside the encrypted vault: window geometry and the last vault folder.
// (~/.config/clinicdesk/clinicdesk.conf; the organisation name stays empty so that AppDataLocation,
// where the vaults live, does not move.)
const QString kSettingsScope = QStringLiteral("clinicdesk");
const QString kLastVaultKey = QStringLiteral("vault/last");
const QString kGeometryKey = QStringLiteral("window/geometry");

QString rememberedVaultDir()
{
    const QString last = QSettings(kSettingsScope, kSettingsScope).value(kLastVaultKey).toString();
    return !last.isEmpty() && Vault::exists(last) ? last : defaultVaultDir();
}

void rememberVaultDir(const QString& dir)
{
    QSettings(kSettingsScope, kSettingsScope).setValue(kLastVaultKey, QDir(dir).absolutePath());
}

namespace {

SecretBytes demoPassphrase()
{
    QByteArray p(kDemoPassphrase);
    return SecretBytes::takeFrom(p);
}

// The first unlock of the day writes the daily backup.
QString dailyBackup(Vault& vault)
{
    auto done = BackupSchedule(BackupSchedule::defaultFolder(vault.dir())).runAfterUnlock(vault);
    if (!done)
        return QObject::tr("The daily backup failed: %1").arg(done.message());
    return done->made ? QObject::tr("Daily backup written to %1.").arg(done->path) : QString();
}

} // namespace

Result<std::unique_ptr<Vault>> openDemo(const QString& dir)
{
    if (Vault::exists(dir))
        return Vault::open(dir, QStringLiteral("manager"), demoPassphrase());
    Vault::CreateOptions o;
    o.dir = dir;
    o.clinicName = QStringLiteral("Demo Aesthetics Clinic");
    o.kdf = KdfParams::calibrated();
    auto created = Vault::create(o, demoPassphrase());
    if (!created)
        return created.error();
    QProgressDialog progress(QObject::tr("Creating the demo vault…"), QString(), 0, 300);
    progress.setMinimumDuration(0);
    // The colleagues who wrote the demo's notes get key slots, so that each role can be tried.
    Accounts accounts(*created->vault);
    for (const auto& [user, name, role] :
         {std::array<const char*, 3>{"tom", "Tom Reed", "receptionist"},
          std::array<const char*, 3>{"priya", "Dr Priya Shah", "practitioner"},
          std::array<const char*, 3>{"sam", "Sam Okoye", "practitioner"}})
        if (auto added = accounts.add(QLatin1String(user), QString::fromUtf8(name), QLatin1String(role),
                                      demoPassphrase(), o.kdf);
            !added)
            return added.error();
    const Status filled =
        generateDemoData(created->vault->db(), DemoOptions{300, 1, 3}, [&](int done, int total) {
            progress.setMaximum(total);
            progress.setValue(done);
        });
    if (!filled)
        return filled.error();
    return std::move(created->vault);
}

QString afterOpening(Vault& vault)
{
    // An erasure whose ledger entry a crash lost is written now, before any backup or restore.
    if (auto st = syncErasureLedger(vault); !st)
        ask::warn(nullptr, QObject::tr("Clinicdesk"),
                  QObject::tr(
                      "The erasure ledger could not be brought up to date: %1 Make no restore until this is "
                      "solved.")
                      .arg(st.message()));
    rememberVaultDir(vault.dir());
    return dailyBackup(vault);
}

int runDesktop(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("clinicdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Clinicdesk"));
    QApplication::setApplicationVersion(QStringLiteral(CLINICDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.clinicdesk.Clinicdesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.clinicdesk.Clinicdesk.svg")));
    setUpLocaleAndTranslations(app);
    style::applyScheme();

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Encrypted front-desk CRM for aesthetics clinics."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOpt(QStringLiteral("vault"), QObject::tr("Open the vault in DIR."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
                                     QObject::tr("Open the demo vault (created on first use)."));
    // Opens a client's record at start (the README's screenshot is made with it).
    const QCommandLineOption clientOpt(QStringLiteral("open-client"),
                                       QObject::tr("Show the client with number ID."), QStringLiteral("ID"));
    parser.addOption(vaultOpt);
    parser.addOption(demoOpt);
    const QCommandLineOption diaryOpt(QStringLiteral("diary"), QObject::tr("Open the diary too."));
    parser.addOption(clientOpt);
    parser.addOption(diaryOpt);
    parser.process(app);

    std::unique_ptr<Vault> vault;
    SecretBytes oneTime; // typed at the unlock when it must be changed now
    if (parser.isSet(demoOpt)) {
        const QString dir = parser.isSet(vaultOpt) ? parser.value(vaultOpt) : demoVaultDir();
        auto opened = openDemo(dir);
        if (!opened) {
            ask::warn(nullptr, QObject::tr("Clinicdesk"), opened.message());
            return 1;
        }
        vault = std::move(opened.value());
    } else {
        const QString dir = parser.isSet(vaultOpt) ? parser.value(vaultOpt) : rememberedVaultDir();
        if (!Vault::exists(dir)) {
            SetupDialog setup(dir);
            if (setup.exec() != QDialog::Accepted || !(vault = setup.takeVault()))
                return 0;
        } else {
            UnlockDialog unlock(dir);
            if (unlock.exec() != QDialog::Accepted)
                return 0;
            vault = unlock.takeVault();
            oneTime = unlock.takeOneTimePassphrase();
        }
    }
    const QString backupNote = afterOpening(*vault);
    const QString dir = vault->dir();
    // A one-time passphrase from the manager is replaced before anything else.
    if (auto mustChange = Accounts(*vault).mustChangePassphrase(); mustChange && mustChange.value()) {
        ChangePassphraseDialog change(*vault, std::move(oneTime));
        if (change.exec() != QDialog::Accepted)
            return 0;
    }
    if (RekeyDialog::offersUpgrade(*vault)) {
        RekeyDialog upgrade(*vault, {});
        upgrade.exec();
    }
    Desk desk(dir, std::make_unique<Workspace>(std::move(vault)));
    MainWindow& window = *desk.window();
    window.restoreGeometry(QSettings(kSettingsScope, kSettingsScope).value(kGeometryKey).toByteArray());
    if (!backupNote.isEmpty())
        window.statusBar()->showMessage(backupNote, 15000);
    if (parser.isSet(clientOpt))
        window.openClient(parser.value(clientOpt).toLongLong());
    if (parser.isSet(diaryOpt))
        window.showDiary();
    // Remembered while the window exists: after a lock the window is a new one.
    QObject::connect(&app, &QApplication::aboutToQuit, &desk, [&desk] {
        if (desk.window())
            QSettings(kSettingsScope, kSettingsScope).setValue(kGeometryKey, desk.window()->saveGeometry());
    });
    return QApplication::exec();
}

} // namespace cd::ui
