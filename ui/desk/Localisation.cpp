#include "desk/Localisation.h"

#include <QCoreApplication>
#include <QTranslator>

namespace cd::ui {

namespace {
// Where qt_add_translations puts the .qm files compiled from resources/translations.
const QString kTranslations = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("clinicdesk");
} // namespace

QLocale effectiveLocale(const QLocale& system)
{
    if (system.language() == QLocale::C)
        return QLocale(QLocale::English, QLocale::UnitedKingdom);
    return system;
}

QString setUpLocaleAndTranslations(QCoreApplication& app)
{
    const QLocale locale = effectiveLocale(QLocale::system());
    QLocale::setDefault(locale);
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, kPrefix, QStringLiteral("_"), kTranslations) ||
        translator->load(QLocale(QLocale::English, QLocale::UnitedKingdom), kPrefix, QStringLiteral("_"),
                         kTranslations)) {
        QCoreApplication::installTranslator(translator);
        return translator->language();
    }
    delete translator;
    return {};
}

} // namespace cd::ui
