#pragma once

#include <QDialog>
#include <QMap>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace cd {
class ConsentStore;
enum class ContactChannel;
} // namespace cd

namespace cd::ui {

// Marketing consent per channel. Every change is recorded with how it was given or withdrawn and
// by whom; nothing is overwritten, so the history answers "when did she agree to emails?".
class ConsentDialog final : public QDialog
{
    Q_OBJECT
public:
    ConsentDialog(ConsentStore& consent, qint64 clientId, qint64 staffId, QWidget* parent = nullptr);

private:
    void save();

    ConsentStore& m_consent;
    qint64 m_clientId;
    qint64 m_staffId;
    QMap<ContactChannel, QCheckBox*> m_boxes;
    QMap<ContactChannel, bool> m_before;
    QLineEdit* m_method;
    QLabel* m_error;
};

} // namespace cd::ui
