#include "common/Style.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QPalette>
#include <QPixmap>
#include <QPushButton>
#include <QStyleFactory>
#include <QTreeWidget>

namespace cd::ui::palette {

namespace {

// Fusion's light window (#efefef) and white base; muted #5f5f5f is the lightest grey reaching 4.5:1 on
// the window grey.
constexpr Scheme kLight{false,
                        qRgb(0xef, 0xef, 0xef),
                        qRgb(0xff, 0xff, 0xff),
                        qRgb(0x21, 0x21, 0x21),
                        qRgb(0x5f, 0x5f, 0x5f),
                        qRgb(0xb0, 0x00, 0x20),
                        qRgb(0xfd, 0xe7, 0xe9),
                        qRgb(0x1b, 0x6e, 0x20),
                        qRgb(0xdc, 0xf0, 0xe3),
                        qRgb(0x8a, 0x5a, 0x00),
                        qRgb(0xff, 0xf4, 0xd6),
                        qRgb(0x1f, 0x5f, 0xb4),
                        qRgb(0xdd, 0xea, 0xfb),
                        qRgb(0x85, 0x85, 0x85),
                        qRgb(0xee, 0xee, 0xee),
                        qRgb(0xf6, 0xf6, 0xf6),
                        qRgb(0xff, 0xfb, 0xe6),
                        qRgb(0xd3, 0x2f, 0x2f),
                        qRgb(0x30, 0x30, 0x30),
                        qRgb(0xe3, 0xe3, 0xe3),
                        qRgb(0xc4, 0xc4, 0xc4),
                        qRgb(0x55, 0x55, 0x55)};

// The same meanings on a near-black desk: lighter tints for text, deep tints for banners.
constexpr Scheme kDark{true,
                       qRgb(0x20, 0x21, 0x24),
                       qRgb(0x17, 0x18, 0x1a),
                       qRgb(0xe8, 0xe8, 0xe8),
                       qRgb(0xa6, 0xa6, 0xa6),
                       qRgb(0xff, 0x8c, 0x8c),
                       qRgb(0x3d, 0x1a, 0x1d),
                       qRgb(0x7f, 0xd0, 0x8a),
                       qRgb(0x18, 0x32, 0x1f),
                       qRgb(0xf2, 0xc4, 0x6d),
                       qRgb(0x3a, 0x2e, 0x10),
                       qRgb(0x8a, 0xb4, 0xf8),
                       qRgb(0x1a, 0x2b, 0x45),
                       qRgb(0x8a, 0x8a, 0x8a),
                       qRgb(0x2b, 0x2b, 0x2e),
                       qRgb(0x23, 0x24, 0x27),
                       qRgb(0x2e, 0x2a, 0x17),
                       qRgb(0xff, 0x6b, 0x6b),
                       qRgb(0x11, 0x11, 0x11),
                       qRgb(0x2e, 0x30, 0x33),
                       qRgb(0x4a, 0x4c, 0x50),
                       qRgb(0xb0, 0xb0, 0xb0)};

const Scheme* g_scheme = &kLight;

} // namespace

const Scheme& light()
{
    return kLight;
}

const Scheme& dark()
{
    return kDark;
}

const Scheme& now()
{
    return *g_scheme;
}

void use(const Scheme& scheme)
{
    g_scheme = &scheme;
}

} // namespace cd::ui::palette

namespace cd::ui::style {

void applyScheme()
{
    const QByteArray wanted = qgetenv("CLINICDESK_THEME").toLower();
    const bool systemDark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    const bool dark = wanted == "dark" || (wanted != "light" && systemDark);
    palette::use(dark ? palette::dark() : palette::light());
    if (!dark)
        return; // the system's own light palette, which the light scheme is checked against
    const palette::Scheme& s = palette::now();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    p.setColor(QPalette::Window, s.window);
    p.setColor(QPalette::WindowText, s.text);
    p.setColor(QPalette::Base, s.base);
    p.setColor(QPalette::AlternateBase, s.window);
    p.setColor(QPalette::Text, s.text);
    p.setColor(QPalette::Button, qRgb(0x2c, 0x2d, 0x31));
    p.setColor(QPalette::ButtonText, s.text);
    p.setColor(QPalette::BrightText, s.error);
    p.setColor(QPalette::Highlight, qRgb(0x3b, 0x6f, 0xc4)); // white on it: 4.9:1
    p.setColor(QPalette::HighlightedText, qRgb(0xff, 0xff, 0xff));
    p.setColor(QPalette::ToolTipBase, qRgb(0x2c, 0x2d, 0x31));
    p.setColor(QPalette::ToolTipText, s.text);
    p.setColor(QPalette::PlaceholderText, s.muted);
    p.setColor(QPalette::Link, s.accent);
    p.setColor(QPalette::LinkVisited, s.accent);
    p.setColor(QPalette::Light, qRgb(0x3a, 0x3b, 0x3f));
    p.setColor(QPalette::Midlight, qRgb(0x33, 0x34, 0x38));
    p.setColor(QPalette::Mid, qRgb(0x2a, 0x2b, 0x2e));
    p.setColor(QPalette::Dark, qRgb(0x15, 0x16, 0x18));
    p.setColor(QPalette::Shadow, qRgb(0x00, 0x00, 0x00));
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, qRgb(0x80, 0x80, 0x80));
    QApplication::setPalette(p);
}

