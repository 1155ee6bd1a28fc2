#include "common/Style.h"

#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

namespace cd::ui::style {

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
        return palette::error;
    case Tone::Warning:
        return palette::warning;
    case Tone::Success:
        return palette::success;
    case Tone::Info:
        return palette::accent;
    case Tone::Muted:
        return palette::muted;
    case Tone::Plain:
        break;
    }
    return palette::text;
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
    edit->setStyleSheet(refused ? QStringLiteral("border: 1px solid %1;").arg(palette::css(palette::error))
                                : QString());
}

void setBanner(QLabel* label, Tone tone)
{
    const QRgb background = tone == Tone::Error     ? palette::errorBackground
                            : tone == Tone::Warning ? palette::warningBackground
                            : tone == Tone::Success ? palette::successBackground
                                                    : palette::accentBackground;
    const QRgb text = tone == Tone::Error ? palette::error : palette::text;
    label->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 6px; border-radius: 3px; }")
            .arg(palette::css(background), palette::css(text)));
}

void setDestructive(QPushButton* button)
{
    button->setStyleSheet(
        QStringLiteral("QPushButton:enabled { color: white; background: %1; padding: 4px 12px; }")
            .arg(palette::css(palette::error)));
}

QString errorHtml(const QString& html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(palette::css(palette::error), html);
}

QString mutedHtml(const QString& html)
{
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(palette::css(palette::muted), html);
}

QString badgeHtml(const QString& text)
{
    return QStringLiteral("<span style='background:%1;color:%2'>&nbsp;%3&nbsp;</span>")
        .arg(palette::css(palette::errorBackground), palette::css(palette::error), text.toHtmlEscaped());
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
