#include "clients/ConsentDialog.h"

#include "clients/Interaction.h"
#include "common/Style.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

ConsentDialog::ConsentDialog(ConsentStore& consent, qint64 clientId, qint64 staffId, QWidget* parent)
    : QDialog(parent), m_consent(consent), m_clientId(clientId), m_staffId(staffId)
{
    setWindowTitle(tr("Marketing consent"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Tick each channel the client has agreed to be contacted on for marketing.")));
    static const QMap<ContactChannel, QString> shortcuts{{ContactChannel::Email, tr("&Email")},
                                                         {ContactChannel::Sms, tr("&Text messages")},
                                                         {ContactChannel::Phone, tr("&Phone calls")},
                                                         {ContactChannel::Post, tr("P&ost")}};
    auto current = consent.current(clientId);
    for (ContactChannel ch : vocab::all<ContactChannel>()) {
        auto* box = new QCheckBox(shortcuts.value(ch, vocab::label(ch)));
        box->setObjectName(QStringLiteral("consent_") + vocab::code(ch));
        bool granted = false;
        if (current)
            for (const auto& [channel, g] : current.value())
                if (channel == ch)
                    granted = g;
        box->setChecked(granted);
        m_before.insert(ch, granted);
        m_boxes.insert(ch, box);
        layout->addWidget(box);
    }
    m_method = new QLineEdit;
    m_method->setObjectName(QStringLiteral("consentMethod"));
    m_method->setPlaceholderText(tr("e.g. ticked the box on the website form; asked on the phone"));
    auto* form = new QFormLayout;
    form->addRow(tr("&How was it given or withdrawn?"), m_method);
    layout->addLayout(form);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("consentError"));
    style::setTone(m_error, style::Tone::Error);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("consentSave"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConsentDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ConsentDialog::save()
{
    QList<ContactChannel> changed;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        if (it.value()->isChecked() != m_before.value(it.key()))
            changed << it.key();
    if (changed.isEmpty())
        return accept();
    if (m_method->text().trimmed().isEmpty()) {
        m_error->setText(tr("Say how the client gave or withdrew consent: it is part of the record."));
        m_method->setFocus();
        return;
    }
    ConsentStore& store = m_consent;
    for (ContactChannel ch : changed) {
        if (auto st =
                store.record(m_clientId, ch, m_boxes.value(ch)->isChecked(), m_method->text(), m_staffId);
            !st) {
            m_error->setText(st.message());
            return;
        }
    }
    accept();
}

} // namespace cd::ui
