#include "clients/LogCallDialog.h"

#include "clients/ClientItemDelegate.h"
#include "clients/ClientListModel.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cd::ui {

namespace {
constexpr int kFirstWeekday = 3; // after "No follow-up", "Today" and "Tomorrow"
} // namespace

LogCallDialog::LogCallDialog(Workspace& workspace, qint64 staffId, qint64 clientId, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_staffId(staffId)
{
    setWindowTitle(tr("Log a call"));
    m_find = new QLineEdit;
    m_find->setObjectName(QStringLiteral("logCallFind"));
    m_find->setPlaceholderText(tr("Find the client: name or phone number"));
    m_find->setAccessibleName(tr("Find client"));
    m_model = new ClientListModel(workspace.clients(), workspace.search(), this);
    m_results = new QListView;
    m_results->setObjectName(QStringLiteral("logCallResults"));
    m_results->setModel(m_model);
    m_results->setMaximumHeight(140);
    m_results->setItemDelegate(new ClientItemDelegate(m_results));
    m_client = new QLabel;
    m_client->setObjectName(QStringLiteral("logCallClient"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("logCallKind"));
    m_kind->addItem(tr("Phone call, incoming"), QStringLiteral("call:in"));
    m_kind->addItem(tr("Phone call, outgoing"), QStringLiteral("call:out"));
    m_kind->addItem(tr("Enquiry"), QStringLiteral("enquiry:"));
    m_kind->addItem(tr("Email received"), QStringLiteral("email:in"));
    m_kind->addItem(tr("Email sent"), QStringLiteral("email:out"));
    m_kind->addItem(tr("Social media message"), QStringLiteral("social:in"));
    m_kind->addItem(tr("In person"), QStringLiteral("in_person:"));
    m_kind->addItem(tr("Complaint"), QStringLiteral("complaint:"));
    m_kind->addItem(tr("Availability"), QStringLiteral("availability:"));
    m_minutes = new QSpinBox;
    m_minutes->setRange(0, 600);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setSpecialValueText(tr("not noted"));
    m_note = new QPlainTextEdit;
    m_note->setObjectName(QStringLiteral("logCallNote"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("What was said or asked. Enter saves; Shift+Enter for a new line."));
    m_note->installEventFilter(this);
    m_followUp = new QComboBox;
    m_followUp->setObjectName(QStringLiteral("logCallFollowUp"));
    m_followUp->setAccessibleName(tr("Follow-up"));
    const QDate today = Clock::today();
    m_followUp->addItem(tr("No follow-up"), QDate());
    m_followUp->addItem(tr("Today"), today);
    m_followUp->addItem(tr("Tomorrow"), today.addDays(1));
    Q_ASSERT(m_followUp->count() == kFirstWeekday);
    // The next seven days in date order, by name. Typing on the list looks for a day's name first
    // (eventFilter): T is the next Tuesday or Thursday, "th" Thursday; "to" is Today, "tom" Tomorrow.
    for (int ahead = 1; ahead <= 7; ++ahead) {
        const QDate date = today.addDays(ahead);
        m_followUp->addItem(tr("%1 (%2)").arg(QLocale().dayName(date.dayOfWeek()),
                                              QLocale().toString(date, QStringLiteral("d MMM"))),
                            date);
    }
    m_followUp->addItem(tr("In two weeks"), today.addDays(14));
    m_followUp->addItem(tr("Pick a date…"), QStringLiteral("pick"));
    m_followUpDate = new QDateEdit(today.addDays(1));
    m_followUpDate->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_followUpDate->setCalendarPopup(true);
    m_followUpDate->setMinimumDate(today); // core refuses a day already gone
    m_followUpDate->setMaximumDate(today.addYears(5));
    m_followUpDate->hide();
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("logCallError"));
    style::setTone(m_error, style::Tone::Error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("logCallSave"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Client:"), m_find);
    form->addRow(QString(), m_results);
    form->addRow(QString(), m_client);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Duration:"), m_minutes);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(tr("&Follow-up:"), m_followUp);
    form->addRow(QString(), m_followUpDate);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(520, 460);

    connect(m_find, &QLineEdit::textChanged, this, &LogCallDialog::searchClients);
    connect(m_results, &QListView::activated, this,
            [this](const QModelIndex& i) { pickClient(m_model->clientIdAt(i.row())); });
    connect(m_results, &QListView::clicked, this,
            [this](const QModelIndex& i) { pickClient(m_model->clientIdAt(i.row())); });
    connect(m_followUp, &QComboBox::currentIndexChanged, this, &LogCallDialog::followUpChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &LogCallDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_find->installEventFilter(this);
    m_followUp->installEventFilter(this);

    m_results->hide();
    if (clientId > 0) {
        pickClient(clientId);
        m_note->setFocus();
    } else {
        m_client->setText(tr("No client chosen yet."));
        m_find->setFocus();
    }
}

void LogCallDialog::searchClients(const QString& text)
{
    // The find box shows the chosen client's name; typing something else there is a new search, and
    // what is saved is what is shown.
    if (m_clientId && text != m_chosenName) {
        m_clientId = 0;
        m_chosenName.clear();
        m_client->setText(tr("No client chosen yet."));
    }
    m_model->setSearchText(text);
    m_results->setVisible(!text.trimmed().isEmpty());
    if (m_model->rowCount() > 0)
        m_results->setCurrentIndex(m_model->index(0));
}

void LogCallDialog::pickClient(qint64 id)
{
    auto c = m_workspace.clients().get(id);
    if (!c) {
        m_error->setText(c.message());
        return;
    }
    m_clientId = id;
    m_chosenName = c->displayName();
    {
        const QSignalBlocker quiet(m_find);
        m_find->setText(m_chosenName);
    }
    // Enough to tell two people of the same name apart before the note is written.
    QStringList about;
    if (!c->phones.isEmpty())
        about << c->phones.first().number;
    if (c->dateOfBirth.isValid())
        about << tr("born %1").arg(QLocale().toString(c->dateOfBirth, QStringLiteral("d MMM yyyy")));
    m_client->setText(about.isEmpty() ? tr("✓ Chosen") : tr("✓ %1").arg(about.join(QStringLiteral(" · "))));
    m_results->hide();
    m_note->setFocus();
}

void LogCallDialog::followUpChanged()
{
    m_followUpDate->setVisible(m_followUp->currentData().toString() == QLatin1String("pick"));
}

bool LogCallDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (watched == m_note && enter && !(key->modifiers() & Qt::ShiftModifier)) {
            save();
            return true;
        }
        if (watched == m_followUp && !key->text().isEmpty() && key->text().at(0).isLetter() &&
            !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - m_typedAt > QApplication::keyboardInputInterval())
                m_typed.clear();
            m_typedAt = now;
            m_typed += key->text().toLower();
            // The days of the week first (in date order), then the other choices.
            int found = -1;
            for (int pass = 0; pass < 2 && found < 0; ++pass)
                for (int i = 0; i < m_followUp->count() && found < 0; ++i) {
                    const bool weekday = i >= kFirstWeekday && i < kFirstWeekday + 7;
                    if ((pass == 0) == weekday &&
                        m_followUp->itemText(i).startsWith(m_typed, Qt::CaseInsensitive))
                        found = i;
                }
            if (found >= 0)
                m_followUp->setCurrentIndex(found);
            return true;
        }
        if (watched == m_find) {
            if (enter) {
                if (m_results->currentIndex().isValid())
                    pickClient(m_model->clientIdAt(m_results->currentIndex().row()));
                return true;
            }
            if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
                const int row =
                    std::clamp(m_results->currentIndex().row() + (key->key() == Qt::Key_Down ? 1 : -1), 0,
                               std::max(0, m_model->rowCount() - 1));
                m_results->setCurrentIndex(m_model->index(row));
                return true;
            }
        }
    }
    return QDialog::eventFilter(watched, event);
}

void LogCallDialog::save()
{
    if (m_clientId == 0) {
        m_error->setText(tr("Choose the client first: type a name or number above."));
        m_find->setFocus();
        return;
    }
    const QStringList kind = m_kind->currentData().toString().split(QLatin1Char(':'));
    Interaction i;
    i.clientId = m_clientId;
    i.kind = vocab::fromCode<InteractionKind>(kind.value(0)).value_or(InteractionKind::Call);
    i.direction = vocab::fromCode<Direction>(kind.value(1)).value_or(Direction::None);
    i.durationSeconds = m_minutes->value() * 60;
    i.authorId = m_staffId;
    i.body = m_note->toPlainText();
    const QVariant follow = m_followUp->currentData();
    i.followUpOn = follow.toString() == QLatin1String("pick") ? m_followUpDate->date() : follow.toDate();
    auto id = m_workspace.interactions().add(i);
    if (!id) {
        m_error->setText(id.message());
        return;
    }
    m_savedId = id.value();
    accept();
}

} // namespace cd::ui
