#pragma once

#include "common/Result.h"

#include <QString>
#include <memory>

namespace cd {
class Vault;
}

namespace cd::ui {

// The demo vault's passphrase, printed in the README: the demo holds fictional people only.
inline const char* const kDemoPassphrase = "demo-clinic-passphrase";

QString defaultVaultDir();
QString demoVaultDir();
// The vault opened last (kept in QSettings with the window geometry: nothing else lives outside the
// vault), or defaultVaultDir() when there is none or it is no longer a vault.
QString rememberedVaultDir();
void rememberVaultDir(const QString& dir);
// Opens the demo vault in DIR as its manager, creating it on first use: fictional clinic, fictional
// people, and colleagues who can sign in to try the roles (tom a receptionist, priya and sam
// practitioners: the demo passphrase once, then a passphrase of their own, as a new colleague would).
Result<std::unique_ptr<Vault>> openDemo(const QString& dir);
// What every opened vault gets before the main window, the demo's included: the erasure ledger brought
// up to date, the first unlock of the day's backup, and the folder remembered for the next start.
// Returns what to say in the status bar (empty when nothing).
QString afterOpening(Vault& vault);
// `clinicdesk [--vault DIR] [--demo] [--open-client ID] [--diary]`: set-up, unlock, then the main window.
int runDesktop(int argc, char** argv);

} // namespace cd::ui