QFont font(TextSize size, bool strong)
{
    QFont f = QApplication::font();
    const double factor = size == TextSize::Small   ? 0.85
                          : size == TextSize::Large ? 1.2
                          : size == TextSize::Title ? 1.6
                                                    : 1.0;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * factor);
    else
        f.setPixelSize(qRound(f.pixelSize() * factor));
    if (strong)
        f.setWeight(QFont::DemiBold);
    return f;
}

namespace {

QPixmap drawIcon(const QByteArray& svg, QRgb colour, int size)
{
    QByteArray coloured = svg;
    coloured.replace("#000000", QColor(colour).name().toLatin1());
    QBuffer buffer(&coloured);
    QImageReader reader(&buffer, "svg");
    reader.setScaledSize(QSize(size, size));
    return QPixmap::fromImage(reader.read());
}

} // namespace

QIcon icon(const QString& name)
{
    QFile file(QStringLiteral(":/actions/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll();
    QIcon out;
    for (int size : {16, 24, 32, 48}) {
        out.addPixmap(drawIcon(svg, palette::now().text, size), QIcon::Normal);
        out.addPixmap(drawIcon(svg, palette::now().muted, size), QIcon::Disabled);
    }
    return out;
}

QStringList iconNames()
{
    QStringList names;
    for (const QString& file : QDir(QStringLiteral(":/actions")).entryList({QStringLiteral("*.svg")}))
        names << file.chopped(4);
    return names;
}

void setCard(QWidget* frame)
{
    frame->setAttribute(Qt::WA_StyledBackground);
    frame->setStyleSheet(
        QStringLiteral("#%1 { background: %2; border: 1px solid %3; border-radius: 6px; }")
            .arg(frame->objectName(), palette::css(palette::now().base), palette::css(palette::now().line)));
}

QLabel* errorLabel(const QString& objectName, bool hidden)
{
    auto* l = new QLabel;
    l->setObjectName(objectName);
    l->setWordWrap(true);
    setTone(l, Tone::Error);
    if (hidden)
        l->hide();
    return l;
}

namespace {

QRgb colourOf(Tone tone)
{
    switch (tone) {
    case Tone::Error:
        return palette::now().error;
    case Tone::Warning:
        return palette::now().warning;
    case Tone::Success:
        return palette::now().success;
    case Tone::Info:
        return palette::now().accent;
    case Tone::Muted:
        return palette::now().muted;
    case Tone::Plain:
        break;
    }
    return palette::now().text;
}

} // namespace

void setTone(QWidget* widget, Tone tone, bool strong)
{
    // A message wraps rather than widening its dialog as it comes and goes.
    if (auto* label = qobject_cast<QLabel*>(widget); label && tone != Tone::Plain)
        label->setWordWrap(true);
    if (tone == Tone::Plain && !strong) {
        widget->setStyleSheet(QString());
        return;
    }
    widget->setStyleSheet(
        QStringLiteral("color: %1%2")
            .arg(palette::css(colourOf(tone)), strong ? QStringLiteral("; font-weight: 600") : QString()));
}

void setRefused(QWidget* edit, bool refused)
{
    edit->setStyleSheet(refused
                            ? QStringLiteral("border: 1px solid %1;").arg(palette::css(palette::now().error))
                            : QString());
}

void setBanner(QLabel* label, Tone tone)
{
    const QRgb background = tone == Tone::Error     ? palette::now().errorBackground
                            : tone == Tone::Warning ? palette::now().warningBackground
                            : tone == Tone::Success ? palette::now().successBackground
                                                    : palette::now().accentBackground;
    const QRgb text = tone == Tone::Error ? palette::now().error : palette::now().text;
    label->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 6px; border-radius: 3px; }")
            .arg(palette::css(background), palette::css(text)));
}

void setDestructive(QPushButton* button)
{
    button->setStyleSheet(
        QStringLiteral("QPushButton:enabled { color: white; background: %1; padding: 4px 12px; }")
            .arg(palette::css(palette::now().error)));
}

QString errorHtml(const QString& html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(palette::css(palette::now().error), html);
}

QString mutedHtml(const QString& html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(palette::css(palette::now().muted), html);
}

QString badgeHtml(const QString& text)
{
    return QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span>")
        .arg(palette::css(palette::now().errorBackground), palette::css(palette::now().error),
             text.toHtmlEscaped());
}

QTreeWidget* listTable(const QString& objectName, const QStringList& headers)
{
    auto* t = new QTreeWidget;
    t->setObjectName(objectName);
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setAlternatingRowColors(true);
    t->setUniformRowHeights(true);
    return t;
}

} // namespace cd::ui::style
