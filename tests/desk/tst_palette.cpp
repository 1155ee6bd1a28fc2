// The desk's palette read as WCAG 2.1 reads it: every colour the desk writes text in stands at least
// 4.5:1 (AA) against every background it is written on, the window's own included; the edge of a
// cancelled booking (not text) at least 3:1 against the diary's background.
#include "common/Style.h"

#include <QApplication>
#include <QPalette>
#include <QTest>
#include <cmath>

using namespace cd::ui;

namespace {

// Relative luminance (WCAG 2.1, 1.4.3).
double luminance(QRgb c)
{
    const auto channel = [](int v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(qRed(c)) + 0.7152 * channel(qGreen(c)) + 0.0722 * channel(qBlue(c));
}

double contrast(QRgb a, QRgb b)
{
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theFormulaIsWcags()
    {
        QCOMPARE(qRound(contrast(qRgb(0, 0, 0), qRgb(255, 255, 255)) * 100), 2100);         // 21:1
        QCOMPARE(qRound(contrast(qRgb(0x77, 0x77, 0x77), qRgb(255, 255, 255)) * 100), 448); // just under AA
    }

    void textTonesReachAaOnEveryBackground_data()
    {
        QTest::addColumn<QRgb>("text");
        QTest::addColumn<QRgb>("background");
        const QRgb window = QApplication::palette().color(QPalette::Window).rgb();
        const QRgb base = QApplication::palette().color(QPalette::Base).rgb();
        const std::pair<const char*, QRgb> texts[] = {
            {"text", palette::text},       {"muted", palette::muted},     {"error", palette::error},
            {"success", palette::success}, {"warning", palette::warning}, {"accent", palette::accent}};
        const std::pair<const char*, QRgb> backgrounds[] = {
            {"window", window},
            {"base", base},
            {"white", qRgb(255, 255, 255)},
            {"error banner", palette::errorBackground},
            {"success banner", palette::successBackground},
            {"warning banner", palette::warningBackground},
            {"accent banner", palette::accentBackground},
            {"cancelled booking", palette::inactiveBackground},
            {"closed hours", palette::closedHours},
            {"today", palette::todayBackground}};
        for (const auto& [t, tc] : texts)
            for (const auto& [b, bc] : backgrounds)
                QTest::addRow("%s on %s", t, b) << tc << bc;
    }
    void textTonesReachAaOnEveryBackground()
    {
        QFETCH(QRgb, text);
        QFETCH(QRgb, background);
        const double ratio = contrast(text, background);
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3:1, below 4.5:1")
                                              .arg(QColor(text).name(), QColor(background).name())
                                              .arg(ratio, 0, 'f', 2)));
    }

    // Not text: a cancelled booking's edge must still be seen (WCAG 1.4.11, 3:1).
    void aCancelledBookingsEdgeIsSeen()
    {
        for (QRgb background : {qRgb(255, 255, 255), palette::closedHours, palette::todayBackground})
            QVERIFY2(contrast(palette::inactive, background) >= 3.0, qPrintable(QColor(background).name()));
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
