// The desk's palette read as WCAG 2.1 reads it: every colour the desk writes text in stands at least
// 4.5:1 (AA) against every background it is written on, the window's own included; the edge of a
// cancelled booking (not text) at least 3:1 against the diary's background.
#include "common/Style.h"

#include <QApplication>
#include <QIcon>
#include <QImage>
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
        // The light scheme is drawn on the system's own light palette; the dark one sets its own.
        const QRgb systemWindow = QApplication::palette().color(QPalette::Window).rgb();
        const QRgb systemBase = QApplication::palette().color(QPalette::Base).rgb();
        for (const palette::Scheme* s : {&palette::light(), &palette::dark()}) {
            const char* name = s->dark ? "dark" : "light";
            const std::pair<const char*, QRgb> texts[] = {{"text", s->text},
                                                          {"muted", s->muted},
                                                          {"error", s->error},
                                                          {"success", s->success},
                                                          {"warning", s->warning},
                                                          {"accent", s->accent},
                                                          {"diary times", s->gutterText}};
            QList<std::pair<const char*, QRgb>> backgrounds = {{"window", s->window},
                                                               {"base", s->base},
                                                               {"error banner", s->errorBackground},
                                                               {"success banner", s->successBackground},
                                                               {"warning banner", s->warningBackground},
                                                               {"accent banner", s->accentBackground},
                                                               {"cancelled booking", s->inactiveBackground},
                                                               {"closed hours", s->closedHours},
                                                               {"today", s->todayBackground}};
            if (!s->dark)
                backgrounds << std::pair{"system window", systemWindow}
                            << std::pair{"system base", systemBase};
            for (const auto& [t, tc] : texts)
                for (const auto& [b, bc] : backgrounds)
                    QTest::addRow("%s: %s on %s", name, t, b) << tc << bc;
        }
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
        for (const palette::Scheme* s : {&palette::light(), &palette::dark()})
            for (QRgb background : {s->base, s->closedHours, s->todayBackground})
                QVERIFY2(contrast(s->inactive, background) >= 3.0, qPrintable(QColor(background).name()));
    }

    // The icon set: every icon is a picture at every size, drawn in the scheme's text colour, so that
    // it stands out on a dark desk as on a light one.
    void theIconsAreDrawnInTheSchemesInk()
    {
        const QStringList names = style::iconNames();
        QVERIFY2(names.size() >= 15, qPrintable(names.join(QLatin1Char(' '))));
        for (const palette::Scheme* s : {&palette::light(), &palette::dark()}) {
            palette::use(*s);
            for (const QString& name : names) {
                const QIcon icon = style::icon(name);
                QVERIFY2(!icon.isNull(), qPrintable(name));
                const QImage img = icon.pixmap(48, 48).toImage();
                QCOMPARE(img.size(), QSize(48, 48));
                int inked = 0;
                for (int y = 0; y < img.height(); ++y)
                    for (int x = 0; x < img.width(); ++x) {
                        const QColor c = img.pixelColor(x, y);
                        if (c.alpha() == 255) {
                            ++inked;
                            QCOMPARE(c.rgb(), s->text);
                        }
                    }
                QVERIFY2(inked > 40, qPrintable(name)); // a drawing, not an empty square
            }
        }
        palette::use(palette::light());
        QVERIFY(style::icon(QStringLiteral("no-such-icon")).isNull());
    }

    // The desk follows the system: CLINICDESK_THEME=dark (as a dark desktop would) gives the dark scheme
    // and a dark application palette whose text reaches AA; white text on its selection too.
    void darkFollowsTheSystem()
    {
        QCOMPARE(palette::now().dark, false); // light until told (the tests run on a light palette)
        qputenv("CLINICDESK_THEME", "dark");
        style::applyScheme();
        qunsetenv("CLINICDESK_THEME");
        QVERIFY(palette::now().dark);
        const QPalette p = QApplication::palette();
        QVERIFY(p.color(QPalette::Window).lightness() < 60);
        QVERIFY(contrast(p.color(QPalette::WindowText).rgb(), p.color(QPalette::Window).rgb()) >= 4.5);
        QVERIFY(contrast(p.color(QPalette::Text).rgb(), p.color(QPalette::Base).rgb()) >= 4.5);
        QVERIFY(contrast(p.color(QPalette::HighlightedText).rgb(), p.color(QPalette::Highlight).rgb()) >=
                4.5);
        QVERIFY(contrast(p.color(QPalette::Disabled, QPalette::Text).rgb(), p.color(QPalette::Base).rgb()) >=
                3.0);
        // Now on a dark system palette, nothing said: still dark (it follows the system).
        style::applyScheme();
        QVERIFY(palette::now().dark);
        palette::use(palette::light());
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
