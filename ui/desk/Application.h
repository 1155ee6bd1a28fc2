#pragma once

#include <QString>

namespace cd::ui {

// The demo vault's passphrase, printed in the README: the demo holds fictional people only.
inline const char* const kDemoPassphrase = "demo-clinic-passphrase";

QString defaultVaultDir();
QString demoVaultDir();
// The vault opened last (kept in QSettings with the window geometry: nothing else lives outside the
// vault), or defaultVaultDir() when there is none or it is no longer a vault.
QString rememberedVaultDir();
void rememberVaultDir(const QString& dir);
// `clinicdesk [--vault DIR] [--demo]`: set-up, unlock, then the main window.
int runDesktop(int argc, char** argv);

} // namespace cd::ui
