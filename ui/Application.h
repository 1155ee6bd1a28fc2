#pragma once

#include <QString>

namespace cd::ui {

// The demo vault's passphrase, printed in the README: the demo holds fictional people only.
inline const char* const kDemoPassphrase = "demo-clinic-passphrase";

QString defaultVaultDir();
QString demoVaultDir();
// `clinicdesk [--vault DIR] [--demo]`: set-up, unlock, then the main window.
int runDesktop(int argc, char** argv);

} // namespace cd::ui
