#pragma once

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QString>
#include <QStringList>

class QLabel;
class QPushButton;
class QTreeWidget;
class QWidget;

namespace cd::ui {

// The desk's colours, by what they mean: every window takes them from here, so one red means
// "refused, overdue, owed" everywhere and a change of colour is one edit.
namespace palette {

// One scheme per appearance. Every text colour stands at least 4.5:1 (WCAG AA) on every background
// the desk writes it on, the window's included, in both schemes (tst_palette).
struct Scheme
{
    bool dark = false;
    QRgb window, base;           // what the scheme paints behind everything (dark: set on the application)
    QRgb text, muted;            // muted: cancelled, secondary
    QRgb error, errorBackground; // refused, overdue, expired, owed, restricted
    QRgb success, successBackground;   // paid, accepted, attended, a free slot
    QRgb warning, warningBackground;   // held back, due soon
    QRgb accent, accentBackground;     // today, booked, the selection
    QRgb inactive, inactiveBackground; // a cancelled booking's edge (3:1, not text) and fill
    QRgb closedHours, todayBackground, nowLine, photoBackground;
    QRgb line, strongLine, gutterText; // the diary's grid: quarter hours, hours, the times beside them
};

const Scheme& light();
const Scheme& dark();
// The scheme in use: light until style::applyScheme() chooses (the system's, or CLINICDESK_THEME).
const Scheme& now();
void use(const Scheme& scheme);

inline QString css(QRgb c)
{
    return QColor(c).name();
}

inline QColor withAlpha(QRgb c, int alpha)
{
    QColor out(c);
    out.setAlpha(alpha);
    return out;
}

} // namespace palette

// The few ways the desk shows a message, built from the palette; its type sizes and spacing.
namespace style {

// Light or dark, following the system: dark when the platform's window colour is dark (a desktop in
// dark mode), or as CLINICDESK_THEME=light|dark says. Sets the application palette to match. Call once
// after the QApplication exists, before any window.
void applyScheme();

// Type sizes, relative to the desktop's own font (a user's larger text stays larger).
enum class TextSize { Small, Body, Large, Title };
QFont font(TextSize size, bool strong = false);
// Spacing, in pixels: between small parts, between cards and groups, inside a card, between sections.
namespace spacing {
inline constexpr int tight = 4;
inline constexpr int gap = 8;
inline constexpr int card = 12;
inline constexpr int section = 16;
} // namespace spacing
// A card: the base colour, a hairline border, rounded corners (the client overview's tiles).
void setCard(QWidget* frame);
// One of the desk's icons (resources/icons/actions/NAME.svg), drawn in the scheme's text colour (and
// its muted colour when disabled); a null icon for a name that is not in the set.
QIcon icon(const QString& name);
// The names in the set, for the tests.
QStringList iconNames();

enum class Tone { Plain, Muted, Error, Warning, Success, Info };
// A label for what went wrong (word-wrapped, red); hidden until there is something to say when
// `hidden`.
QLabel* errorLabel(const QString& objectName, bool hidden = false);
// The colour of a widget's text by what it says (Plain: the normal colour); `strong` makes it bold.
void setTone(QWidget* widget, Tone tone, bool strong = false);
// A banner across a tab or dialog: a restriction, a warning, a frozen record.
void setBanner(QLabel* label, Tone tone);
// A line edit whose content is refused, outlined in red (false: back to normal).
void setRefused(QWidget* edit, bool refused);
// A button that destroys data (erase): white on red while enabled.
void setDestructive(QPushButton* button);
// Rich text in red, for a message inside a longer text; `html` is inserted as it is.
QString errorHtml(const QString& html);
// Rich text in the muted grey (a label beside a value, a hint); `html` is inserted as it is.
QString mutedHtml(const QString& html);
// An inline badge ("RESTRICTED") in the error colours.
QString badgeHtml(const QString& text);
// A list of rows with a header, as the records tabs and dialogs show them.
QTreeWidget* listTable(const QString& objectName, const QStringList& headers);

} // namespace style
} // namespace cd::ui
