#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

class QWidget;

namespace cd::ui::ask {

// Every question the desk asks in a standard dialog goes through here: the file to save to or to
// open, a yes or no before something that cannot be undone, a line or a paragraph of text, a
// message to acknowledge. One seam: tests answer in place of the user (setResponder) and see what
// was asked, instead of each window keeping a hook of its own.
struct Question
{
    enum class Kind { SaveFile, OpenFile, OpenFiles, Confirm, Text, Inform, Warn };
    Kind kind = Kind::Inform;
    QString title;
    QString text;      // the question or message; Text: the label above the box
    QString suggested; // SaveFile: a file name (offered in Documents, or a full path); Text: the text offered
    QString filter;    // files: "CSV files (*.csv)"
    QString yes, no;   // Confirm, Text: the buttons' words when not OK and Cancel
    bool destructive = false; // Confirm: going ahead destroys data
    bool multiline = false;   // Text
    QString details;          // Confirm: more, in rich text, under the question
};

struct Answer
{
    bool accepted = false; // Confirm: yes; Text and files: not cancelled
    QStringList files;
    QString text;
};

using Responder = std::function<Answer(QWidget* parent, const Question& question)>;
// Tests: every question is answered by `responder` until it is replaced; empty: real dialogs again.
void setResponder(Responder responder);

// Empty when cancelled.
QString saveFile(QWidget* parent, const QString& title, const QString& suggested, const QString& filter);
QString openFile(QWidget* parent, const QString& title, const QString& filter, const QString& folder = {});
QStringList openFiles(QWidget* parent, const QString& title, const QString& filter,
                      const QString& folder = {});
// True to go ahead; `yes` names what going ahead does ("Merge", "Delete 3 images").
bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& yes,
             bool destructive = false);
// The same with every part of the question (details, the cancel button's words); parent: none.
bool confirm(const Question& question);
// nullopt when cancelled.
std::optional<QString> text(QWidget* parent, const Question& question);
void inform(QWidget* parent, const QString& title, const QString& text);
void warn(QWidget* parent, const QString& title, const QString& text);

} // namespace cd::ui::ask
