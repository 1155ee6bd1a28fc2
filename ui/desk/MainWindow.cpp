#include "desk/MainWindow.h"

#include "accounts/Access.h"
#include "clients/ClientDetailView.h"
#include "clients/ClientEditor.h"
#include "clients/ClientItemDelegate.h"
#include "clients/ClientListModel.h"
#include "clients/ClientStore.h"
#include "clients/ConsentDialog.h"
#include "clients/DuplicatesDialog.h"
#include "clients/ImportDialog.h"
#include "clients/LogCallDialog.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/InfoDialog.h"
#include "desk/SettingsDialog.h"
#include "desk/TaskRunner.h"
#include "desk/TodayPanel.h"
#include "desk/Workspace.h"
#include "diary/DiaryWindow.h"
#include "forms/TemplateDialog.h"
#include "images/ImageGallery.h"
#include "privacy/RegisterDialog.h"
#include "privacy/RetentionDialog.h"
#include "records/BatchRecallDialog.h"
#include "records/Quotes.h"
#include "records/TakingsDialog.h"
#include "settings/Settings.h"
#include "signin/ChangePassphraseDialog.h"
#include "staff/AuditDialog.h"
#include "staff/StaffDialog.h"
#include "stock/Stock.h"
#include "stock/StockDialog.h"
#include "vault/Vault.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace cd::ui {

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget* parent)
    : QMainWindow(parent), m_workspace(std::move(workspace))
{
    setObjectName(QStringLiteral("mainWindow"));

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search clients"));
    m_search->setPlaceholderText(tr("Search: name, phone, email, postcode or words in notes  (Ctrl+K)"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_model = new ClientListModel(m_workspace->clients(), m_workspace->search(), this);
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("clientList"));
    m_list->setAccessibleName(tr("Clients"));
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setItemDelegate(new ClientItemDelegate(m_list));

    m_todayPanel = new TodayPanel(*m_workspace);
    m_todayPanel->setObjectName(QStringLiteral("todayPanel"));

    auto* left = new QWidget;
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_search);
    ll->addWidget(m_list, 3);
    ll->addWidget(m_todayPanel, 3);

    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_detail = new ClientDetailView(*m_workspace);
    m_detail->setObjectName(QStringLiteral("clientDetail"));
    m_detail->gallery()->setStaffId(m_workspace->me().id);
    m_right = new QStackedWidget;
    m_right->addWidget(m_empty);
    m_right->addWidget(m_detail);

    auto* split = new QSplitter;
    split->addWidget(left);
    split->addWidget(m_right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    // Room for today's appointments (time, client, treatment, with, status) and for the record's nine tabs.
    split->setSizes({440, 840});
    setCentralWidget(split);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("statusClients"));
    m_stockAlert = new QPushButton;
    m_stockAlert->setObjectName(QStringLiteral("stockAlert"));
    m_stockAlert->setFlat(true);
    m_stockAlert->setIcon(style::icon(QStringLiteral("treatment")));
    m_stockAlert->setToolTip(tr("Open the stock"));
    style::setTone(m_stockAlert, style::Tone::Error);
    m_stockAlert->hide();
    statusBar()->addPermanentWidget(m_stockAlert);
    statusBar()->addPermanentWidget(m_status);
    connect(m_stockAlert, &QPushButton::clicked, this, &MainWindow::showStock);
    connect(m_workspace.get(), &Workspace::stockChanged, this, &MainWindow::refreshStockAlert);
    refreshStockAlert();

    buildMenus();
    // The icon set on the actions the desk uses most (menus show them beside the words).
    for (const auto& [action, icon] :
         {std::pair{"actionNewClient", "new-client"}, std::pair{"actionFind", "search"},
          std::pair{"actionEditClient", "edit"}, std::pair{"actionLogCall", "log-call"},
          std::pair{"actionBookAppointment", "book"}, std::pair{"actionDiary", "diary"},
          std::pair{"actionAddImages", "images"}, std::pair{"actionLock", "lock"},
          std::pair{"actionAudit", "audit"}, std::pair{"actionNewRequest", "privacy"},
          std::pair{"actionImport", "export"}, std::pair{"actionTakings", "payment"},
          std::pair{"actionBatchRecall", "treatment"}})
        if (auto* a = findChild<QAction*>(QLatin1String(action)))
            a->setIcon(style::icon(QLatin1String(icon)));
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::search);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& i) { openClient(m_model->clientIdAt(i.row())); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() == 0 || m_model->searchText().isEmpty())
            return;
        // New search text: the best match. The same search reloaded after a change: the client on
        // screen stays chosen when she is still found.
        int row = 0;
        if (m_keepCurrentOnReset)
            for (int r = 0; r < m_model->rowCount(); ++r)
                if (m_model->clientIdAt(r) == currentClientId())
                    row = r;
        m_list->setCurrentIndex(m_model->index(row));
    });
    connect(m_detail, &ClientDetailView::editRequested, this, &MainWindow::editClient);
    connect(m_detail, &ClientDetailView::logCallRequested, this, &MainWindow::logCall);
    connect(m_detail, &ClientDetailView::consentRequested, this, [this](qint64 id) {
        ConsentDialog dialog(m_workspace->consent(), id, m_workspace->me().id, this);
        if (dialog.exec() == QDialog::Accepted)
            openClient(id);
    });
    listenToChanges();
    connect(m_detail, &ClientDetailView::erased, this, [this] {
        openClient(0);
        statusBar()->showMessage(tr("Client erased. The register and the tombstone record what was done."),
                                 8000);
    });
    connect(m_todayPanel, &TodayPanel::openDiaryRequested, this, &MainWindow::showDiary);
    connect(m_todayPanel, &TodayPanel::openClientRequested, this, &MainWindow::openClient);
    connect(m_todayPanel, &TodayPanel::message, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    connect(m_detail, &ClientDetailView::bookAppointmentRequested, this, [this](qint64 id) {
        if (id > 0)
            showDiary()->book(id);
    });
    connect(m_detail, &ClientDetailView::appointmentActivated, this,
            [this](qint64 id) { showDiary()->showAppointment(id); });

    // 1280×780 where the screen has room; on a 1366×768 laptop, what its screen leaves.
    if (QScreen* s = screen()) {
        const QSize room = s->availableGeometry().size() - QSize(16, 40); // the window frame
        resize(QSize(1280, 780).boundedTo(room));
    } else {
        resize(1280, 780);
    }
    // A desk left open overnight: at the first minute of a new day, sent quotes past their validity
    // expire and today's appointments and follow-ups are those of the new day.
    auto* dayTimer = new QTimer(this);
    connect(dayTimer, &QTimer::timeout, this, &MainWindow::checkDayChange);
    dayTimer->start(60 * 1000);
    expireQuotes();
    m_todayPanel->refresh(); // after the expiry
    refreshStatus();
    openClient(0);
    m_search->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::listenToChanges()
{
    // What this window shows follows the change feed: whoever made the change (a dialog, another
    // window, a worker, another desk), the lists and the record on screen are reloaded once.
    Workspace& w = *m_workspace;
    connect(&w, &Workspace::clientsChanged, this, [this](const QSet<qint64>& ids) {
        m_keepCurrentOnReset = true;
        m_model->reload();
        m_keepCurrentOnReset = false;
        refreshStatus();
        if (const qint64 id = currentClientId(); id > 0 && (ids.isEmpty() || ids.contains(id)))
            m_detail->showClient(id);
    });
    connect(&w, &Workspace::settingsChanged, this, &MainWindow::refreshStatus);
}

void MainWindow::buildMenus()
{
    auto add = [this](QMenu* menu, const QString& text, const QList<QKeySequence>& keys, auto slot,
                      const QString& name) {
        QAction* a = menu->addAction(text);
        a->setObjectName(name);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::ApplicationShortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(
        file, tr("&New client…"), {QKeySequence(Qt::CTRL | Qt::Key_N)}, [this] { newClient(); },
        QStringLiteral("actionNewClient"));
    add(
        file, tr("Add &images…"), {QKeySequence(Qt::CTRL | Qt::Key_I)}, [this] { addImages(); },
        QStringLiteral("actionAddImages"));
    add(
        file, tr("&Import clients from CSV…"), {}, [this] { importClients(); },
        QStringLiteral("actionImport"));
    add(
        file, tr("Clinic &settings…"), {}, [this] { editClinicSettings(*m_workspace, this); },
        QStringLiteral("actionClinicSettings"))
        ->setEnabled(m_workspace->may(Action::Settings));
    file->addSeparator();
    add(
        file, tr("&Quit"), {QKeySequence::Quit}, [] { QApplication::quit(); }, QStringLiteral("actionQuit"));
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    add(
        edit, tr("&Find client"), {QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::Key_F)},
        [this] { focusSearch(); }, QStringLiteral("actionFind"));
    add(
        edit, tr("&Edit client…"), {QKeySequence(Qt::CTRL | Qt::Key_E)},
        [this] { editClient(currentClientId()); }, QStringLiteral("actionEditClient"));
    QMenu* client = menuBar()->addMenu(tr("&Client"));
    add(
        client, tr("&Log call…"), {QKeySequence(Qt::CTRL | Qt::Key_L)},
        [this] { logCall(currentClientId()); }, QStringLiteral("actionLogCall"));
    add(
        client, tr("Find &duplicates…"), {}, [this] { findDuplicates(); },
        QStringLiteral("actionDuplicates"));
    addRecordsMenu(client);
    client->addSeparator();
    // The Images tab's own actions (F2 and Delete work while the gallery has the focus).
    client->addAction(m_detail->gallery()->editAction());
    client->addAction(m_detail->gallery()->deleteAction());
    client->addSeparator();
    add(
        client, tr("&Refresh follow-ups"), {QKeySequence(Qt::Key_F5)}, [this] { m_todayPanel->refresh(); },
        QStringLiteral("actionRefresh"));
    QMenu* diary = menuBar()->addMenu(tr("&Diary"));
    const bool canBook = m_workspace->may(Action::BookAppointments);
    QAction* bookAction = add(
        diary, tr("&Book appointment…"), {QKeySequence(Qt::CTRL | Qt::Key_B)}, [this] { bookAppointment(); },
        QStringLiteral("actionBookAppointment"));
    bookAction->setEnabled(canBook);
    client->insertAction(client->actions().value(0), bookAction);
    add(
        diary, tr("Open the &diary"), {QKeySequence(Qt::CTRL | Qt::Key_D)}, [this] { showDiary(); },
        QStringLiteral("actionDiary"))
        ->setEnabled(m_workspace->may(Action::ViewDiary));
    add(
        diary, tr("&Today's appointments"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)},
        [this] {
            activateWindow();
            m_todayPanel->focusAppointments();
        },
        QStringLiteral("actionTodayList"));
    add(
        diary, tr("This client's &appointments"), {},
        [this] {
            if (currentClientId() > 0)
                m_detail->showAppointments();
        },
        QStringLiteral("actionClientAppointments"));
    QMenu* privacy = menuBar()->addMenu(tr("&Privacy"));
    add(
        privacy, tr("Request &register…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
        [this] { showRegister(); }, QStringLiteral("actionRegister"))
        ->setEnabled(m_workspace->may(Action::PrivacyRequests));
    add(
        privacy, tr("&New request for this client…"), {},
        [this] {
            if (currentClientId() > 0) {
                m_detail->showPrivacy();
            }
        },
        QStringLiteral("actionNewRequest"));
    const bool managerMenu = m_workspace->isManager();
    privacy->addSeparator();
    add(
        privacy, tr("Re&tention review…"), {},
        [this] {
            RetentionDialog d(*m_workspace, this);
            d.exec();
        },
        QStringLiteral("actionRetention"))
        ->setEnabled(managerMenu);
    QMenu* staffMenu = menuBar()->addMenu(tr("&Staff"));
    const bool manager = m_workspace->isManager();
    add(
        staffMenu, tr("&Lock"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)},
        [this] { Q_EMIT lockRequested(); }, QStringLiteral("actionLock"));
    add(
        staffMenu, tr("Change my &passphrase…"), {},
        [this] {
            ChangePassphraseDialog d(m_workspace->vault(), this);
            d.exec();
        },
        QStringLiteral("actionChangePassphrase"))
        ->setEnabled(!m_workspace->vault().openedWithRecoveryKey());
    staffMenu->addSeparator();
    add(
        staffMenu, tr("Staff &accounts…"), {},
        [this] {
            StaffDialog d(m_workspace->vault(), &m_workspace->tasks(), this);
            d.exec();
        },
        QStringLiteral("actionStaff"))
        ->setEnabled(manager);
    add(
        staffMenu, tr("Audit &log…"), {},
        [this] {
            AuditDialog d(*m_workspace, this);
            d.exec();
        },
        QStringLiteral("actionAudit"))
        ->setEnabled(manager);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(
        help, tr("&Privacy: where data lives…"), {}, [this] { showPrivacyDialog(*m_workspace, this); },
        QStringLiteral("actionPrivacyInfo"));
    add(
        help, tr("&About Clinicdesk"), {}, [this] { showAbout(); }, QStringLiteral("actionAbout"));
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // The search box is where Ctrl+K → Enter leaves the focus, so the menus' Ctrl shortcuts must work
    // there; a line edit under the X11 key scheme claims some of them (Ctrl+E: end of line). Its
    // editing keys (copy, paste, undo, select all…) stay its own.
    if (watched == m_search && event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const QKeySequence pressed(key->keyCombination());
        const bool editing = key->matches(QKeySequence::Copy) || key->matches(QKeySequence::Paste) ||
                             key->matches(QKeySequence::Cut) || key->matches(QKeySequence::Undo) ||
                             key->matches(QKeySequence::Redo) || key->matches(QKeySequence::SelectAll);
        if ((key->modifiers() & Qt::ControlModifier) && !editing)
            for (const QAction* a : findChildren<QAction*>())
                if (a->isEnabled() && a->shortcuts().contains(pressed)) {
                    event->ignore();
                    return true;
                }
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const int rows = m_model->rowCount();
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) && rows > 0) {
            const int row =
                std::clamp(m_list->currentIndex().row() + (key->key() == Qt::Key_Down ? 1 : -1), 0, rows - 1);
            m_list->setCurrentIndex(m_model->index(row));
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (rows == 0 && !m_search->text().trimmed().isEmpty())
                newClient();
            else if (m_list->currentIndex().isValid())
                openClient(m_model->clientIdAt(m_list->currentIndex().row()));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_search->clear();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::focusSearch()
{
    activateWindow();
    m_search->setFocus();
    m_search->selectAll();
}

void MainWindow::search(const QString& text)
{
    const QString error = m_model->setSearchText(text);
    if (!error.isEmpty())
        statusBar()->showMessage(error, 8000);
    if (m_model->rowCount() == 0)
        openClient(0);
}

qint64 MainWindow::currentClientId() const
{
    return m_right->currentWidget() == m_detail ? m_detail->clientId() : 0;
}

void MainWindow::openClient(qint64 id)
{
    if (id <= 0) {
        const bool searching = !m_search->text().trimmed().isEmpty();
        if (m_model->totalClients() == 0 && !searching)
            m_empty->setText(tr("<h2>No clients yet</h2><p>Press <b>Ctrl+N</b> to add the first one, or use "
                                "File → Import clients from CSV.</p>"));
        else if (searching && m_model->rowCount() == 0)
            m_empty->setText(
                tr("<h2>Nobody found for “%1”</h2><p>Press <b>Enter</b> or <b>Ctrl+N</b> to create a "
                   "new client from it.</p><p style='color:%2'>Names, emails and postcodes are found from "
                   "their first letters; words in notes only when typed in full.</p>")
                    .arg(m_search->text().trimmed().toHtmlEscaped(), palette::css(palette::now().muted)));
        else
            m_empty->setText(
                tr("<h2>Find a client</h2><p>Type a name, phone number, email, postcode or a word "
                   "from a note. <b>Ctrl+L</b> logs a call, <b>Ctrl+N</b> adds a client.</p>"));
        m_detail->clear();
        m_right->setCurrentWidget(m_empty);
        return;
    }
    m_detail->showClient(id);
    m_right->setCurrentWidget(m_detail);
}

void MainWindow::newClient()
{
    ClientEditor editor(m_workspace->clients(), ClientEditor::fromSearchText(m_search->text()), this);
    if (editor.exec() != QDialog::Accepted) {
        if (editor.openExistingId() > 0)
            openClient(editor.openExistingId());
        return;
    }
    const qint64 id = editor.savedClientId();
    openClient(id);
    m_detail->setCurrentTab(0); // a new record starts on its overview, not on the last client's tab
    statusBar()->showMessage(tr("Client saved."), 4000);
}

void MainWindow::editClient(qint64 id)
{
    if (id <= 0)
        return;
    auto c = m_workspace->clients().get(id);
    if (!c)
        return statusBar()->showMessage(c.message(), 8000);
    ClientEditor editor(m_workspace->clients(), c.value(), this);
    if (editor.exec() == QDialog::Accepted) {
        openClient(id);
        statusBar()->showMessage(tr("Changes saved."), 4000);
    } else if (editor.openExistingId() > 0) {
        openClient(editor.openExistingId());
    }
}

void MainWindow::logCall(qint64 clientId)
{
    LogCallDialog dialog(*m_workspace, m_workspace->me().id, clientId, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    openClient(dialog.clientId());
    statusBar()->showMessage(tr("Logged."), 4000);
}

void MainWindow::importClients()
{
    ImportDialog dialog(m_workspace->db(), m_workspace->me().id, &m_workspace->tasks(), this);
    dialog.exec();
}

void MainWindow::showRegister()
{
    RegisterDialog dialog(m_workspace->privacy(), this);
    if (dialog.exec() == QDialog::Accepted && dialog.chosenClient() > 0) {
        openClient(dialog.chosenClient());
        m_detail->showPrivacy();
    }
}

QString MainWindow::searchText() const
{
    return m_search->text();
}

void MainWindow::setSearchText(const QString& text)
{
    m_search->setText(text);
}

int MainWindow::currentTab() const
{
    return m_detail->currentTab();
}

void MainWindow::setCurrentTab(int index)
{
    m_detail->setCurrentTab(index);
}

void MainWindow::findDuplicates()
{
    DuplicatesDialog dialog(m_workspace->merge(), m_workspace->me().id, this);
    dialog.exec();
    if (dialog.changedSomething())
        openClient(0); // the record on screen may have been merged away
}

void MainWindow::addImages()
{
    if (currentClientId() <= 0)
        return statusBar()->showMessage(tr("Open a client first: images are added to the client on screen."),
                                        6000);
    m_detail->showImages();
    m_detail->gallery()->chooseAndAdd();
}

DiaryWindow* MainWindow::showDiary()
{
    if (!m_diary) {
        m_diary = new DiaryWindow(*m_workspace, this);
        connect(m_diary, &DiaryWindow::openClientRequested, this, [this](qint64 id) {
            openClient(id);
            m_detail->showAppointments();
            activateWindow();
            raise();
        });
    }
    m_diary->show();
    m_diary->raise();
    m_diary->activateWindow();
    return m_diary;
}

void MainWindow::bookAppointment()
{
    // From the main window or inside the diary: at the diary's cursor (or the next free slot after it),
    // for the client on screen when there is one.
    showDiary()->book(currentClientId());
}

void MainWindow::checkDayChange()
{
    if (Clock::today() == m_todayPanel->dayShown())
        return;
    expireQuotes();
    m_todayPanel->refresh();
}

void MainWindow::expireQuotes()
{
    // Only for those who may change quotes; nothing is written when none has run out.
    if (m_workspace->may(Action::ManageQuotes))
        (void)m_workspace->quotes().expireOverdue();
}

qint64 MainWindow::clientCount()
{
    auto n = m_workspace->clients().count();
    return n ? n.value() : 0;
}

void MainWindow::refreshStatus()
{
    const QString clinic = m_workspace->settings().clinicName();
    setWindowTitle(clinic.isEmpty() ? tr("Clinicdesk") : tr("%1 — Clinicdesk").arg(clinic));
    m_status->setText(tr("Signed in as %1 · %n client(s)", nullptr, int(clientCount()))
                          .arg(m_workspace->me().displayName.isEmpty() ? tr("recovery key")
                                                                       : m_workspace->me().displayName));
}

void MainWindow::showAbout()
{
    showAboutDialog(*m_workspace, this);
}

void MainWindow::addRecordsMenu(QMenu* menu)
{
    menu->addSeparator();
    QAction* recall = menu->addAction(tr("&Batch recall…"));
    recall->setObjectName(QStringLiteral("actionBatchRecall"));
    recall->setEnabled(m_workspace->may(Action::BatchRecall));
    recall->setToolTip(tr("Who received a batch: managers only"));
    connect(recall, &QAction::triggered, this, &MainWindow::batchRecall);
    QAction* stock = menu->addAction(tr("&Stock…"));
    stock->setObjectName(QStringLiteral("actionStock"));
    connect(stock, &QAction::triggered, this, &MainWindow::showStock);
    QAction* templates = menu->addAction(tr("&Form templates…"));
    templates->setObjectName(QStringLiteral("actionFormTemplates"));
    templates->setToolTip(tr("The clinic's forms and their versions: managers change them"));
    connect(templates, &QAction::triggered, this, [this] {
        TemplateDialog dialog(*m_workspace, this);
        dialog.exec();
    });
    QAction* takings = menu->addAction(tr("Day's &takings…"));
    takings->setObjectName(QStringLiteral("actionTakings"));
    takings->setEnabled(m_workspace->may(Action::RecordPayments));
    connect(takings, &QAction::triggered, this, &MainWindow::daysTakings);
}

void MainWindow::showStock()
{
    StockDialog dialog(*m_workspace, this);
    dialog.exec();
}

// Expired, expiring and low batches, said in the status bar and opening the stock when clicked.
void MainWindow::refreshStockAlert()
{
    const auto alerts = Stock(m_workspace->db()).alerts();
    const QString said = alerts ? stockAlertText(alerts.value()) : QString();
    m_stockAlert->setText(said);
    m_stockAlert->setVisible(!said.isEmpty());
}

void MainWindow::batchRecall()
{
    BatchRecallDialog dialog(*m_workspace, this);
    if (dialog.exec() == QDialog::Accepted && dialog.chosenClient() > 0) {
        openClient(dialog.chosenClient());
        m_detail->showTreatments();
    }
}

void MainWindow::daysTakings()
{
    TakingsDialog dialog(m_workspace->payments(), this);
    dialog.exec();
}

} // namespace cd::ui
