#pragma once

#include <QDialog>

namespace cd::ui {

class Workspace;

// Help → About and Help → Privacy: a titled page of text with a Close button. The text label is
// named "infoText" for tests and screen readers.
class InfoDialog final : public QDialog
{
    Q_OBJECT
public:
    InfoDialog(const QString& objectName, const QString& title, const QString& html,
               QWidget* parent = nullptr);
    QString text() const;
};

// Program version, SQLCipher (and its SQLite) version, Qt version.
QString aboutText(Workspace& workspace);
// Where this vault's data lives, how the recovery key works, what is never written unencrypted.
QString privacyText(Workspace& workspace);

void showAboutDialog(Workspace& workspace, QWidget* parent);
void showPrivacyDialog(Workspace& workspace, QWidget* parent);

} // namespace cd::ui
