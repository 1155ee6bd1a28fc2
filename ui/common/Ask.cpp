#include "common/Ask.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace cd::ui::ask {

namespace {

Responder& responder()
{
    static Responder r;
    return r;
}

Answer real(QWidget* parent, const Question& q)
{
    Answer a;
    switch (q.kind) {
    case Question::Kind::SaveFile: {
        const QString start = QDir::isAbsolutePath(q.suggested)
                                  ? q.suggested
                                  : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                                        QLatin1Char('/') + q.suggested;
        const QString path = QFileDialog::getSaveFileName(parent, q.title, start, q.filter);
        a.accepted = !path.isEmpty();
        if (a.accepted)
            a.files << path;
        break;
    }
    case Question::Kind::OpenFile: {
        const QString path = QFileDialog::getOpenFileName(parent, q.title, q.suggested, q.filter);
        a.accepted = !path.isEmpty();
        if (a.accepted)
            a.files << path;
        break;
    }
    case Question::Kind::OpenFiles:
        a.files = QFileDialog::getOpenFileNames(parent, q.title, q.suggested, q.filter);
        a.accepted = !a.files.isEmpty();
        break;
    case Question::Kind::Confirm: {
        QMessageBox box(q.destructive ? QMessageBox::Warning : QMessageBox::Question, q.title, q.text,
                        QMessageBox::NoButton, parent);
        if (!q.details.isEmpty()) {
            box.setTextFormat(Qt::RichText);
            box.setInformativeText(q.details);
        }
        QPushButton* yes =
            box.addButton(q.yes, q.destructive ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
        QPushButton* no = box.addButton(QMessageBox::Cancel);
        if (!q.no.isEmpty())
            no->setText(q.no);
        // Enter must not destroy anything: the safe answer is the default.
        box.setDefaultButton(q.destructive ? no : yes);
        box.setEscapeButton(no);
        box.exec();
        a.accepted = box.clickedButton() == yes;
        break;
    }
    case Question::Kind::Text: {
        QInputDialog d(parent);
        d.setWindowTitle(q.title);
        d.setLabelText(q.text);
        d.setTextValue(q.suggested);
        if (q.multiline)
            d.setOption(QInputDialog::UsePlainTextEditForTextInput);
        if (!q.yes.isEmpty())
            d.setOkButtonText(q.yes);
        if (!q.no.isEmpty())
            d.setCancelButtonText(q.no);
        a.accepted = d.exec() == QDialog::Accepted;
        a.text = d.textValue();
        break;
    }
    case Question::Kind::Inform:
        QMessageBox::information(parent, q.title, q.text);
        a.accepted = true;
        break;
    case Question::Kind::Warn:
        QMessageBox::warning(parent, q.title, q.text);
        a.accepted = true;
        break;
    }
    return a;
}

Answer ask(QWidget* parent, const Question& q)
{
    return responder() ? responder()(parent, q) : real(parent, q);
}

Question question(Question::Kind kind, const QString& title, const QString& text,
                  const QString& suggested = {}, const QString& filter = {})
{
    Question q;
    q.kind = kind;
    q.title = title;
    q.text = text;
    q.suggested = suggested;
    q.filter = filter;
    return q;
}

QString firstFile(const Answer& a)
{
    return a.accepted && !a.files.isEmpty() ? a.files.first() : QString();
}

} // namespace

void setResponder(Responder r)
{
    responder() = std::move(r);
}

QString saveFile(QWidget* parent, const QString& title, const QString& suggested, const QString& filter)
{
    return firstFile(ask(parent, question(Question::Kind::SaveFile, title, {}, suggested, filter)));
}

QString openFile(QWidget* parent, const QString& title, const QString& filter, const QString& folder)
{
    return firstFile(ask(parent, question(Question::Kind::OpenFile, title, {}, folder, filter)));
}

QStringList openFiles(QWidget* parent, const QString& title, const QString& filter, const QString& folder)
{
    const Answer a = ask(parent, question(Question::Kind::OpenFiles, title, {}, folder, filter));
    return a.accepted ? a.files : QStringList();
}

bool confirm(const Question& question)
{
    Question q = question;
    q.kind = Question::Kind::Confirm;
    return ask(nullptr, q).accepted;
}

bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& yes, bool destructive)
{
    Question q = question(Question::Kind::Confirm, title, text);
    q.yes = yes;
    q.destructive = destructive;
    return ask(parent, q).accepted;
}

std::optional<QString> text(QWidget* parent, const Question& question)
{
    Question q = question;
    q.kind = Question::Kind::Text;
    const Answer a = ask(parent, q);
    if (!a.accepted)
        return std::nullopt;
    return a.text;
}

void inform(QWidget* parent, const QString& title, const QString& text)
{
    ask(parent, question(Question::Kind::Inform, title, text));
}

void warn(QWidget* parent, const QString& title, const QString& text)
{
    ask(parent, question(Question::Kind::Warn, title, text));
}

} // namespace cd::ui::ask
