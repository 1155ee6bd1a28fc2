#include "diary/AppointmentDialog.h"

#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/DiaryModel.h"
#include "search/ClientSearch.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace cd::ui {

AppointmentDialog::AppointmentDialog(Workspace& workspace, const Appointment& initial, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_initial(initial), m_clientId(initial.clientId)
{
    setObjectName(QStringLiteral("appointmentDialog"));
    const bool editing = initial.id > 0;
    setWindowTitle(editing ? tr("Appointment %1").arg(initial.id) : tr("Book an appointment"));
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setHorizontalSpacing(12); // "Treatment", the longest label, clear of its box

    m_client = new QLabel;
    m_client->setObjectName(QStringLiteral("appointmentClient"));
    if (m_clientId > 0) {
        QString name = initial.clientName;
        if (name.isEmpty())
            if (auto c = workspace.clients().get(m_clientId))
                name = c->displayName();
        m_client->setText(QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped()));
        form->addRow(tr("Client"), m_client);
    } else {
        m_clientSearch = new QLineEdit;
        m_clientSearch->setObjectName(QStringLiteral("appointmentClientSearch"));
        m_clientSearch->setAccessibleName(tr("Find the client"));
        m_clientSearch->setPlaceholderText(tr("Name, phone or email…"));
        m_clientResults = new QListWidget;
        m_clientResults->setObjectName(QStringLiteral("appointmentClientResults"));
        m_clientResults->setAccessibleName(tr("Matching clients"));
        m_clientResults->setMaximumHeight(m_clientResults->fontMetrics().height() * 6);
        m_client->setText(tr("No client chosen yet"));
        auto* box = new QVBoxLayout;
        box->setContentsMargins(0, 0, 0, 0);
        box->addWidget(m_clientSearch);
        box->addWidget(m_clientResults);
        box->addWidget(m_client);
        form->addRow(tr("&Client"), box);
        if (auto* label = qobject_cast<QLabel*>(form->labelForField(box)))
            label->setBuddy(m_clientSearch);
        m_clientResults->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        connect(m_clientSearch, &QLineEdit::textChanged, this, &AppointmentDialog::searchClients);
        connect(m_clientResults, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
            m_clientId = item ? item->data(Qt::UserRole).toLongLong() : 0;
            m_client->setText(
                item
                    ? tr("Booking for <b>%1</b>").arg(item->data(Qt::UserRole + 1).toString().toHtmlEscaped())
                    : tr("No client chosen yet"));
        });
    }

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("appointmentKind"));
    for (AppointmentKind k : vocab::all<AppointmentKind>())
        m_kind->addItem(vocab::label(k), vocab::code(k));
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(vocab::code(initial.kind))));
    form->addRow(tr("&Kind"), m_kind);

    const QDateTime start = initial.startsAt.isValid() ? initial.startsAt.toLocalTime() : QDateTime();
    m_date = new QDateEdit(start.isValid() ? start.date() : QDate::currentDate());
    m_date->setObjectName(QStringLiteral("appointmentDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("ddd dd/MM/yyyy"));
    m_date->setMinimumWidth(m_date->fontMetrics().horizontalAdvance(QStringLiteral("Wed 30/09/2026")) + 48);
    form->addRow(tr("&Date"), m_date);
    m_start = new QTimeEdit(start.isValid() ? start.time() : QTime(9, 0));
    m_start->setObjectName(QStringLiteral("appointmentStart"));
    m_start->setDisplayFormat(QStringLiteral("HH:mm"));
    m_duration = new QSpinBox;
    m_duration->setObjectName(QStringLiteral("appointmentDuration"));
    m_duration->setRange(Diary::kMinDurationMinutes, Diary::kMaxDurationMinutes);
    m_duration->setSingleStep(5);
    m_duration->setSuffix(tr(" min"));
    m_duration->setValue(initial.durationMinutes);
    m_end = new QLabel;
    m_end->setObjectName(QStringLiteral("appointmentEnd"));
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(m_start);
    timeRow->addWidget(new QLabel(tr("for")));
    timeRow->addWidget(m_duration);
    timeRow->addWidget(m_end, 1);
    form->addRow(tr("&Start"), timeRow);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(timeRow)))
        label->setBuddy(m_start);
    m_start->setAccessibleName(tr("Start time"));
    m_duration->setAccessibleName(tr("Duration in minutes"));

    m_practitioner = new QComboBox;
    m_practitioner->setObjectName(QStringLiteral("appointmentPractitioner"));
    Diary& diary = workspace.diary();
    if (auto list = diary.practitioners())
        for (const Practitioner& p : list.value())
            m_practitioner->addItem(p.displayName, p.id);
    if (initial.practitionerId && m_practitioner->findData(initial.practitionerId) < 0)
        m_practitioner->addItem(initial.practitionerName, initial.practitionerId);
    m_practitioner->setCurrentIndex(std::max(0, m_practitioner->findData(initial.practitionerId)));
    form->addRow(tr("&With"), m_practitioner);
    m_room = new QComboBox;
    m_room->setObjectName(QStringLiteral("appointmentRoom"));
    m_room->addItem(tr("No room (e.g. a phone consultation)"), qint64(0));
    if (auto rooms = diary.rooms())
        for (const Room& r : rooms.value())
            m_room->addItem(r.name, r.id);
    if (initial.roomId && m_room->findData(initial.roomId) < 0)
        m_room->addItem(initial.roomName, initial.roomId);
    m_room->setCurrentIndex(std::max(0, m_room->findData(initial.roomId)));
    if (!initial.roomId && initial.id == 0 && m_room->count() > 1)
        m_room->setCurrentIndex(1);
    form->addRow(tr("&Room"), m_room);
    m_treatment = new QLineEdit(initial.treatment);
    m_treatment->setObjectName(QStringLiteral("appointmentTreatment"));
    m_treatment->setPlaceholderText(tr("e.g. Lip filler, or Consultation: anti-wrinkle"));
    form->addRow(tr("&Treatment"), m_treatment);
    m_notes = new QPlainTextEdit(initial.notes);
    m_notes->setObjectName(QStringLiteral("appointmentNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 4);
    form->addRow(tr("&Notes"), m_notes);
    // Every field carries its label as its accessible name.
    for (int r = 0; r < form->rowCount(); ++r)
        if (auto* label = qobject_cast<QLabel*>(form->itemAt(r, QFormLayout::LabelRole)
                                                    ? form->itemAt(r, QFormLayout::LabelRole)->widget()
                                                    : nullptr))
            if (QWidget* field = form->itemAt(r, QFormLayout::FieldRole)
                                     ? form->itemAt(r, QFormLayout::FieldRole)->widget()
                                     : nullptr) {
                label->setBuddy(field);
                if (field->accessibleName().isEmpty())
                    field->setAccessibleName(label->text().remove(QLatin1Char('&')));
            }

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("appointmentError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    QPushButton* saveButton = buttons->button(QDialogButtonBox::Save);
    saveButton->setObjectName(QStringLiteral("appointmentSave"));
    saveButton->setText(editing ? tr("&Save changes") : tr("&Book"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AppointmentDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QTimeEdit::timeChanged, this, &AppointmentDialog::updateEnd);
    connect(m_duration, &QSpinBox::valueChanged, this, &AppointmentDialog::updateEnd);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    updateEnd();
    if (m_clientSearch)
        m_clientSearch->setFocus();
    else
        m_kind->setFocus();
}

void AppointmentDialog::updateEnd()
{
    m_end->setText(
        tr("until %1")
            .arg(m_start->time().addSecs(m_duration->value() * 60).toString(QStringLiteral("HH:mm"))));
}

void AppointmentDialog::searchClients(const QString& text)
{
    m_clientResults->clear();
    if (text.trimmed().isEmpty())
        return;
    auto hits = m_workspace.search().search(text, 8);
    if (!hits)
        return m_error->setText(hits.message());
    for (const SearchHit& h : hits.value()) {
        const QString name = h.client.displayName();
        QStringList extra{h.client.phoneE164.isEmpty() ? QString()
                                                       : phone::formatNational(h.client.phoneE164),
                          h.client.postcode, h.client.email};
        extra.removeAll(QString());
        auto* item = new QListWidgetItem(
            extra.isEmpty() ? name : tr("%1 — %2").arg(name, extra.join(QStringLiteral(", "))),
            m_clientResults);
        item->setData(Qt::UserRole, h.client.id);
        item->setData(Qt::UserRole + 1, name);
    }
    // Chosen for the receptionist only when it cannot be someone else: the one person found, or an
    // exact name or phone match; otherwise she picks (two Amaras must not be a guess).
    if (m_clientResults->count() == 1 || (!hits->isEmpty() && hits->first().score >= 80 &&
                                          (hits->size() < 2 || hits->at(1).score < hits->first().score)))
        m_clientResults->setCurrentRow(0);
}

void AppointmentDialog::save()
{
    if (m_clientId <= 0) {
        m_error->setText(tr("Choose the client: type a name, phone or email and pick them from the list."));
        if (m_clientSearch)
            m_clientSearch->setFocus();
        return;
    }
    Appointment a = m_initial;
    a.clientId = m_clientId;
    a.kind = vocab::fromCode<AppointmentKind>(m_kind->currentData().toString())
                 .value_or(AppointmentKind::Consultation);
    a.startsAt = QDateTime(m_date->date(), m_start->time());
    a.durationMinutes = m_duration->value();
    a.practitionerId = m_practitioner->currentData().toLongLong();
    a.roomId = m_room->currentData().toLongLong();
    a.treatment = m_treatment->text().trimmed();
    a.notes = m_notes->toPlainText().trimmed();
    Diary& diary = m_workspace.diary();
    // A time already gone is asked about first: a walk-in recorded afterwards, or a slip.
    const bool moving = a.id > 0;
    if ((!moving || a.startsAt != m_initial.startsAt) && a.startsAt < Clock::now()) {
        const QString when = tr("%1 at %2")
                                 .arg(QLocale().toString(a.startsAt.date(), QStringLiteral("dddd d MMMM")),
                                      a.startsAt.time().toString(QStringLiteral("HH:mm")));
        if (!ask::confirm(this, tr("This time has passed"),
                          moving
                              ? tr("%1 is already in the past. Move the appointment there anyway, to record "
                                   "when it took place?")
                                    .arg(when)
                              : tr("%1 is already in the past. Book it anyway, to record a visit that took "
                                   "place?")
                                    .arg(when),
                          moving ? tr("Move anyway") : tr("Book anyway"), false))
            return m_error->setText(moving ? tr("Not moved: choose a time still to come.")
                                           : tr("Not booked: choose a time still to come."));
        a.pastConfirmed = true;
    }
    if (moving) {
        if (auto st = diary.update(a); !st)
            return m_error->setText(st.message());
        m_savedId = a.id;
    } else {
        auto id = diary.book(a);
        if (!id)
            return m_error->setText(id.message());
        m_savedId = id.value();
    }
    accept();
}

} // namespace cd::ui
