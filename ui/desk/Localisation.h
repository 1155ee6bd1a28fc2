#pragma once

#include <QLocale>

class QCoreApplication;

namespace cd::ui {

// The locale the program formats with: the system's, except that a C/POSIX system (a bare
// server, a container, a kiosk set up by hand) gets British English: dd/MM/yyyy and £.
QLocale effectiveLocale(const QLocale& system);

// Sets the default locale (see effectiveLocale) and installs the compiled translation for it,
// falling back to en_GB, whose translation carries the English plural forms ("1 client",
// "2 clients"). Returns the name of the translation installed, empty if none.
QString setUpLocaleAndTranslations(QCoreApplication& app);

} // namespace cd::ui
