#pragma once

#include <QColor>
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

inline constexpr QRgb text = qRgb(0x21, 0x21, 0x21);
// Every text colour stands at least 4.5:1 (WCAG AA) on every background the desk writes it on, the
// window's grey included (tst_palette).
inline constexpr QRgb muted = qRgb(0x5f, 0x5f, 0x5f); // cancelled, secondary
inline constexpr QRgb error = qRgb(0xb0, 0x00, 0x20); // refused, overdue, expired, owed, restricted
inline constexpr QRgb errorBackground = qRgb(0xfd, 0xe7, 0xe9);
inline constexpr QRgb success = qRgb(0x1b, 0x6e, 0x20); // paid, accepted, attended, a free slot
inline constexpr QRgb successBackground = qRgb(0xdc, 0xf0, 0xe3);
inline constexpr QRgb warning = qRgb(0x8a, 0x5a, 0x00); // held back, due soon
inline constexpr QRgb warningBackground = qRgb(0xff, 0xf4, 0xd6);
inline constexpr QRgb accent = qRgb(0x1f, 0x5f, 0xb4); // today, booked, the selection
inline constexpr QRgb accentBackground = qRgb(0xdd, 0xea, 0xfb);
inline constexpr QRgb inactive = qRgb(0x85, 0x85, 0x85); // a cancelled booking's edge (3:1, not text)
inline constexpr QRgb inactiveBackground = qRgb(0xee, 0xee, 0xee);
inline constexpr QRgb closedHours = qRgb(0xf6, 0xf6, 0xf6);
inline constexpr QRgb todayBackground = qRgb(0xff, 0xfb, 0xe6);
inline constexpr QRgb nowLine = qRgb(0xd3, 0x2f, 0x2f);
inline constexpr QRgb photoBackground = qRgb(0x30, 0x30, 0x30);

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

// The few ways the desk shows a message, built from the palette.
namespace style {

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
