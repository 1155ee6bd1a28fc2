#pragma once

// For the GUI suites (they link clinicdesk_ui): the real main window on a test vault, signed in.

#include "TestVault.h"
#include "desk/MainWindow.h"
#include "desk/Workspace.h"

#include <QTest>
#include <memory>

namespace cd::test {

// Signs in to the fixture's vault as `user` (the fixture lets go of its own copy), shows the main
// window and waits until it is on screen. Aborts the test program when either fails.
inline std::unique_ptr<ui::MainWindow> openWindow(TestVault& t,
                                                  const QString& user = QStringLiteral("manager"),
                                                  const char* passphrase = kPassphrase)
{
    auto opened = Vault::open(t.dir(), user, secret(passphrase));
    if (!opened)
        qFatal("%s", qPrintable(opened.message()));
    t.close();
    auto w = std::make_unique<ui::MainWindow>(std::make_unique<ui::Workspace>(std::move(opened.value())));
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qFatal("window not shown");
    return w;
}

} // namespace cd::test
